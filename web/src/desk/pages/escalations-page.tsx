import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answerOf } from '../../api/client.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { formatInstant } from '../../shared/format.ts';
import { Link } from '../../shared/router.tsx';
import { Field, ProblemMessage } from '../../shared/ui.tsx';
import { useDesk } from '../desk-context.tsx';

type Escalation = NonNullable<Awaited<ReturnType<typeof readEscalations>>>['items'][number];

async function readEscalations(desk: ReturnType<typeof useDesk>, level: string, cursor?: string) {
  return answerOf(
    await desk.api.GET('/staff/escalations', {
      params: { query: { limit: 100, ...(level ? { level: Number(level) as 1 | 2 | 3 } : {}), ...(cursor ? { cursor } : {}) } as never },
    }),
  );
}

const refreshEveryMs = 30_000;

/** Unacknowledged escalations, highest level first, then the oldest: acknowledged from the list, one case at a time. */
export function EscalationsPage() {
  const { t } = useTranslation(['desk', 'common']);
  const desk = useDesk();
  const [level, setLevel] = useState('');
  const [items, setItems] = useState<Escalation[] | undefined>();
  const [cursor, setCursor] = useState<string | undefined>();
  const [error, setError] = useState<unknown>();
  const [rowErrors, setRowErrors] = useState<Record<string, unknown>>({});
  const [acknowledged, setAcknowledged] = useState<string | undefined>();

  const load = useCallback(async () => {
    try {
      const page = await readEscalations(desk, level);
      setItems(page.items);
      setCursor(page.cursor);
      setError(undefined);
    } catch (failure) {
      setError(failure);
    }
  }, [desk, level]);

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), refreshEveryMs);
    return () => clearInterval(timer);
  }, [load]);

  const more = async () => {
    if (!cursor) return;
    try {
      const page = await readEscalations(desk, level, cursor);
      setItems((shown) => [...(shown ?? []), ...page.items]);
      setCursor(page.cursor);
    } catch (failure) {
      setError(failure);
    }
  };

  const acknowledge = async (item: Escalation) => {
    const key = `${item.complaintId}:${item.level}:${item.window}`;
    try {
      answerOf(
        await desk.api.POST('/staff/complaints/{id}/escalations/ack', {
          params: { path: { id: item.complaintId } },
          body: { level: item.level },
        }),
      );
      setRowErrors(({ [key]: _, ...rest }) => rest);
      setAcknowledged(item.caseNumber);
      await load();
    } catch (failure) {
      setRowErrors((errors) => ({ ...errors, [key]: failure }));
    }
  };

  return (
    <>
      <h1>{t('escalations.title')}</h1>
      <form className="filters" onSubmit={(event) => (event.preventDefault(), void load())}>
        <Field label={t('escalations.level')}>
          {(props) => (
            <select {...props} value={level} onChange={(e) => setLevel(e.target.value)}>
              <option value="">{t('queue.anyLevel')}</option>
              {[1, 2, 3].map((value) => (
                <option key={value} value={String(value)}>
                  {t('queue.level', { level: value })}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="field">
          <button type="submit">{t('queue.refresh')}</button>
        </div>
      </form>
      <ProblemMessage error={error} />
      {acknowledged && (
        <p role="status" className="notice">
          {t('escalations.acknowledgedCase', { caseNumber: acknowledged })}
        </p>
      )}
      {items === undefined && !error && <p aria-live="polite">{t('common:loading')}</p>}
      {items && items.length === 0 && <p>{t('escalations.empty')}</p>}
      {items && items.length > 0 && (
        <table>
          <caption>{t('escalations.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('escalations.level')}</th>
              <th scope="col">{t('escalations.case')}</th>
              <th scope="col">{t('queue.columns.subject')}</th>
              <th scope="col">{t('queue.columns.owner')}</th>
              <th scope="col">{t('escalations.raised')}</th>
              <th scope="col">{t('escalations.reason')}</th>
              <th scope="col">{t('case.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => {
              const key = `${item.complaintId}:${item.level}:${item.window}`;
              return (
                <tr key={key}>
                  <td>{t('queue.level', { level: item.level })}</td>
                  <td>
                    <Link to={`/desk/cases/${encodeURIComponent(item.complaintId)}`}>{item.caseNumber}</Link>
                  </td>
                  <td className="customer-text">{item.subject}</td>
                  <td>{item.owner ?? <span className="muted">{t('queue.unassigned')}</span>}</td>
                  <td>{formatInstant(item.at, currentLanguage())}</td>
                  <td className="customer-text">{item.reason}</td>
                  <td>
                    <button type="button" aria-describedby={`ack-${item.complaintId}-${item.level}`} onClick={() => void acknowledge(item)}>
                      {t('case.acknowledge')}
                    </button>
                    <span id={`ack-${item.complaintId}-${item.level}`} className="visually-hidden">
                      {item.caseNumber} {t('queue.level', { level: item.level })}
                    </span>
                    <ProblemMessage error={rowErrors[key]} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {cursor && (
        <button type="button" className="secondary" onClick={() => void more()}>
          {t('queue.more')}
        </button>
      )}
    </>
  );
}
