import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, answerOf } from '../api/client.ts';
import { formatInstant } from '../shared/format.ts';
import { Link } from '../shared/router.tsx';
import { Field, ProblemMessage, useLoaded } from '../shared/ui.tsx';
import { caseApi, publicApi, tabStorage } from './api.ts';
import { forgetToken, takeToken } from './access-token.ts';
import { Deadlines } from './deadlines.tsx';
import { type PortalCase, eventNewDeadline, eventTexts } from './timeline.ts';

/** Tokens already taken from a link in this page's life (the fragment is gone from the address bar once read). */
const taken = new Map<string, string>();

function tokenFor(complaintId: string): string | undefined {
  const token = takeToken(complaintId, location, history, tabStorage());
  if (token) taken.set(complaintId, token);
  return token ?? taken.get(complaintId);
}

const isRefusal = (error: unknown) => error instanceof ApiProblem && (error.problem.status === 401 || error.problem.status === 404);

export function TrackPage({ complaintId }: { complaintId: string }) {
  const { t } = useTranslation('portal');
  const { t: tc } = useTranslation();
  const [token] = useState(() => tokenFor(complaintId));
  const api = token ? caseApi(token) : undefined;
  const { loaded, reload } = useLoaded<PortalCase | undefined>(async () => {
    if (!api) return undefined;
    return answerOf(await api.GET('/complaints/{id}', { params: { path: { id: complaintId } } }));
  }, `${complaintId}:${token ?? ''}`);
  const refused = loaded.state === 'failed' && isRefusal(loaded.error);
  useEffect(() => {
    if (refused) forgetToken(tabStorage(), complaintId);
  }, [refused, complaintId]);
  const caseNumber = loaded.state === 'ready' ? loaded.value?.caseNumber : undefined;
  const heading = !token ? t('track.noTokenTitle') : refused ? t('track.refusedTitle') : caseNumber ? t('track.titleCase', { caseNumber }) : t('track.title');
  useEffect(() => {
    document.title = `${heading} · ${t('title')}`;
  }, [heading, t]);

  if (!token || refused) {
    return (
      <>
        <h1>{heading}</h1>
        <div role="alert" className="problem">
          <p>{token ? t('track.refused') : t('track.noToken')}</p>
        </div>
        <p>
          <Link to="/portal/">{t('track.fileNew')}</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>{heading}</h1>
      {loaded.state === 'loading' && <p aria-live="polite">{tc('loading')}</p>}
      {loaded.state === 'failed' && (
        <>
          <ProblemMessage error={loaded.error} />
          <button type="button" onClick={() => void reload()}>
            {t('track.refresh')}
          </button>
        </>
      )}
      {loaded.state === 'ready' && loaded.value && api && <CaseView c={loaded.value} api={api} onChanged={reload} />}
    </>
  );
}

type CaseApi = ReturnType<typeof caseApi>;
/** What the customer just did, said in the UI language even after a switch. */
type Notice = 'reply.sent' | 'resolution.accepted' | 'resolution.rejected' | 'survey.thanks';

function CaseView({ c, api, onChanged }: { c: PortalCase; api: CaseApi; onChanged: () => Promise<void> }) {
  const { t, i18n } = useTranslation('portal');
  const { t: tc } = useTranslation();
  const at = (iso: string) => formatInstant(iso, i18n.language);
  const pending = c.phase !== 'CLOSED' ? c.pendingInformationRequest : undefined;
  // Said here, not in the panel: the panel of an answered request goes away when the case reloads.
  const [notice, setNotice] = useState<Notice | undefined>();
  const done = async (message: Notice) => {
    setNotice(message);
    await onChanged();
  };
  return (
    <>
      <p role="status" className={notice ? 'notice' : 'visually-hidden'}>
        {notice && t(notice)}
      </p>
      <section className="panel" aria-labelledby="case-details">
        <h2 id="case-details">{t('track.details')}</h2>
        <dl className="facts">
          <dt>{t('track.caseNumber')}</dt>
          <dd className="case-number">{c.caseNumber}</dd>
          <dt>{t('track.phase')}</dt>
          <dd className="phase">{tc(`phase.${c.phase}`)}</dd>
          <dt>{t('track.category')}</dt>
          {/* An uncertain category is the desk's work to do, not something the customer must act on. */}
          <dd>{c.category === 'uncertain' ? t('track.categoryBeingReviewed') : tc(`category.${c.category}`)}</dd>
          <dt>{t('track.received')}</dt>
          <dd>
            <time dateTime={c.receivedAt}>{at(c.receivedAt)}</time>
          </dd>
          {c.closedAt && (
            <>
              <dt>{t('track.closed')}</dt>
              <dd>
                <time dateTime={c.closedAt}>{at(c.closedAt)}</time>
              </dd>
            </>
          )}
          {c.orderRef && (
            <>
              <dt>{t('track.orderRef')}</dt>
              <dd className="customer-text">{c.orderRef}</dd>
            </>
          )}
          <dt>{t('track.subject')}</dt>
          <dd className="customer-text">{c.subject}</dd>
        </dl>
        <h3>{t('track.description')}</h3>
        <p className="customer-text">{c.description}</p>
      </section>

      <section className="panel" aria-labelledby="case-deadlines">
        <h2 id="case-deadlines">{t('track.deadlines')}</h2>
        <Deadlines
          responseDueAt={c.responseDueAt}
          resolutionDueAt={c.resolutionDueAt}
          provisional={c.deadlinesProvisional}
          firstRespondedAt={c.firstRespondedAt}
          paused={pending !== undefined}
          closed={c.phase === 'CLOSED'}
        />
      </section>

      {pending && <ReplyPanel key={pending.askedAt} c={c} request={pending} api={api} onDone={done} />}
      {c.resolution && <ResolutionPanel c={c} api={api} onDone={done} />}
      {c.survey && <SurveyPanel key={c.survey.token} survey={c.survey} onDone={done} />}

      <section className="panel" aria-labelledby="case-timeline">
        <h2 id="case-timeline">{t('track.timeline')}</h2>
        {c.timeline.length === 0 ? (
          <p>{t('track.noEvents')}</p>
        ) : (
          <ol className="timeline">
            {c.timeline.map((event, i) => {
              const newDeadline = eventNewDeadline(event);
              return (
                <li key={`${event.at}:${event.type}:${i}`}>
                  <time dateTime={event.at}>{at(event.at)}</time> · <strong>{t(`event.${event.type}`)}</strong>
                  {eventTexts(event.details).map((text, j) => (
                    <p key={j} className="customer-text">
                      {text}
                    </p>
                  ))}
                  {newDeadline && <p>{t('track.newDeadline', { at: at(newDeadline) })}</p>}
                </li>
              );
            })}
          </ol>
        )}
        <button type="button" className="secondary" onClick={() => void onChanged()}>
          {t('track.refresh')}
        </button>
      </section>
    </>
  );
}

function ReplyPanel({
  c,
  request,
  api,
  onDone,
}: {
  c: PortalCase;
  request: NonNullable<PortalCase['pendingInformationRequest']>;
  api: CaseApi;
  onDone: (notice: Notice) => Promise<void>;
}) {
  const { t, i18n } = useTranslation('portal');
  const at = (iso: string) => formatInstant(iso, i18n.language);
  const [message, setMessage] = useState('');
  const [missing, setMissing] = useState(false);
  const [state, setState] = useState<{ sending: boolean; error?: unknown }>({ sending: false });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (state.sending) return;
    if (!message.trim()) {
      setMissing(true);
      return;
    }
    setMissing(false);
    setState({ sending: true });
    try {
      answerOf(await api.POST('/complaints/{id}/replies', { params: { path: { id: c.id } }, body: { message: message.trim() } }));
      setState({ sending: false });
      setMessage('');
      await onDone('reply.sent');
    } catch (error) {
      setState({ sending: false, error });
    }
  };
  const fieldError = missing ? t('reply.required') : error400(state.error, 'message');
  return (
    <section className="panel" aria-labelledby="case-reply">
      <h2 id="case-reply">{t('reply.title')}</h2>
      <p className="customer-text question">{request.question}</p>
      <p className="muted">{t('reply.asked', { at: at(request.askedAt), due: at(request.dueAt) })}</p>
      {state.error !== undefined && !fieldError && <ProblemMessage error={state.error} />}
      <form noValidate onSubmit={(e) => void submit(e)}>
        <Field label={t('reply.message')} error={fieldError}>
          {(p) => <textarea {...p} name="message" required maxLength={5000} value={message} onChange={(e) => setMessage(e.target.value)} />}
        </Field>
        <button type="submit" disabled={state.sending}>
          {t('reply.send')}
        </button>
      </form>
    </section>
  );
}

