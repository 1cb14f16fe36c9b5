import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, answerOf, type Schemas } from '../../api/client.ts';
import { formatInstant } from '../../shared/format.ts';
import { Link } from '../../shared/router.tsx';
import { Field, LoadedView, ProblemMessage, useLoaded } from '../../shared/ui.tsx';
import { useDesk } from '../desk-context.tsx';
import {
  type ChartText,
  type Interval,
  type KpiGroup,
  type KpiReport,
  type PolicyTargets,
  compliance,
  escalationsByLevel,
  formatNumber,
  formatRate,
  meetsTarget,
  policyTargetsOf,
  satisfaction,
  trend,
  volumeByCategory,
} from '../reports/chart-options.ts';
import { EChart } from '../reports/echart.tsx';
import { type Period, type PresetName, csvFileName, isLocalDate, isValidPeriod, presetNames, presetOf, presetPeriod, todayIn } from '../reports/period.ts';

const groupings = ['none', 'category', 'channel', 'severity', 'tier', 'team', 'agent'] as const;
type Grouping = (typeof groupings)[number];
const intervals = ['week', 'month'] as const;

interface ReportQuery extends Period {
  groupBy: Grouping;
  interval: Interval;
}

const defaultTimeZone = 'Asia/Shanghai';

function kpiQuery(query: ReportQuery) {
  return {
    from: query.from,
    to: query.to,
    interval: query.interval,
    ...(query.groupBy === 'none' ? {} : { groupBy: query.groupBy }),
  };
}

/**
 * A link can open the page on a period (the monthly review email links here):
 * `?from=2026-11-01&to=2026-11-30&groupBy=category`; what a link lacks keeps its default.
 */
export function queryFromUrl(search: string, today: string): ReportQuery {
  const params = new URLSearchParams(search);
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const period = isLocalDate(from) && isLocalDate(to) && from <= to ? { from, to } : presetPeriod('thisMonth', today);
  const groupBy = params.get('groupBy');
  const interval = params.get('interval');
  return {
    ...period,
    groupBy: groupings.find((grouping) => grouping === groupBy) ?? 'none',
    interval: interval === 'month' ? 'month' : 'week',
  };
}

