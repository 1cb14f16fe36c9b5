import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Schemas, answerOf } from '../../api/client.ts';
import { type CaseCategory, caseCategories } from '../../shared/categories.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { formatInstant } from '../../shared/format.ts';
import { Link } from '../../shared/router.tsx';
import { Field, ProblemMessage } from '../../shared/ui.tsx';
import { CountdownText } from '../countdown-text.tsx';
import { type Desk, useDesk } from '../desk-context.tsx';
import { mergeQueue } from '../queue-merge.ts';

type QueueItem = Schemas['QueueItem'];
type ApiScope = 'mine' | 'unassigned' | 'team' | 'all' | 'agent';
/** `default` is what an agent works from: their own, their team's and the unassigned cases together. */
type Scope = 'default' | ApiScope;
const phases = ['RECEIVED', 'AWAITING_RESPONSE', 'AWAITING_RESOLUTION', 'AWAITING_CONFIRMATION'] as const;

interface Filters {
  scope: Scope;
  /** With scope `agent` (supervisors): whose cases. */
  agentId: string;
  /** With scope `team` (supervisors): which team; an agent's team is their own. */
  team: string;
  phase: string;
  category: string;
  escalationLevel: string;
}

const refreshEveryMs = 20_000;

function filtersFromUrl(role: Desk['user']['role']): Filters {
  const search = new URLSearchParams(location.search);
  const scope = search.get('scope') as Scope | null;
  const allowed = scopesFor(role);
  return {
    scope: scope && allowed.includes(scope) ? scope : allowed[0]!,
    agentId: search.get('agentId') ?? '',
    team: search.get('team') ?? '',
    phase: search.get('phase') ?? '',
    category: search.get('category') ?? '',
    escalationLevel: search.get('escalationLevel') ?? '',
  };
}

function scopesFor(role: Desk['user']['role']): Scope[] {
  return role === 'supervisor' ? ['all', 'unassigned', 'agent', 'team', 'mine'] : ['default', 'mine', 'team', 'unassigned'];
}

async function readScope(desk: Desk, scope: ApiScope, filters: Filters, cursor?: string) {
  const query = {
    scope,
    limit: 100,
    ...(scope === 'agent' && filters.agentId ? { agentId: filters.agentId } : {}),
    ...(scope === 'team' && filters.team ? { team: filters.team } : {}),
    ...(filters.phase ? { phase: filters.phase as (typeof phases)[number] } : {}),
    ...(filters.category ? { category: filters.category as CaseCategory } : {}),
    ...(filters.escalationLevel ? { escalationLevel: Number(filters.escalationLevel) } : {}),
    ...(cursor ? { cursor } : {}),
  };
  return answerOf(await desk.api.GET('/staff/queue', { params: { query: query as never } }));
}

