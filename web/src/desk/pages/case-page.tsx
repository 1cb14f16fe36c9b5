import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Schemas, answerOf } from '../../api/client.ts';
import { currentLanguage } from '../../i18n/index.ts';
import type { DeadlineClock } from '../../shared/countdown.ts';
import { formatInstant } from '../../shared/format.ts';
import { Link } from '../../shared/router.tsx';
import { LoadedView, useLoaded } from '../../shared/ui.tsx';
import { ActionForm } from '../action-form.tsx';
import { CountdownText } from '../countdown-text.tsx';
import { useDesk } from '../desk-context.tsx';
import { maskEmail, maskPhone } from '../mask.ts';
import { allowedActions } from '../case-actions.ts';
import { categories, type Category } from '../../shared/categories.ts';
import { detailText } from '../timeline-details.ts';

type StaffCase = Schemas['StaffCase'];

export function CasePage({ id, readOnly = false }: { id: string; readOnly?: boolean }) {
  const desk = useDesk();
  const { loaded, reload } = useLoaded(async () => {
    const found = answerOf(await desk.api.GET('/staff/complaints/{id}', { params: { path: { id } } }));
    desk.serverClock.observe(found.clocks.asOf);
    return found;
  }, id);
  return <LoadedView loaded={loaded}>{(found) => <Workspace found={found} readOnly={readOnly} reload={reload} />}</LoadedView>;
}

function Workspace({ found, readOnly, reload }: { found: StaffCase; readOnly: boolean; reload: () => Promise<void> }) {
  const { t } = useTranslation(['desk', 'common']);
  const language = currentLanguage();
  const at = (iso: string | undefined) => formatInstant(iso, language, found.timeZone);
  return (
    <>
      <p>
        <Link to={readOnly ? '/desk/library' : '/desk/'}>{readOnly ? t('library.title') : t('case.back')}</Link>
      </p>
      <h1>
        {found.caseNumber} <span className="customer-text">{found.subject}</span>
      </h1>
      <p>
        {t(`common:phase.${found.phase}`)} · {found.severity} ·{' '}
        {found.category === 'uncertain' ? <span className="badge badge-uncertain">{t('queue.badges.uncertain')}</span> : t(`common:category.${found.category}`)} ·{' '}
        {t(`case.tiers.${found.tier}`)}
        {found.repeatOf && <span className="badge badge-repeat"> {t('queue.badges.repeat')}</span>}
        {found.escalationLevel > 0 && <span className="badge badge-risk"> {t('queue.level', { level: found.escalationLevel })}</span>}
        {readOnly && <span className="badge"> {t('case.readOnly')}</span>}
      </p>
      <div className="columns">
        <div>
          <section className="panel" aria-labelledby="complaint-heading">
            <h2 id="complaint-heading">{t('case.complaint')}</h2>
            <p className="muted">{t('case.received', { time: at(found.receivedAt), channel: found.channel })}</p>
            <p className="customer-text">{found.description}</p>
            {found.orderRef && (
              <p>
                {t('case.orderRef')}: <span className="customer-text">{found.orderRef}</span>
              </p>
            )}
            {found.resolution && (
              <dl className="facts">
                <dt>{t('case.rootCause')}</dt>
                <dd className="customer-text">{found.resolution.rootCause}</dd>
                <dt>{t('case.resolution')}</dt>
                <dd className="customer-text">{found.resolution.resolution}</dd>
                {found.resolution.compensation && (
                  <>
                    <dt>{t('case.compensation')}</dt>
                    <dd className="customer-text">{found.resolution.compensation}</dd>
                  </>
                )}
              </dl>
            )}
          </section>
          <Clocks found={found} />
          <Timeline found={found} />
        </div>
        <div>
          {!readOnly && <CategoryPick found={found} reload={reload} />}
          <Customer found={found} />
          <Triage found={found} />
          <Escalations found={found} />
          {!readOnly && <Actions found={found} reload={reload} />}
          <Similar found={found} />
        </div>
      </div>
    </>
  );
}

function Customer({ found }: { found: StaffCase }) {
  const { t } = useTranslation('desk');
  const [shown, setShown] = useState(false);
  return (
    <section className="panel" aria-labelledby="customer-heading">
      <h2 id="customer-heading">{t('case.customer')}</h2>
      <dl className="facts">
        <dt>{t('case.name')}</dt>
        <dd className="customer-text">{found.customer.name}</dd>
        <dt>{t('case.email')}</dt>
        <dd className="customer-text">{shown ? found.customer.email : maskEmail(found.customer.email)}</dd>
        {found.customer.phone && (
          <>
            <dt>{t('case.phone')}</dt>
            <dd className="customer-text">{shown ? found.customer.phone : maskPhone(found.customer.phone)}</dd>
          </>
        )}
        <dt>{t('case.tier')}</dt>
        <dd>{t(`case.tiers.${found.tier}`)}</dd>
      </dl>
      <button type="button" className="secondary" aria-pressed={shown} onClick={() => setShown(!shown)}>
        {shown ? t('case.hideContact') : t('case.showContact')}
      </button>
    </section>
  );
}