/** The problem the API gave about one body field, if it refused the request over it. */
function error400(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiProblem)) return undefined;
  return error.fieldErrors()[field];
}

function ResolutionPanel({ c, api, onDone }: { c: PortalCase; api: CaseApi; onDone: (notice: Notice) => Promise<void> }) {
  const { t, i18n } = useTranslation('portal');
  const at = (iso: string) => formatInstant(iso, i18n.language);
  const [reason, setReason] = useState('');
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const [missing, setMissing] = useState(false);
  const [state, setState] = useState<{ sending: boolean; error?: unknown }>({ sending: false });
  const resolution = c.resolution!;
  const awaiting = c.phase === 'AWAITING_CONFIRMATION';

  const decide = async (decision: 'accept' | 'reject') => {
    if (state.sending) return;
    if (decision === 'reject' && !reason.trim()) {
      setMissing(true);
      reasonRef.current?.focus();
      return;
    }
    setMissing(false);
    setState({ sending: true });
    try {
      const body = decision === 'accept' ? { decision } : { decision, reason: reason.trim() };
      answerOf(await api.POST('/complaints/{id}/confirmation', { params: { path: { id: c.id } }, body }));
      setState({ sending: false });
      setReason('');
      await onDone(decision === 'accept' ? 'resolution.accepted' : 'resolution.rejected');
    } catch (error) {
      setState({ sending: false, error });
    }
  };
  const reasonError = missing ? t('resolution.reasonRequired') : error400(state.error, 'reason');
  return (
    <section className="panel" aria-labelledby="case-resolution">
      <h2 id="case-resolution">{t('resolution.title')}</h2>
      <dl className="facts">
        <dt>{t('resolution.resolution')}</dt>
        <dd className="customer-text">{resolution.resolution}</dd>
        {resolution.compensation && (
          <>
            <dt>{t('resolution.compensation')}</dt>
            <dd className="customer-text">{resolution.compensation}</dd>
          </>
        )}
      </dl>
      {c.phase === 'CLOSED' && c.closeOutcome && (
        <p>{c.closeOutcome === 'auto_confirmed' ? t('resolution.closedAuto') : t('resolution.closedConfirmed')}</p>
      )}
      {awaiting && (
        <form noValidate onSubmit={(e) => e.preventDefault()}>
          {c.confirmationDueAt && <p>{t('resolution.answerBy', { at: at(c.confirmationDueAt) })}</p>}
          {state.error !== undefined && !reasonError && <ProblemMessage error={state.error} />}
          <div className="decision">
            <button type="button" disabled={state.sending} onClick={() => void decide('accept')}>
              {t('resolution.accept')}
            </button>
          </div>
          <Field label={t('resolution.reason')} hint={t('resolution.reasonHint')} error={reasonError}>
            {(p) => <textarea {...p} ref={reasonRef} name="reason" maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} />}
          </Field>
          <div className="decision">
            <button type="button" className="secondary" disabled={state.sending} onClick={() => void decide('reject')}>
              {t('resolution.reject')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function SurveyPanel({ survey, onDone }: { survey: NonNullable<PortalCase['survey']>; onDone: (notice: Notice) => Promise<void> }) {
  const { t } = useTranslation('portal');
  const [csat, setCsat] = useState<number | undefined>();
  const [nps, setNps] = useState<number | undefined>();
  const [comment, setComment] = useState('');
  const [tried, setTried] = useState(false);
  const [state, setState] = useState<{ sending: boolean; error?: unknown; sent?: boolean }>({ sending: false });
  if (state.sent || survey.answered) {
    return (
      <section className="panel" aria-labelledby="case-survey">
        <h2 id="case-survey">{t('survey.title')}</h2>
        <p>{t('survey.answered')}</p>
      </section>
    );
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (state.sending) return;
    setTried(true);
    if (csat === undefined || nps === undefined) return;
    setState({ sending: true });
    try {
      const text = comment.trim();
      answerOf(await publicApi.POST('/surveys/{token}', { params: { path: { token: survey.token } }, body: { csat, nps, ...(text ? { comment: text } : {}) } }));
      setState({ sending: false, sent: true });
      await onDone('survey.thanks');
    } catch (error) {
      setState({ sending: false, error });
    }
  };
  return (
    <section className="panel" aria-labelledby="case-survey">
      <h2 id="case-survey">{t('survey.title')}</h2>
      {state.error !== undefined && <ProblemMessage error={state.error} />}
      <form noValidate onSubmit={(e) => void submit(e)}>
        <Scale name="csat" legend={t('survey.csat')} from={1} to={5} value={csat} onChange={setCsat} missing={tried && csat === undefined} />
        <Scale name="nps" legend={t('survey.nps')} from={0} to={10} value={nps} onChange={setNps} missing={tried && nps === undefined} />
        <Field label={t('survey.comment')} hint={t('file.optional')} error={error400(state.error, 'comment')}>
          {(p) => <textarea {...p} name="comment" maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} />}
        </Field>
        <button type="submit" disabled={state.sending}>
          {t('survey.send')}
        </button>
      </form>
    </section>
  );
}

function Scale({
  name,
  legend,
  from,
  to,
  value,
  onChange,
  missing,
}: {
  name: string;
  legend: string;
  from: number;
  to: number;
  value: number | undefined;
  onChange: (n: number) => void;
  missing: boolean;
}) {
  const { t } = useTranslation('portal');
  const errorId = `${name}-error`;
  return (
    <fieldset className={missing ? 'choices field-invalid' : 'choices'} aria-describedby={missing ? errorId : undefined}>
      <legend>{legend}</legend>
      {Array.from({ length: to - from + 1 }, (_, i) => from + i).map((n) => (
        <label key={n}>
          <input type="radio" name={name} value={n} checked={value === n} onChange={() => onChange(n)} /> {n}
        </label>
      ))}
      {missing && (
        <span className="field-error" id={errorId} role="alert">
          {t('survey.choose')}
        </span>
      )}
    </fieldset>
  );
}