export function QueuePage() {
  const { t } = useTranslation(['desk', 'common']);
  const desk = useDesk();
  const [filters, setFilters] = useState<Filters>(() => filtersFromUrl(desk.user.role));
  const [items, setItems] = useState<QueueItem[] | undefined>();
  const [cursor, setCursor] = useState<string | undefined>();
  const [error, setError] = useState<unknown>();
  const [updatedAt, setUpdatedAt] = useState<string | undefined>();

  const load = useCallback(async () => {
    try {
      const scopes: ApiScope[] =
        filters.scope === 'default' ? ['mine', ...(desk.user.team ? (['team'] as const) : []), 'unassigned'] : [filters.scope];
      const pages = await Promise.all(scopes.map((scope) => readScope(desk, scope, filters)));
      const merged = mergeQueue(pages);
      const asOf = merged[0]?.clocks.asOf;
      if (asOf) desk.serverClock.observe(asOf);
      setItems(merged);
      setCursor(scopes.length === 1 ? pages[0]!.cursor : undefined);
      setUpdatedAt(new Date().toISOString());
      setError(undefined);
    } catch (failure) {
      setError(failure);
    }
  }, [desk, filters]);

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), refreshEveryMs);
    const onFocus = () => void load();
    addEventListener('focus', onFocus);
    return () => {
      clearInterval(timer);
      removeEventListener('focus', onFocus);
    };
  }, [load]);

  const change = (patch: Partial<Filters>) => {
    const next = { ...filters, ...patch };
    setFilters(next);
    const search = new URLSearchParams(Object.entries(next).filter(([, value]) => value !== ''));
    history.replaceState(null, '', `${location.pathname}?${search.toString()}`);
  };

  const more = async () => {
    if (!cursor || filters.scope === 'default') return;
    try {
      const page = await readScope(desk, filters.scope, filters, cursor);
      setItems((shown) => mergeQueue([{ items: shown ?? [] }, page]));
      setCursor(page.cursor);
    } catch (failure) {
      setError(failure);
    }
  };

  const scopes = scopesFor(desk.user.role);
  const supervisor = desk.user.role === 'supervisor';
  return (
    <>
      <h1>{t('queue.title')}</h1>
      <form className="filters" onSubmit={(event) => (event.preventDefault(), void load())}>
        <Field label={t('queue.scope')}>
          {(props) => (
            <select {...props} value={filters.scope} onChange={(e) => change({ scope: e.target.value as Scope })}>
              {scopes.map((scope) => (
                <option key={scope} value={scope}>
                  {!supervisor && scope === 'team' ? t('queue.scopes.myTeam') : t(`queue.scopes.${scope}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {supervisor && filters.scope === 'agent' && (
          <Field label={t('queue.agentId')}>
            {(props) => <input {...props} value={filters.agentId} maxLength={64} onChange={(e) => change({ agentId: e.target.value.trim() })} />}
          </Field>
        )}
        {supervisor && filters.scope === 'team' && (
          <Field label={t('queue.team')}>
            {(props) => <input {...props} value={filters.team} maxLength={64} onChange={(e) => change({ team: e.target.value.trim() })} />}
          </Field>
        )}
        <Field label={t('queue.phase')}>
          {(props) => (
            <select {...props} value={filters.phase} onChange={(e) => change({ phase: e.target.value })}>
              <option value="">{t('queue.anyPhase')}</option>
              {phases.map((phase) => (
                <option key={phase} value={phase}>
                  {t(`common:phase.${phase}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('queue.category')}>
          {(props) => (
            <select {...props} value={filters.category} onChange={(e) => change({ category: e.target.value })}>
              <option value="">{t('queue.anyCategory')}</option>
              {caseCategories.map((category) => (
                <option key={category} value={category}>
                  {t(`common:category.${category}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('queue.escalationLevel')}>
          {(props) => (
            <select {...props} value={filters.escalationLevel} onChange={(e) => change({ escalationLevel: e.target.value })}>
              <option value="">{t('queue.anyLevel')}</option>
              {[0, 1, 2, 3].map((level) => (
                <option key={level} value={String(level)}>
                  {level === 0 ? t('queue.noEscalation') : t('queue.level', { level })}
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
      {items === undefined && !error && <p aria-live="polite">{t('common:loading')}</p>}
      {items && <QueueTable items={items} />}
      {cursor && (
        <button type="button" className="secondary" onClick={() => void more()}>
          {t('queue.more')}
        </button>
      )}
      {updatedAt && (
        <p className="muted" aria-live="polite">
          {t('queue.updated', { time: formatInstant(updatedAt, currentLanguage()) })}
        </p>
      )}
    </>
  );
}

function QueueTable({ items }: { items: QueueItem[] }) {
  const { t } = useTranslation(['desk', 'common']);
  if (items.length === 0) return <p>{t('queue.empty')}</p>;
  return (
    <table className="queue">
      <caption>{t('queue.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('queue.columns.caseNumber')}</th>
          <th scope="col">{t('queue.columns.subject')}</th>
          <th scope="col">{t('queue.columns.category')}</th>
          <th scope="col">{t('queue.columns.priority')}</th>
          <th scope="col">{t('queue.columns.owner')}</th>
          <th scope="col">{t('queue.columns.flags')}</th>
          <th scope="col">{t('queue.columns.escalation')}</th>
          <th scope="col">{t('queue.columns.due')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => {
          const clocks = item.clocks;
          return (
            <tr key={item.id}>
              <td>
                <Link to={`/desk/cases/${encodeURIComponent(item.id)}`}>{item.caseNumber}</Link>
              </td>
              <td className="customer-text">{item.subject}</td>
              <td>
                {item.category === 'uncertain' ? (
                  <span className="badge badge-uncertain">{t('queue.badges.uncertain')}</span>
                ) : (
                  t(`common:category.${item.category}`)
                )}
              </td>
              <td>
                {item.severity} · {item.priority.score}
              </td>
              <td>{item.owner ?? <span className="muted">{t('queue.unassigned')}</span>}</td>
              <td>
                {item.tier === 'vip' && <span className="badge badge-vip">{t('queue.badges.vip')}</span>}
                {item.repeatOf && <span className="badge badge-repeat">{t('queue.badges.repeat')}</span>}
                {item.severity === 'L3' && <span className="badge badge-risk">{t('queue.badges.risk')}</span>}
              </td>
              <td>{item.escalationLevel > 0 ? t('queue.level', { level: item.escalationLevel }) : t('queue.noEscalation')}</td>
              <td>{clocks.next ? <CountdownText clock={clocks.next} asOf={clocks.asOf} /> : ''}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
