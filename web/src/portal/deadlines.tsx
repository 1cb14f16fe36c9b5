import { useTranslation } from 'react-i18next';
import { formatInstant } from '../shared/format.ts';

/** The two deadlines of a case, in the UI language; "provisional" while the holiday calendar is not out. */
export function Deadlines({
  responseDueAt,
  resolutionDueAt,
  provisional,
  firstRespondedAt,
  paused,
  closed,
}: {
  responseDueAt: string;
  resolutionDueAt: string;
  provisional: boolean;
  firstRespondedAt?: string | undefined;
  paused?: boolean;
  closed?: boolean;
}) {
  const { t, i18n } = useTranslation('portal');
  const at = (iso: string) => formatInstant(iso, i18n.language);
  const mark = provisional ? ` (${t('deadline.provisional')})` : '';
  return (
    <>
      <dl className="facts deadlines">
        {firstRespondedAt ? (
          <>
            <dt>{t('deadline.firstAnswered')}</dt>
            <dd>
              <time dateTime={firstRespondedAt}>{at(firstRespondedAt)}</time>
            </dd>
          </>
        ) : (
          <>
            <dt>{t('deadline.response')}</dt>
            <dd>
              <time dateTime={responseDueAt}>{at(responseDueAt)}</time>
              {mark} <span className="muted">· {t('deadline.responseWithin')}</span>
            </dd>
          </>
        )}
        {!closed && (
          <>
            <dt>{t('deadline.resolution')}</dt>
            <dd>
              {paused ? (
                t('deadline.paused')
              ) : (
                <>
                  <time dateTime={resolutionDueAt}>{at(resolutionDueAt)}</time>
                  {mark} <span className="muted">· {t('deadline.resolutionWithin')}</span>
                </>
              )}
            </dd>
          </>
        )}
      </dl>
      {provisional && !closed && <p className="hint muted">{t('deadline.provisionalNote')}</p>}
    </>
  );
}