function Triage({ found }: { found: StaffCase }) {
  const { t } = useTranslation(['desk', 'common']);
  const triage = found.triage;
  return (
    <section className="panel" aria-labelledby="triage-heading">
      <h2 id="triage-heading">{t('case.triage')}</h2>
      <dl className="facts">
        <dt>{t('queue.columns.category')}</dt>
        <dd>
          {t(`common:category.${found.category}`)} ({t(`case.categorySource.${found.categorySource}`)})
          {triage && triage.category.value !== found.category && (
            <span className="muted"> · {t('case.triageSaid', { category: t(`common:category.${triage.category.value}`) })}</span>
          )}
          {triage && triage.category.evidence.length > 0 && <span className="muted customer-text"> · {triage.category.evidence.join(', ')}</span>}
          {triage?.category.mismatch && <span className="badge badge-risk"> → {t(`common:category.${triage.category.mismatch.suggested}`)}</span>}
        </dd>
        <dt>{t('case.severity')}</dt>
        <dd>
          {found.severity}
          {triage?.severity.reasons.map((reason) => (
            <span key={reason.rule} className="muted customer-text">
              {' '}
              · {reason.rule}
              {reason.evidence.length > 0 ? `: ${reason.evidence.join(', ')}` : ''}
            </span>
          ))}
        </dd>
        {triage && (
          <>
            <dt>{t('queue.badges.risk')}</dt>
            <dd className="customer-text">{triage.risk.high ? triage.risk.reasons.join(', ') || t('common:yes') : t('common:no')}</dd>
            <dt>{t('case.evidence')}</dt>
            <dd className="customer-text">
              {triage.sentiment.label} ({triage.sentiment.score}){triage.sentiment.evidence.length > 0 ? `: ${triage.sentiment.evidence.join(', ')}` : ''}
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}

/**
 * The category, and the form that picks it: the one triage left uncertain (marked out), or a
 * correction. One place whatever the category, so focus and the form's answer stay put after the pick.
 */
function CategoryPick({ found, reload }: { found: StaffCase; reload: () => Promise<void> }) {
  const { t } = useTranslation(['desk', 'common']);
  const desk = useDesk();
  if (!allowedActions(found, desk.user).pickCategory) return null;
  const uncertain = found.category === 'uncertain';
  const options = categories.map((value) => ({ value, label: t(`common:category.${value}`) }));
  return (
    <section className={uncertain ? 'panel panel-attention' : 'panel'} aria-labelledby="category-heading">
      <h2 id="category-heading">{t('case.category')}</h2>
      <p aria-live="polite">
        {uncertain ? <span className="badge badge-uncertain">{t('queue.badges.uncertain')}</span> : t(`common:category.${found.category}`)}
      </p>
      {uncertain && <p>{t('case.uncertainLead')}</p>}
      <ActionForm
        title={t('case.pickCategory')}
        button={t('case.pickCategory')}
        fields={[
          { name: 'category', label: t('case.newCategory'), kind: 'select', options, required: true, placeholder: t('case.chooseCategory') },
          { name: 'reason', label: t('case.reason'), hint: t('common:optional'), kind: 'textarea', maxLength: 1000 },
        ]}
        onSubmit={async (body) => {
          answerOf(
            await desk.api.POST('/staff/complaints/{id}/category', {
              params: { path: { id: found.id } },
              body: body as { category: Category; reason?: string },
            }),
          );
          await reload();
        }}
      />
    </section>
  );
}

function Clocks({ found }: { found: StaffCase }) {
  const { t } = useTranslation(['desk', 'common']);
  const asOf = found.clocks.asOf;
  const rows: { label: string; clock: DeadlineClock | null; doneAt: string | undefined }[] = [
    { label: t('case.responseClock'), clock: found.clocks.response, doneAt: found.firstRespondedAt },
    { label: t('case.resolutionClock'), clock: found.clocks.resolution, doneAt: found.resolvedAt },
  ];
  return (
    <section className="panel" aria-labelledby="clocks-heading">
      <h2 id="clocks-heading">{t('case.clocks')}</h2>
      <dl className="facts">
        {rows.map((row) => (
          <div key={row.label} className="clock-row">
            <dt>{row.label}</dt>
            <dd>
              {row.clock ? (
                <>
                  <CountdownText clock={row.clock} asOf={asOf} /> ·{' '}
                  {t('case.dueAt', { time: formatInstant(row.clock.dueAt, currentLanguage(), found.timeZone) })} ·{' '}
                  {t(row.clock.basis === 'working' ? 'common:countdown.workingTime' : 'common:countdown.calendarTime')}
                  {row.clock.paused && <> · {t('case.paused')}</>}
                  {row.clock.provisional && <> · {t('case.provisional')}</>}
                </>
              ) : (
                <>
                  {t('case.done')} {formatInstant(row.doneAt, currentLanguage(), found.timeZone)}
                </>
              )}
            </dd>
          </div>
        ))}
      </dl>
      {found.pause && (
        <p className="customer-text">
          {t('case.question')}: {found.pause.question}
        </p>
      )}
    </section>
  );
}

function Timeline({ found }: { found: StaffCase }) {
  const { t } = useTranslation('desk');
  return (
    <section className="panel" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">{t('case.timeline')}</h2>
      <ol className="timeline">
        {found.timeline.map((event, index) => (
          <li key={`${event.at}-${index}`}>
            <strong>{t(`event.${event.type}`)}</strong>{' '}
            <span className="muted">
              {formatInstant(event.at, currentLanguage(), found.timeZone)} · {t(`actor.${event.actor.kind}`)}
              {event.actor.id ? ` ${event.actor.id}` : ''}
            </span>
            {detailText(event.details) !== '' && <div className="customer-text">{detailText(event.details)}</div>}
          </li>
        ))}
      </ol>
    </section>
  );
}

function Escalations({ found }: { found: StaffCase }) {
  const { t } = useTranslation('desk');
  if (found.escalations.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="escalations-heading">
      <h2 id="escalations-heading">{t('case.escalations')}</h2>
      <ul>
        {found.escalations.map((escalation) => (
          <li key={`${escalation.level}-${escalation.at}`}>
            {t('queue.level', { level: escalation.level })} · {formatInstant(escalation.at, currentLanguage(), found.timeZone)} ·{' '}
            <span className="customer-text">{escalation.manual?.note ?? escalation.reason}</span> ·{' '}
            {escalation.acknowledgedAt
              ? t('case.acknowledged', { by: escalation.acknowledgedBy ?? '', time: formatInstant(escalation.acknowledgedAt, currentLanguage(), found.timeZone) })
              : t('case.notAcknowledged')}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Similar({ found }: { found: StaffCase }) {
  const { t } = useTranslation('desk');
  return (
    <section className="panel" aria-labelledby="similar-heading">
      <h2 id="similar-heading">{t('case.similar')}</h2>
      {found.similarCases.length === 0 ? (
        <p>{t('case.noSimilar')}</p>
      ) : (
        <ol>
          {found.similarCases.slice(0, 5).map((similar) => (
            <li key={similar.complaintId}>
              <Link to={`/desk/library/${encodeURIComponent(similar.complaintId)}`}>{similar.caseNumber}</Link>{' '}
              <span className="customer-text">{similar.subject}</span>
              <div className="muted customer-text">
                {t('case.rootCause')}: {similar.rootCause} · {t('case.resolution')}: {similar.resolution}
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Actions({ found, reload }: { found: StaffCase; reload: () => Promise<void> }) {
  const { t } = useTranslation('desk');
  const desk = useDesk();
  const path = { params: { path: { id: found.id } } };
  const allowed = allowedActions(found, desk.user);
  const then = async <T,>(call: Promise<{ data?: T; error?: unknown; response: Response }>) => {
    answerOf(await call);
    await reload();
  };
  const levels = [1, 2, 3].map((level) => ({ value: String(level), label: t('queue.level', { level }) }));
  const unacknowledged = found.escalations.filter((e) => !e.acknowledgedAt);
  // The category has its own panel (CategoryPick).
  const { pickCategory: _shownApart, ...here } = allowed;
  if (!Object.values(here).some(Boolean)) return null;
  return (
    <section className="panel actions" aria-labelledby="actions-heading">
      <h2 id="actions-heading">{t('case.actions')}</h2>
      {allowed.claim && (
        <ActionForm title={t('case.claim')} button={t('case.claim')} onSubmit={() => then(desk.api.POST('/staff/complaints/{id}/claim', path))} />
      )}
      {allowed.respond && (
        <ActionForm
          title={t('case.sendResponse')}
          button={t('case.sendResponse')}
          fields={[{ name: 'message', label: t('case.response'), kind: 'textarea', required: true, maxLength: 5000 }]}
          onSubmit={(body) => then(desk.api.POST('/staff/complaints/{id}/responses', { ...path, body: body as { message: string } }))}
        />
      )}
      {allowed.requestInformation && (
        <ActionForm
          title={t('case.requestInformation')}
          button={t('case.requestInformation')}
          fields={[{ name: 'question', label: t('case.question'), kind: 'textarea', required: true, maxLength: 2000 }]}
          onSubmit={(body) => then(desk.api.POST('/staff/complaints/{id}/info-requests', { ...path, body: body as { question: string } }))}
        />
      )}
      {allowed.resolve && (
        <ActionForm
          title={t('case.resolve')}
          button={t('case.resolve')}
          fields={[
            { name: 'rootCause', label: t('case.rootCause'), kind: 'textarea', required: true, maxLength: 2000 },
            { name: 'resolution', label: t('case.resolution'), kind: 'textarea', required: true, maxLength: 5000 },
            { name: 'compensation', label: t('case.compensation'), kind: 'text', maxLength: 1000 },
          ]}
          onSubmit={(body) =>
            then(desk.api.POST('/staff/complaints/{id}/resolution', { ...path, body: body as { rootCause: string; resolution: string; compensation?: string } }))
          }
        />
      )}
      {allowed.escalate && (
        <ActionForm
          title={t('case.escalate')}
          button={t('case.escalate')}
          initial={{ level: String(Math.min(3, found.escalationLevel + 1)) }}
          fields={[
            { name: 'level', label: t('case.escalateLevel'), kind: 'select', options: levels },
            { name: 'note', label: t('case.reason'), kind: 'textarea', required: true, maxLength: 1000 },
          ]}
          onSubmit={({ level, note }) =>
            then(desk.api.POST('/staff/complaints/{id}/escalations', { ...path, body: { level: Number(level) as 1 | 2 | 3, note: note ?? '' } }))
          }
        />
      )}
      {allowed.acknowledge && (
        <ActionForm
          title={`${t('case.acknowledge')} (${unacknowledged.map((e) => t('queue.level', { level: e.level })).join(', ')})`}
          button={t('case.acknowledge')}
          onSubmit={() => then(desk.api.POST('/staff/complaints/{id}/escalations/ack', { ...path, body: {} }))}
        />
      )}
      {allowed.reassign && (
        <ActionForm
          title={t('case.reassign')}
          button={t('case.reassign')}
          fields={[
            { name: 'agentId', label: t('case.reassignTo'), kind: 'text', required: true, maxLength: 64 },
            { name: 'team', label: t('case.reassignTeam'), kind: 'text', maxLength: 64 },
            { name: 'reason', label: t('case.reason'), kind: 'textarea', required: true, maxLength: 1000 },
          ]}
          onSubmit={(body) =>
            then(desk.api.POST('/staff/complaints/{id}/assignment', { ...path, body: body as { agentId: string; team?: string; reason: string } }))
          }
        />
      )}
      {allowed.regrade && (
        <ActionForm
          title={t('case.regrade')}
          button={t('case.regrade')}
          initial={{ severity: found.severity }}
          fields={[
            { name: 'severity', label: t('case.newSeverity'), kind: 'select', options: ['L1', 'L2', 'L3'].map((value) => ({ value, label: value })) },
            { name: 'reason', label: t('case.reason'), kind: 'textarea', required: true, maxLength: 1000 },
          ]}
          onSubmit={(body) =>
            then(desk.api.POST('/staff/complaints/{id}/severity', { ...path, body: body as { severity: 'L1' | 'L2' | 'L3'; reason: string } }))
          }
        />
      )}
      {allowed.setTier && (
        <ActionForm
          title={found.tier === 'vip' ? t('case.setStandard') : t('case.setVip')}
          button={found.tier === 'vip' ? t('case.setStandard') : t('case.setVip')}
          onSubmit={() =>
            then(
              desk.api.PUT('/staff/customers/{id}', {
                params: { path: { id: found.customer.id } },
                body: { tier: found.tier === 'vip' ? 'standard' : 'vip' },
              }),
            )
          }
        />
      )}
      {allowed.revokeAccess && (
        <ActionForm
          title={t('case.revokeAccess')}
          button={t('case.revokeAccess')}
          fields={[{ name: 'reason', label: t('case.revokeReason'), kind: 'textarea', required: true, maxLength: 1000 }]}
          onSubmit={(body) => then(desk.api.POST('/staff/complaints/{id}/access-revocation', { ...path, body: body as { reason: string } }))}
        />
      )}
    </section>
  );
}