export default function ReportsPage() {
  const desk = useDesk();
  const { t, i18n } = useTranslation('reports');
  const language = i18n.language;
  const [timeZone, setTimeZone] = useState(defaultTimeZone);
  const today = todayIn(timeZone, new Date(desk.serverClock.now()));
  const [query, setQuery] = useState<ReportQuery>(() => queryFromUrl(location.search, todayIn(defaultTimeZone, new Date(desk.serverClock.now()))));
  // "This month" is the desk's month by the server clock (locally it may be sped up or set back), not the browser's.
  const [periodChosen, setPeriodChosen] = useState(() => new URLSearchParams(location.search).has('from'));
  const [targets, setTargets] = useState<PolicyTargets>({ review: {} });
  const valid = isValidPeriod(query);

  useEffect(() => {
    // The targets are a help, not a need: the report shows without them.
    desk.api
      .GET('/staff/policies')
      .then((result) => setTargets(policyTargetsOf(answerOf(result))))
      .catch(() => undefined);
  }, [desk]);

  const key = JSON.stringify([query, language, valid]);
  const { loaded } = useLoaded<KpiReport | undefined>(async () => {
    if (!valid) return undefined;
    // JSON is asked for; the contract's other media type (text/csv) is a string.
    return answerOf(await desk.api.GET('/staff/reports/kpi', { params: { query: kpiQuery(query) } })) as KpiReport;
  }, key);

  useEffect(() => {
    if (loaded.state !== 'ready' || !loaded.value) return;
    desk.serverClock.observe(loaded.value.generatedAt);
    if (loaded.value.period.timeZone !== timeZone) setTimeZone(loaded.value.period.timeZone);
    if (!periodChosen) {
      setPeriodChosen(true);
      const serverMonth = presetPeriod('thisMonth', todayIn(loaded.value.period.timeZone, new Date(loaded.value.generatedAt)));
      if (serverMonth.from !== query.from || serverMonth.to !== query.to) setQuery((q) => ({ ...q, ...serverMonth }));
    }
  }, [loaded, timeZone, desk, periodChosen, query.from, query.to]);

  const setPeriod = (period: Period) => {
    setPeriodChosen(true);
    setQuery((q) => ({ ...q, ...period }));
  };
  const currentPreset = presetOf(query, today);

  return (
    <>
      <h1>{t('title')}</h1>
      <form className="report-filters" aria-label={t('period.legend')} onSubmit={(event) => event.preventDefault()}>
        <div className="filters">
          <Field label={t('period.from')} error={valid ? undefined : t('period.invalid')}>
            {(props) => (
              <input {...props} type="date" value={query.from} max={query.to || undefined} required onChange={(e) => setPeriod({ from: e.target.value, to: query.to })} />
            )}
          </Field>
          <Field label={t('period.to')}>
            {(props) => <input {...props} type="date" value={query.to} min={query.from || undefined} required onChange={(e) => setPeriod({ from: query.from, to: e.target.value })} />}
          </Field>
          <Field label={t('period.groupBy')}>
            {(props) => (
              <select {...props} value={query.groupBy} onChange={(e) => setQuery((q) => ({ ...q, groupBy: e.target.value as Grouping }))}>
                {groupings.map((g) => (
                  <option key={g} value={g}>
                    {t(`groupings.${g}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('period.interval')}>
            {(props) => (
              <select {...props} value={query.interval} onChange={(e) => setQuery((q) => ({ ...q, interval: e.target.value as Interval }))}>
                {intervals.map((i) => (
                  <option key={i} value={i}>
                    {t(`intervals.${i}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <div className="report-presets" role="group" aria-label={t('period.presets')}>
          {presetNames.map((name: PresetName) => (
            <button
              key={name}
              type="button"
              className="secondary"
              aria-pressed={currentPreset === name}
              onClick={() => setPeriod(presetPeriod(name, today))}
            >
              {t(`period.${name}`)}
            </button>
          ))}
          <CsvDownload query={query} disabled={!valid} />
        </div>
      </form>
      {valid && (
        <LoadedView loaded={loaded}>
          {(report) => (report ? <Report report={report} query={query} targets={targets} /> : null)}
        </LoadedView>
      )}
      {valid && <Breaches period={query} timeZone={timeZone} />}
    </>
  );
}

function CsvDownload({ query, disabled }: { query: ReportQuery; disabled: boolean }) {
  const desk = useDesk();
  const { t } = useTranslation('reports');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const download = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const result = await desk.api.GET('/staff/reports/kpi', { params: { query: { ...kpiQuery(query), format: 'csv' } }, parseAs: 'blob' });
      const blob = answerOf(result);
      if (!(blob instanceof Blob)) throw new ApiProblem({ type: 'about:blank', title: 'CSV', status: result.response.status, detail: t('csv.download') });
      const url = URL.createObjectURL(blob);
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = csvFileName(query);
      document.body.append(anchor);
      anchor.click();
      anchor.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" disabled={disabled || busy} onClick={() => void download()}>
        {busy ? t('csv.downloading') : t('csv.download')}
      </button>
      {error !== undefined && <ProblemMessage error={error} />}
    </>
  );
}

function useChartText(): ChartText {
  const { t, i18n } = useTranslation('reports');
  const language = i18n.language;
  return useMemo(
    () => ({
      language,
      count: t('charts.count'),
      received: t('charts.received'),
      closed: t('charts.closed'),
      firstResponseRate: t('charts.firstResponseRate'),
      resolutionRate: t('charts.resolutionRate'),
      target: t('charts.target'),
      csat: t('charts.csat'),
      nps: t('charts.nps'),
      levelName: (level) => t('charts.levelName', { level }),
      none: t('kpi.none'),
    }),
    [t, language],
  );
}

function Report({ report, query, targets }: { report: KpiReport; query: ReportQuery; targets: PolicyTargets }) {
  const { t, i18n } = useTranslation('reports');
  const language = i18n.language;
  const text = useChartText();
  const interval = query.interval;
  const noun = t(`intervalNoun.${interval}`);
  const series = report.series ?? [];
  const charts = useMemo(
    () => ({
      volume: volumeByCategory(report, text),
      trend: trend(series, interval, text),
      compliance: compliance(series, interval, targets.review, text),
      escalations: escalationsByLevel(report, text),
      satisfaction: satisfaction(series, interval, text),
    }),
    [report, series, interval, targets, text],
  );
  return (
    <>
      <p className="muted">
        {t('period.summary', {
          from: report.period.from,
          to: report.period.to,
          timeZone: report.period.timeZone,
          generatedAt: formatInstant(report.generatedAt, language, report.period.timeZone),
        })}
      </p>
      <KpiCards report={report} targets={targets} />
      <h2>{t('charts.heading')}</h2>
      <div className="report-charts">
        <EChart title={t('charts.volume')} rowHeader={t('charts.category')} summary={t('charts.volumeSummary', { items: charts.volume.items })} spec={charts.volume} />
        <EChart
          title={t('charts.escalations')}
          rowHeader={t('charts.level')}
          summary={t('charts.escalationsSummary', { items: charts.escalations.items })}
          spec={charts.escalations}
        />
        {series.length > 0 && (
          <>
            <EChart
              title={t('charts.trend', { interval: noun })}
              rowHeader={t('charts.periodColumn')}
              summary={t('charts.trendSummary', { interval: noun, items: charts.trend.items })}
              spec={charts.trend}
            />
            <EChart
              title={t('charts.compliance', { interval: noun })}
              rowHeader={t('charts.periodColumn')}
              summary={t('charts.complianceSummary', { interval: noun, items: charts.compliance.items })}
              spec={charts.compliance}
            />
            <EChart
              title={t('charts.satisfaction', { interval: noun })}
              rowHeader={t('charts.periodColumn')}
              summary={t('charts.satisfactionSummary', { interval: noun, items: charts.satisfaction.items })}
              spec={charts.satisfaction}
            />
          </>
        )}
      </div>
      {query.groupBy !== 'none' && report.groups && <GroupTable groups={report.groups} grouping={query.groupBy} />}
    </>
  );
}

function KpiCard({ label, figure, detail, target }: { label: string; figure: string; detail?: string | undefined; target?: { text: string; met: boolean | undefined } | undefined }) {
  const { t } = useTranslation('reports');
  return (
    <div className="card">
      <h3>{label}</h3>
      <p className="figure">{figure}</p>
      {detail && <p className="muted">{detail}</p>}
      {target && (
        <p className={target.met === false ? 'target target-missed' : 'target'}>
          {target.text}
          {target.met !== undefined && ` · ${target.met ? t('kpi.targetMet') : t('kpi.targetMissed')}`}
        </p>
      )}
    </div>
  );
}

function KpiCards({ report, targets }: { report: KpiReport; targets: PolicyTargets }) {
  const { t, i18n } = useTranslation('reports');
  const language = i18n.language;
  const none = t('kpi.none');
  const rate = (r: number | null) => formatRate(r, language, none);
  const review = targets.review;
  const rateTarget = (value: number | null, target: number | null | undefined, lowerIsBetter = false) =>
    target === null || target === undefined
      ? undefined
      : { text: t('kpi.target', { value: formatRate(target, language) }), met: meetsTarget(value, target, lowerIsBetter) };
  const days = (value: number | null) => (value === null ? none : t('kpi.workingDays', { value: formatNumber(value, language) }));
  const { firstResponse, resolution, escalated, surveys } = report;
  const deadlineCounts = (d: { met: number; breached: number; pending: number }) => t('kpi.deadlineCounts', { met: d.met, breached: d.breached, pending: d.pending });
  const joinDetail = (...parts: (string | undefined)[]) => parts.filter(Boolean).join(' · ');
  return (
    <section aria-labelledby="kpi-heading">
      <h2 id="kpi-heading">{t('kpi.heading')}</h2>
      <div className="cards">
        <KpiCard label={t('kpi.received')} figure={formatNumber(report.received, language)} detail={t('kpi.openClosed', { open: report.open, closed: report.closed })} />
        <KpiCard label={t('kpi.resolvedRate')} figure={rate(report.resolvedRate)} target={rateTarget(report.resolvedRate, review.resolvedRate)} />
        <KpiCard
          label={t('kpi.firstResponse')}
          figure={rate(firstResponse.metRate)}
          detail={joinDetail(
            deadlineCounts(firstResponse),
            targets.firstResponseHours === undefined ? undefined : t('kpi.firstResponseDeadline', { hours: targets.firstResponseHours }),
          )}
          target={rateTarget(firstResponse.metRate, review.firstResponseMetRate)}
        />
        <KpiCard
          label={t('kpi.resolution')}
          figure={rate(resolution.metRate)}
          detail={joinDetail(
            deadlineCounts(resolution),
            targets.resolutionWorkingDays === undefined ? undefined : t('kpi.resolutionDeadline', { days: targets.resolutionWorkingDays }),
          )}
          target={rateTarget(resolution.metRate, review.resolutionMetRate)}
        />
        <KpiCard
          label={t('kpi.meanDays')}
          figure={days(resolution.meanWorkingDays)}
          target={
            review.meanWorkingDays === null || review.meanWorkingDays === undefined
              ? undefined
              : { text: t('kpi.target', { value: days(review.meanWorkingDays) }), met: meetsTarget(resolution.meanWorkingDays, review.meanWorkingDays, true) }
          }
        />
        <KpiCard label={t('kpi.medianDays')} figure={days(resolution.medianWorkingDays)} />
        <KpiCard
          label={t('kpi.escalationRate')}
          figure={rate(escalated.rate)}
          detail={t('kpi.escalationLevels', { level1: escalated.level1, level2: escalated.level2, level3: escalated.level3, any: escalated.any })}
          target={rateTarget(escalated.rate, review.escalatedRate, true)}
        />
        <KpiCard
          label={t('kpi.reopened')}
          figure={t('kpi.countRate', { count: report.reopened.count, rate: rate(report.reopened.rate) })}
          target={rateTarget(report.reopened.rate, review.reopenedRate, true)}
        />
        <KpiCard
          label={t('kpi.repeat')}
          figure={t('kpi.countRate', { count: report.repeat.count, rate: rate(report.repeat.rate) })}
          target={rateTarget(report.repeat.rate, review.repeatRate, true)}
        />
        <KpiCard
          label={t('kpi.uncertainAtFiling')}
          figure={t('kpi.countRate', { count: report.uncertainAtFiling.count, rate: rate(report.uncertainAtFiling.rate) })}
          detail={t('kpi.uncertainWaiting', { waiting: report.byCategory.uncertain ?? 0 })}
        />
        <KpiCard label={t('kpi.fcr')} figure={rate(report.firstContactResolutionRate)} target={rateTarget(report.firstContactResolutionRate, review.firstContactResolutionRate)} />
        <KpiCard
          label={t('kpi.csat')}
          figure={formatNumber(surveys.csatMean, language, none, 2)}
          detail={t('kpi.surveyCounts', { answered: surveys.answered, sent: surveys.sent, rate: rate(surveys.responseRate) })}
          target={rateTarget(surveys.responseRate, review.surveyResponseRate)}
        />
        <KpiCard label={t('kpi.satisfied')} figure={rate(surveys.satisfiedRate)} target={rateTarget(surveys.satisfiedRate, review.satisfiedRate)} />
        <KpiCard
          label={t('kpi.nps')}
          figure={formatNumber(surveys.nps, language, none)}
          target={
            review.nps === null || review.nps === undefined
              ? undefined
              : { text: t('kpi.target', { value: formatNumber(review.nps, language) }), met: meetsTarget(surveys.nps, review.nps) }
          }
        />
        <KpiCard
          label={t('kpi.noFeedback')}
          figure={formatNumber(report.noFeedback, language)}
          target={{ text: report.noFeedback === 0 ? t('kpi.noFeedbackOk') : t('kpi.noFeedbackBad'), met: report.noFeedback === 0 }}
        />
      </div>
    </section>
  );
}

function GroupTable({ groups, grouping }: { groups: KpiGroup[]; grouping: Exclude<Grouping, 'none'> }) {
  const { t, i18n } = useTranslation('reports');
  const language = i18n.language;
  const none = t('kpi.none');
  const rate = (r: number | null) => formatRate(r, language, none);
  const name = t(`groupings.${grouping}`);
  const columns = [
    t('kpi.received'),
    t('kpi.resolvedRate'),
    t('kpi.firstResponse'),
    t('kpi.resolution'),
    t('kpi.meanDays'),
    t('kpi.escalationRate'),
    t('kpi.reopened'),
    t('kpi.repeat'),
    t('kpi.fcr'),
    t('kpi.csat'),
    t('kpi.nps'),
    t('kpi.noFeedback'),
  ];
  return (
    <section aria-labelledby="groups-heading">
      <h2 id="groups-heading">{t('groups.heading', { grouping: name })}</h2>
      <div className="table-scroll">
        <table>
          <caption>{t('groups.caption', { grouping: name })}</caption>
          <thead>
            <tr>
              <th scope="col">{name}</th>
              {columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => (
              <tr key={g.key}>
                <th scope="row">{g.label}</th>
                <td>{formatNumber(g.received, language)}</td>
                <td>{rate(g.resolvedRate)}</td>
                <td>{rate(g.firstResponse.metRate)}</td>
                <td>{rate(g.resolution.metRate)}</td>
                <td>{formatNumber(g.resolution.meanWorkingDays, language, none)}</td>
                <td>{rate(g.escalated.rate)}</td>
                <td>{t('kpi.countRate', { count: g.reopened.count, rate: rate(g.reopened.rate) })}</td>
                <td>{t('kpi.countRate', { count: g.repeat.count, rate: rate(g.repeat.rate) })}</td>
                <td>{rate(g.firstContactResolutionRate)}</td>
                <td>{formatNumber(g.surveys.csatMean, language, none, 2)}</td>
                <td>{formatNumber(g.surveys.nps, language, none)}</td>
                <td>{formatNumber(g.noFeedback, language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

type BreachItem = Schemas['BreachItem'];
type BreachPages = { state: 'loading' } | { state: 'failed'; error: unknown } | { state: 'ready'; items: BreachItem[]; cursor?: string | undefined; more: 'idle' | 'loading' | { error: unknown } };

function Breaches({ period, timeZone }: { period: Period; timeZone: string }) {
  const desk = useDesk();
  const { t, i18n } = useTranslation('reports');
  const { t: tc } = useTranslation();
  const language = i18n.language;
  const [pages, setPages] = useState<BreachPages>({ state: 'loading' });
  const { from, to } = period;

  const page = useCallback(
    async (cursor?: string) =>
      answerOf(await desk.api.GET('/staff/reports/breaches', { params: { query: { from, to, limit: '50', ...(cursor ? { cursor } : {}) } } })),
    [desk, from, to],
  );

  useEffect(() => {
    let current = true;
    setPages({ state: 'loading' });
    page().then(
      (answer) => current && setPages({ state: 'ready', items: answer.items, cursor: answer.cursor, more: 'idle' }),
      (error: unknown) => current && setPages({ state: 'failed', error }),
    );
    return () => {
      current = false;
    };
  }, [page, language]);

  const showMore = async () => {
    if (pages.state !== 'ready' || !pages.cursor) return;
    const before = pages;
    setPages({ ...before, more: 'loading' });
    try {
      const answer = await page(before.cursor);
      setPages({ state: 'ready', items: [...before.items, ...answer.items], cursor: answer.cursor, more: 'idle' });
    } catch (error) {
      setPages({ ...before, more: { error } });
    }
  };

  return (
    <section aria-labelledby="breaches-heading">
      <h2 id="breaches-heading">{t('breaches.heading')}</h2>
      {pages.state === 'loading' && <p aria-live="polite">{tc('loading')}</p>}
      {pages.state === 'failed' && <ProblemMessage error={pages.error} />}
      {pages.state === 'ready' && pages.items.length === 0 && <p>{t('breaches.empty')}</p>}
      {pages.state === 'ready' && pages.items.length > 0 && (
        <>
          <div className="table-scroll">
            <table>
              <caption>{t('breaches.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('breaches.caseNumber')}</th>
                  <th scope="col">{t('breaches.deadline')}</th>
                  <th scope="col">{t('breaches.category')}</th>
                  <th scope="col">{t('breaches.dueAt')}</th>
                  <th scope="col">{t('breaches.doneAt')}</th>
                  <th scope="col">{t('breaches.overdue')}</th>
                  <th scope="col">{t('breaches.owner')}</th>
                  <th scope="col">{t('breaches.team')}</th>
                  <th scope="col">{t('breaches.escalation')}</th>
                </tr>
              </thead>
              <tbody>
                {pages.items.map((item) => (
                  <tr key={`${item.id}:${item.deadline}`}>
                    <th scope="row">
                      <Link to={`/desk/cases/${encodeURIComponent(item.id)}`}>{item.caseNumber}</Link>
                    </th>
                    <td>{t(`breaches.deadlines.${item.deadline}`)}</td>
                    <td>{tc(`category.${item.category}`)}</td>
                    <td>{formatInstant(item.dueAt, language, timeZone)}</td>
                    <td>{item.doneAt ? formatInstant(item.doneAt, language, timeZone) : t('breaches.notDone')}</td>
                    <td>
                      {item.overdueWorkingDays === null
                        ? t('breaches.overdueHours', { hours: formatNumber(item.overdueHours, language) })
                        : t('breaches.overdueWorkingDays', {
                            hours: formatNumber(item.overdueHours, language),
                            days: formatNumber(item.overdueWorkingDays, language),
                          })}
                    </td>
                    <td>{item.owner ?? t('breaches.unassigned')}</td>
                    <td>{item.team ?? t('kpi.none')}</td>
                    <td>{item.escalationLevel > 0 ? t('breaches.level', { level: item.escalationLevel }) : t('breaches.noLevel')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {typeof pages.more === 'object' && <ProblemMessage error={pages.more.error} />}
          {pages.cursor && (
            <button type="button" className="secondary" disabled={pages.more === 'loading'} onClick={() => void showMore()}>
              {t('breaches.more')}
            </button>
          )}
        </>
      )}
    </section>
  );
}
