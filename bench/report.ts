/** bench/results.md from the results of `npm run bench`. */
import type { LatencyFigures } from './api-latency.ts';
import type { BundleResult } from './bundle-sizes.ts';
import { bundleTargets, ownBundleBytes } from './support/bundle-targets.ts';
import type { PathUsage } from './complaint-usage.ts';
import { type Cost, logBytes } from './cost-model.ts';
import { type PriceName, prices } from './prices.ts';
import type { BenchResults } from './run.ts';
import type { ProfileSummary } from './support/cpu-profile.ts';
import type { Usage } from './support/usage.ts';
import type { FirstLoad } from './web-app.ts';

type Failed = { error: string };
const failed = (value: object | undefined): value is Failed => value !== undefined && 'error' in value;

const kb = (bytes: number) => (bytes / 1024).toFixed(0);
const n = (value: number, digits = 1) =>
  Number.isFinite(value) ? value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : 'n/a';
const usd = (value: number) => (value >= 1 ? `$${value.toFixed(2)}` : value >= 0.01 ? `$${value.toFixed(3)}` : `$${value.toFixed(4)}`);
const yes = (met: boolean | undefined) => (met === undefined ? 'not measured' : met ? 'met' : '**not met**');
const table = (header: string[], rows: (string | number)[][]) =>
  [
    `| ${header.join(' | ')} |`,
    `| ${header.map((h, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');

interface Target {
  target: string;
  figure: string;
  met: boolean | undefined;
}

/** Issue 13's limits. */
export const performanceTargets = {
  maxOwnBundleKb: bundleTargets.maxOwnBytes / 1024,
  maxLoadRatio: bundleTargets.maxLoadRatio,
  maxSequentialCallsPerRoute: 4,
  maxTransitionsInTime: 12,
  maxTransitionsWeighted: 16,
  maxWriteUnitsPerComplaint: 100,
  maxUsdPerThousand: 1,
  maxFilingP99Ms: 200,
  minFilingsPerSecond: 60,
  maxRssBytesPerOpenComplaint: 60 * 1024,
} as const;


function targets(results: BenchResults): Target[] {
  const t = performanceTargets;
  const list: Target[] = [];
  const bundles = results.bundles;
  if (bundles && !failed(bundles)) {
    const fns = bundles.functions;
    const own = fns.map((f) => ({ f, bytes: ownBundleBytes(f) }));
    const largest = own.reduce((a, b) => (b.bytes > a.bytes ? b : a));
    list.push({
      target: `every function's own code and libraries (bundle less its SDK-only baseline) under ${t.maxOwnBundleKb} KB minified`,
      figure: `${own.filter((o) => o.bytes < t.maxOwnBundleKb * 1024).length} of ${fns.length} under; ${kb(Math.min(...own.map((o) => o.bytes)))}–${kb(largest.bytes)} KB (largest ${largest.f.functionName})`,
      met: own.every((o) => o.bytes < t.maxOwnBundleKb * 1024),
    });
    const worst = fns.reduce((a, b) => (b.loadRatio > a.loadRatio ? b : a));
    list.push({
      target: `cold load within ${t.maxLoadRatio}x its SDK-only baseline`,
      figure: `${fns.filter((f) => f.loadRatio <= t.maxLoadRatio).length} of ${fns.length} within; worst ${worst.functionName} ${n(worst.loadRatio, 2)}x`,
      met: fns.every((f) => f.loadRatio <= t.maxLoadRatio),
    });
  }
  const usage = results.usage;
  if (usage && !failed(usage)) {
    const routes = usage.functions.filter((f) => f.handler.startsWith('api/'));
    const worstRoute = routes.reduce((a, b) => (b.maxSequentialCalls > a.maxSequentialCalls ? b : a));
    const filing = routes.find((f) => f.handler === 'api/file-complaint');
    list.push({
      target: `at most ${t.maxSequentialCallsPerRoute} sequential AWS calls on every API route's request path (filing included)`,
      figure: `${routes.filter((f) => f.maxSequentialCalls <= t.maxSequentialCallsPerRoute).length} of ${routes.length} routes the bench drives within; filing ${filing?.maxSequentialCalls ?? 'n/a'}, most ${worstRoute.handler.slice(4)} ${worstRoute.maxSequentialCalls}`,
      met: routes.every((f) => f.maxSequentialCalls <= t.maxSequentialCallsPerRoute),
    });
    const mailingRoutes = routes.filter((f) => Object.keys(f.sdkCallsPerInvocation).some((c) => c.startsWith('SESv2.') || c.startsWith('SNS.')));
    list.push({
      target: 'no email or SNS send inside an API request',
      figure: mailingRoutes.length ? `sent inside ${mailingRoutes.map((f) => f.handler.slice(4)).join(', ')}` : 'none',
      met: mailingRoutes.length === 0,
    });
    const inTime = usage.paths.find((p) => p.name === 'answered-in-time');
    if (inTime) {
      list.push({
        target: `at most ${t.maxTransitionsInTime} state transitions, complaint answered and resolved in time`,
        figure: `${inTime.stateTransitions.max} (min ${inTime.stateTransitions.min}, ${inTime.complaints} complaints)`,
        met: inTime.stateTransitions.max <= t.maxTransitionsInTime,
      });
    }
    const w = usage.weighted;
    list.push({
      target: `at most ${t.maxTransitionsWeighted} state transitions on the weighted mix`,
      figure: `${n(w.stateTransitions, 1)} (${n(w.workflowHistoryRecords, 1)} history events per complaint, ${n(w.workflowHistoryRecords / w.stateTransitions, 2)} per transition)`,
      met: w.stateTransitions <= t.maxTransitionsWeighted,
    });
    const writeUnits = w.writeUnits + w.indexWriteUnits + w.failedWriteUnits;
    list.push({
      target: `at most ${t.maxWriteUnitsPerComplaint} DynamoDB write units per complaint (table, indexes, refused conditional writes) on the weighted mix`,
      figure: `${n(writeUnits, 1)} (table ${n(w.writeUnits, 1)}, indexes ${n(w.indexWriteUnits, 1)}, refused ${n(w.failedWriteUnits, 1)})`,
      met: writeUnits <= t.maxWriteUnitsPerComplaint,
    });
  }
  if (results.cost) {
    list.push({
      target: `under $${t.maxUsdPerThousand.toFixed(2)} per 1,000 complaints in total`,
      figure: `${usd(results.cost.perThousand.totalUsd)} (5-minute polling: ${usd(results.cost.pollingPerThousand.totalUsd)})`,
      met: results.cost.perThousand.totalUsd < t.maxUsdPerThousand,
    });
  }
  const latency = results.latency;
  if (latency && !failed(latency)) {
    const filing = latency.levels.find((l) => l.operation === 'file' && l.concurrency === 16);
    if (filing) {
      list.push({
        target: `filing p99 under ${t.maxFilingP99Ms} ms and at least ${t.minFilingsPerSecond} filings/s at 16 in flight (local)`,
        figure: `${n(filing.p99Ms)} ms, ${n(filing.throughputPerSecond, 1)}/s during the burst and ${n(filing.sustainedPerSecond ?? Number.NaN, 1)}/s until its workflows had parked, the workflow on its own thread${
          latency.workflowInProcess
            ? ` (on the serving thread: ${n(latency.workflowInProcess.p99Ms)} ms, ${n(latency.workflowInProcess.throughputPerSecond, 1)}/s)`
            : ''
        }`,
        met: filing.p99Ms < t.maxFilingP99Ms && (filing.sustainedPerSecond ?? 0) >= t.minFilingsPerSecond,
      });
    }
  }
  const memory = results.memory;
  if (memory && !failed(memory)) {
    list.push({
      target: `at most ${kb(t.maxRssBytesPerOpenComplaint)} KB of RSS per open complaint with 10,000 open (local)`,
      figure: `${n(memory.rssBytesPerComplaint / 1024, 1)} KB (V8 heap ${n(memory.heapUsedBytesPerComplaint / 1024, 1)} KB)`,
      met: memory.rssBytesPerComplaint <= t.maxRssBytesPerOpenComplaint,
    });
  }
  const reports = results.reports;
  if (reports && !failed(reports)) {
    const large = reports.cases.find((c) => c.kind === 'month, index' && c.complaints >= Math.max(...reports.monthSizes));
    const largeSnapshot = reports.cases.find((c) => c.kind === 'month, snapshot' && c.complaints >= Math.max(...reports.monthSizes));
    const year = reports.cases.find((c) => c.kind === 'closed year, snapshots');
    const size = Math.max(...reports.monthSizes).toLocaleString('en-US');
    if (large) {
      list.push({
        target: `a ${size}-complaint month's KPI report under 10 s (local engines)`,
        figure: `${n(large.medianMs / 1000, 2)} s open, from the index${largeSnapshot ? `; ${n(largeSnapshot.medianMs / 1000, 2)} s once snapshotted` : ''}`,
        met: reports.targets.largeMonthTimeMet,
      });
      list.push({
        target: `a ${size}-complaint month's report under $0.01 of reads`,
        figure: `${usd(large.usd)} (${n(large.reportedReadUnits, 1)} RRU)${largeSnapshot ? `; ${usd(largeSnapshot.usd)} once snapshotted` : ''}`,
        met: reports.targets.largeMonthCostMet,
      });
    }
    if (year) {
      list.push({
        target: 'a closed year under 1 s',
        figure: `${n(year.medianMs, 0)} ms (12 snapshots, ${year.complaints.toLocaleString('en-US')} complaints)`,
        met: reports.targets.closedYearMet,
      });
    }
  }
  const web = results.web;
  if (web && !failed(web)) {
    const kbOf = (bytes: number) => `${n(bytes / 1024, 1)} KB`;
    for (const load of [web.desk, web.portal]) {
      list.push({
        target: `${load.page} first load under ${web.targets.firstLoadGzipKb} KB gzip (JS, and CSS)`,
        figure: `JS ${kbOf(load.jsGzipBytes)}, CSS ${kbOf(load.cssGzipBytes)}`,
        met: load.jsGzipBytes < web.targets.firstLoadGzipKb * 1024 && load.cssGzipBytes < web.targets.firstLoadGzipKb * 1024,
      });
    }
    list.push({
      target: "ECharts not in the desk's first load",
      figure: `${web.desk.echartsInFirstLoad ? 'in the first load' : 'not in the first load'}; lazy reports chunk ${kbOf(web.reportsChunk.jsGzipBytes)} gzip${web.reportsChunk.echarts ? '' : ' (no ECharts in it yet)'}`,
      met: !web.desk.echartsInFirstLoad,
    });
    const queue = web.queue;
    list.push({
      target: `desk queue of ${'error' in queue ? 'the' : queue.openCases.toLocaleString('en-US')} open cases visible in under ${web.targets.queueMs} ms (headless Chromium, local)`,
      figure:
        'error' in queue
          ? `failed: ${queue.error}`
          : queue.medianMs !== null
            ? `${n(queue.medianMs, 0)} ms (median of ${queue.loads})`
            : `not measurable yet: the queue shows no row (desk heading: ${n(queue.medianHeadingMs, 0)} ms)`,
      met: web.targets.queueMet,
    });
  }
  return list;
}

function reportsSection(results: BenchResults): string {
  const reports = results.reports;
  if (!reports) return '## (e) KPI report reads\n\nNot run.\n';
  if (failed(reports)) return `## (e) KPI report reads\n\nFailed: ${reports.error}\n`;
  const rows = reports.cases.map((c) => [
    c.name,
    c.kind,
    `${c.from} – ${c.to}`,
    c.complaints.toLocaleString('en-US'),
    n(c.medianMs, 0),
    `${c.queryPages} (${c.queryPagesFromIndex} index, ${c.queryPagesFromSnapshots} snapshot)`,
    n(c.reportedReadUnits, 1),
    n(c.computedReadUnits, 1),
    n(c.itemBytes / 1e6, 2),
    n(c.httpBytes / 1e6, 2),
    usd(c.usd),
  ]);
  const lm = reports.largestMonth;
  const s = reports.seed;
  const profile = lm.profile;
  const large = reports.cases.find((c) => c.kind === 'month, index' && c.complaints === lm.complaints);
  return `## (e) KPI report reads (months of ${reports.monthSizes.map((m) => m.toLocaleString('en-US')).join(' and ')} complaints, a closed year of ${(reports.yearMonthSize * 12).toLocaleString('en-US')})

Each report is \`buildKpiReport\` (what GET /staff/reports/kpi answers, figures and all, no grouping), made at ${reports.now} (${reports.timeZone}) against the local runtime's dynalite (LevelDB in a fresh temporary directory), in the bench's own process: the time includes dynalite's work on the same thread. Median of ${reports.runsPerCase} runs, then one metered run.

${table(['report', 'reads', 'period', 'complaints', 'median ms', 'Query pages', 'RRU (dynalite)', 'RRU (computed)', 'item MB', 'HTTP MB', '$ per report'], rows)}

How it was counted: the open months' ${s.complaints.toLocaleString('en-US')} complaints were filed and moved through their lives by the product's own rules (filing, claim, answer, information request, resolution, rejection and reopening, escalation, closing, survey; bench/support/report-cohort.ts, seeded random, nothing after \`now\`: ${Object.entries(
    s.phases,
  )
    .map(([phase, count]) => `${count.toLocaleString('en-US')} ${phase}`)
    .join(
      ', ',
    )}, closed year included) and written as the store writes them (\`complaintItem\`: the item, ${n(s.complaintItemBytes, 0)} bytes on average, with its reportMonth keys and report facts; the index entry ${n(s.reportIndexEntryBytes, 0)} bytes) by BatchWriteItem, in ${n(s.seconds, 0)} s, not timed. The closed year (2025-02 to 2026-01, ${s.yearComplaints.toLocaleString('en-US')} complaints) was stored only as the snapshots settleReportMonths stores (\`storeMonthSnapshot\` of \`cohortRow\` of each complaint's report facts), its items not written: a settled month's report never reads them. settleReportMonths itself then ran at \`now\` (${n(s.settleSeconds, 1)} s; it stored ${s.settled.join(', ') || 'nothing'}, months with nothing received, and left the two open months alone) and, for the snapshot rows, at ${s.laterSettled.length ? 'a later instant when the open months were settled' : 'a later instant'} (${n(s.laterSettleSeconds, 1)} s; stored ${s.laterSettled.join(', ')}). Metering: SDK middleware on the product's own document client sets \`ReturnConsumedCapacity: TOTAL\` on every Query and sums what dynalite answers (it reports the index reads of a GSI Query too); beside it the bench computes the units by DynamoDB's rule, per page the items' bytes (by the DynamoDB size rule) in 4 KB units rounded up, halved for an eventually consistent read, as both the index Query and the snapshot Query are. HTTP MB is the Content-Length of the answers. Price: ${usd(reports.prices.readRequestUnitUsd * 1_000_000)} per million RRU (${reports.prices.source}). Snapshots: ${reports.snapshots.map((m) => `${m.month} ${m.complaints.toLocaleString('en-US')} rows in ${m.parts} part${m.parts === 1 ? '' : 's'}, ${n(m.bytes / 1024, 0)} KB`).join('; ')}.

Where the time of the largest open month goes (${lm.complaints.toLocaleString('en-US')} complaints, median of ${reports.runsPerCase} runs each): reading the facts from the index (\`monthFacts\`: Query pages, dynalite, HTTP, SDK parsing and unmarshalling) ${n(lm.readMs, 0)} ms, evaluating the rows (\`cohortRow\`: deadlines, working time on the calendar) ${n(lm.rowsMs, 0)} ms, the figures (\`kpiFigures\`) ${n(lm.figuresMs, 0)} ms${large ? `; in the metered run the Query calls took ${n(large.meteredQueryMs, 0)} of ${n(large.meteredMs, 0)} ms` : ''}.${
    profile
      ? ` CPU profile of one whole report (${n(profile.sampledMs, 0)} ms sampled), self time by area: ${profile.byArea
          .slice(0, 6)
          .map((a) => `${a.area} ${n(a.share, 0)} %`)
          .join('; ')}; hottest: ${profile.topFunctions
          .slice(0, 6)
          .map((f) => `${f.name} (${f.where}) ${n(f.share, 0)} %`)
          .join('; ')}.`
      : ''
  }
`;
}

function webSection(results: BenchResults): string {
  const web = results.web;
  if (!web) return '## (f) Web app\n\nNot run.\n';
  if (failed(web)) return `## (f) Web app\n\nFailed: ${web.error}\n`;
  const kbOf = (bytes: number) => n(bytes / 1024, 1);
  const files = (load: FirstLoad) =>
    [...load.js, ...load.css].map((a) => `${a.file.replace(/^assets\//, '')} ${kbOf(a.gzipBytes)}`).join(', ');
  const rows = [web.desk, web.portal].map((load) => [
    load.page,
    kbOf(load.js.reduce((sum, a) => sum + a.bytes, 0)),
    kbOf(load.jsGzipBytes),
    kbOf(load.cssGzipBytes),
    load.echartsInFirstLoad ? 'yes' : 'no',
    files(load),
  ]);
  rows.push([
    '/desk/reports (lazy, added)',
    kbOf(web.reportsChunk.js.reduce((sum, a) => sum + a.bytes, 0)),
    kbOf(web.reportsChunk.jsGzipBytes),
    '',
    web.reportsChunk.echarts ? 'yes' : 'no',
    web.reportsChunk.js.map((a) => `${a.file.replace(/^assets\//, '')} ${kbOf(a.gzipBytes)}`).join(', '),
  ]);
  const queue = web.queue;
  const queueText =
    'error' in queue
      ? `Failed: ${queue.error}`
      : `${queue.openCases.toLocaleString('en-US')} complaints filed through POST /complaints (8 in flight, ${n(queue.filingSeconds, 1)} s, not timed), all open, on the local runtime (manual clock, in the bench's process, so its work shares the 2 cores with Chromium). Headless Chromium ${queue.chromium} opens \`${queue.url}\` signed in as the supervisor, each load in a fresh profile (empty cache), viewport 1280x800; time from \`page.goto\` to the first queue row visible (${queue.selector}; bench/web-app.ts \`firstQueueRow\`), median of ${queue.loads}.

${table(
  ['measure', 'median ms', 'loads (ms)'],
  [
    ['first queue row visible', queue.medianMs === null ? 'n/a' : n(queue.medianMs, 0), queue.firstRowMs.length > 0 ? queue.firstRowMs.map((t) => n(t, 0)).join(', ') : (queue.missing ?? '')],
    ['desk heading visible (stand-in)', n(queue.medianHeadingMs, 0), queue.headingMs.map((t) => n(t, 0)).join(', ')],
  ],
)}`;
  return `## (f) Web app (first load, queue of ${'error' in queue ? 'n/a' : queue.openCases.toLocaleString('en-US')} open cases)

What the first load of each page downloads: the built index.html's entry script, \`modulepreload\` links and stylesheets, and the static imports of those chunks followed recursively (a dynamic \`import()\` is a lazy chunk and not followed); each file gzipped at level 9 (node:zlib), KB = 1,024 bytes. The reports row is what opening the desk's reports adds (its lazy chunk and its imports beyond the first load). ECharts is recognised by its own marker (\`_echarts_instance_\`).

${table(['page', 'JS KB', 'JS gzip KB', 'CSS gzip KB', 'ECharts', 'files (gzip KB)'], rows)}

${queueText}
`;
}

function bundlesSection(results: BenchResults): string {
  const bundles = results.bundles;
  if (!bundles) return '## (a) Bundles\n\nNot run.\n';
  if (failed(bundles)) return `## (a) Bundles\n\nFailed: ${bundles.error}\n`;
  const rows = bundles.functions.map((f: BundleResult) => [
    f.functionName,
    kb(f.minifiedBytes),
    kb(f.gzippedBytes),
    kb(f.baseline.minifiedBytes),
    n(f.loadMs),
    n(f.baseline.loadMs),
    `${n(f.loadRatio, 2)}x`,
    kb(ownBundleBytes(f)),
    ownBundleBytes(f) < performanceTargets.maxOwnBundleKb * 1024 ? 'met' : 'no',
    f.loadRatio <= performanceTargets.maxLoadRatio ? 'met' : 'no',
    f.largest
      .slice(0, 3)
      .map((l) => `${l.name} ${kb(l.bytes)}`)
      .join(', ') + (f.error ? ` (error: ${f.error})` : ''),
  ]);
  const sdkSets = new Map<string, string[]>();
  for (const f of bundles.functions) sdkSets.set(f.sdk.join('; '), [...(sdkSets.get(f.sdk.join('; ')) ?? []), f.functionName]);
  return `## (a) Bundles and cold load

Each function bundled with esbuild ${'`'}${'bundle, platform node, target node24, format esm, minify, sourcemap (external), sourcesContent false, mainFields module,main, the createRequire banner, AWS SDK bundled'}${'`'}, as lib/complaint-function.ts has CDK do it. Sizes are of index.mjs (the .map beside it is not counted), gzip at level 9; KB = 1,024 bytes. Load time: median of ${bundles.runs} fresh \`node --input-type=module -e\` processes each timing \`await import(bundle)\` only (Node ${bundles.node} here; Lambda runs nodejs24.x, and with \`NODE_OPTIONS=--enable-source-maps\`, which these runs leave out). The baseline of a function is a bundle that only creates, at module scope, the same SDK clients and holds the same SDK commands as the function's bundle, built and timed the same way, in the same rounds (so a busy machine slows both).${results.sectionRuns?.bundles?.alongside ? ` The ${results.sectionRuns.bundles.alongside} section ran beside this one.` : ''}

${table(['function', 'minified KB', 'gzip KB', 'baseline KB', 'load ms', 'baseline ms', 'ratio', 'own KB', `own < ${performanceTargets.maxOwnBundleKb} KB`, `<= ${performanceTargets.maxLoadRatio}x`, 'largest parts (KB)'], rows)}

Own KB: the bundle less its baseline, the function's own code and libraries (in TriageComplaint, less the triage model and lexicons, counted apart).

Baselines (SDK packages and commands found in the bundles):

${[...sdkSets].map(([sdk, fns]) => `- ${sdk || '(no SDK)'}: ${fns.join(', ')}`).join('\n')}
`;
}

const usageRows: [string, (u: Usage) => number, number][] = [
  ['API Gateway requests', (u) => u.apiRequests, 1],
  ['Lambda invocations', (u) => u.lambdaInvocations, 1],
  ['Lambda billed ms (local, measured)', (u) => u.lambdaBilledMs, 0],
  ['Step Functions state transitions', (u) => u.stateTransitions, 1],
  ['DynamoDB RRU (reported)', (u) => u.readUnits, 1],
  ['DynamoDB WRU, table (reported)', (u) => u.writeUnits, 1],
  ['DynamoDB WRU, GSIs (computed)', (u) => u.indexWriteUnits, 1],
  ['  of which index entry writes', (u) => u.indexWriteOperations ?? 0, 1],
  ['DynamoDB WRU, refused conditional writes (computed)', (u) => u.failedWriteUnits, 1],
  ['emails (SES)', (u) => u.emails, 2],
  ['SNS publishes', (u) => u.snsPublishes, 2],
  ['log lines written by handlers', (u) => u.appLogLines, 1],
  ['CloudWatch Logs KB (estimate)', (u) => logBytes(u) / 1024, 1],
];

function usageSection(results: BenchResults): string {
  const usage = results.usage;
  if (!usage) return '## (b) Usage per complaint\n\nNot run.\n';
  if (failed(usage)) return `## (b) Usage per complaint\n\nFailed: ${usage.error}\n`;
  const paths = usage.paths;
  const header = ['per complaint', ...paths.map((p) => `${p.name} (${p.complaints})`), 'weighted mean'];
  const rows = usageRows.map(([label, pick, digits]) => [
    label,
    ...paths.map((p) => n(pick(p.perComplaint), digits)),
    n(pick(usage.weighted), digits),
  ]);
  rows.push(['state transitions min–max', ...paths.map((p) => `${p.stateTransitions.min}–${p.stateTransitions.max}`), '']);
  rows.push(['surveys sent', ...paths.map((p) => n(p.surveysSentPerComplaint, 2)), '']);
  rows.push(['filing to closing, hours (clock)', ...paths.map((p) => n(p.lifetimeHours, 1)), n(usage.weightedLifetimeHours, 1)]);
  rows.push(['complaint item bytes at the end', ...paths.map((p) => n(p.complaintItemBytes, 0)), n(usage.weightedComplaintItemBytes, 0)]);
  rows.push(['stored state as scripted', ...paths.map((p) => `${p.asScripted}/${p.complaints}`), '']);
  const fnRows = usage.functions.map((f) => [
    f.handler,
    f.invocations,
    n(f.meanMs, 1),
    n(f.maxMs, 0),
    Object.entries(f.sdkCallsPerInvocation)
      .map(([call, count]) => `${call} ${n(count, 1)}`)
      .join(', '),
    // Older results.json files predate the count.
    f.sequentialCallsPerInvocation === undefined ? '' : `${n(f.sequentialCallsPerInvocation, 1)} (most ${f.maxSequentialCalls})`,
  ]);
  const failures = Object.entries(usage.failures);
  return `## (b) Usage per complaint (${usage.complaints} complaints, manual clock, ${usage.clockHours} h of clock in ${n(usage.realSeconds, 0)} s)

Paths (bench/complaint-paths.ts; filed Mon 2025-11-24 10:00 Shanghai, all at once; people act at fixed hours after filing, the workflow on its own clock):

${paths.map((p: PathUsage) => `- **${p.name}** (${p.share} %): ${p.summary}.`).join('\n')}

Every closed complaint gets its survey from the hourly sender 24 h after closing; one customer in three answers it.

${table(header, rows)}

How it was counted: API requests by the client; Lambda invocations and their durations in the local invoker (\`local/runtime-hooks.ts\` around every in-process handler call); state transitions from our Step Functions emulator's history (every StateEntered, and every Task retry: ${n(usage.weighted.taskRetries * usage.complaints, 0)} in this run); DynamoDB, SES and SNS by SDK middleware that the bench adds to the handlers' own clients (bench/support/sdk-meter.ts), charged to the complaint through AsyncLocalStorage. The SDK middleware sets \`ReturnConsumedCapacity: TOTAL\` on every command that takes it; dynalite answered ConsumedCapacity on every such call (${usage.capacity.unreportedCalls} without), for the base table only. So the bench computes, from the item before and after each write and by the DynamoDB rules (1 KB per write unit, item size by attribute names and values), what each global secondary index adds (by the entry it holds: the whole item under ALL, the keys and projected attributes under INCLUDE; an entry put, updated or deleted is one write of its size, a changed index key two, a write that leaves an entry's keys and projected attributes as they were none), and the units of conditional writes that were refused (AWS bills them by the stored item's size). Check: dynalite reported ${n(usage.capacity.reportedTableWriteUnits, 0)} table WRU, our computation of the same ${n(usage.capacity.computedTableWriteUnits, 0)}. Lambda durations are wall times in one process shared by everything (4 requests in flight, the workflow running meanwhile${results.sectionRuns?.usage?.alongside ? `, and the ${results.sectionRuns.usage.alongside} section running beside it` : ''}): an upper bound, not what arm64 Lambda would bill. The hourly survey sender is a fixed cost (${usage.schedule.runs} runs here), priced per month below, not per complaint.

Per function (all complaints; mean and max wall time, SDK calls per invocation):

${table(['handler', 'invocations', 'mean ms', 'max ms', 'SDK calls per invocation', 'sequential AWS calls (overlapping once)'], fnRows)}
${failures.length ? `\nRequests answered with an unexpected status:\n\n${failures.map(([k, v]) => `- ${v} x ${k}`).join('\n')}\n` : '\nNo request was answered with an unexpected status.\n'}`;
}

function unitPrice(name: PriceName): string {
  const price = prices[name];
  if (price.usd >= 0.01) return `$${price.usd.toFixed(2)} per ${price.unit}`;
  if (price.usd >= 0.00005) return `$${(price.usd * 1000).toFixed(3)} per 1,000`;
  return `$${(price.usd * 1_000_000).toFixed(price.usd * 1_000_000 < 1 ? 3 : 2)} per million`;
}

function costTable(ours: Cost, polling: Cost): string {
  const rows = ours.lines.map((line, i) => {
    const other = polling.lines[i]!;
    return [
      line.item,
      n(line.quantity, line.quantity < 10 ? 4 : 0),
      unitPrice(line.price),
      usd(line.usd),
      n(other.quantity, other.quantity < 10 ? 4 : 0),
      usd(other.usd),
    ];
  });
  rows.push(['**total**', '', '', `**${usd(ours.totalUsd)}**`, '', `**${usd(polling.totalUsd)}**`]);
  return table(['per 1,000 complaints', 'quantity', 'list price', 'our design', 'quantity, polling', 'polling every 5 min'], rows);
}

function costSection(results: BenchResults): string {
  const cost = results.cost;
  if (!cost) return '## Cost per 1,000 complaints\n\nNot computed (needs section b).\n';
  const a = cost.assumptions;
  return `## Cost per 1,000 complaints (AWS list prices, us-east-1)

The weighted mean usage above, times 1,000, at the prices of bench/prices.ts (no free tier). Beside it, the same complaints under a design that polls each case every ${a.pollingIntervalMinutes} minutes until it closes: per poll ${a.pollingTransitionsPerPoll} state transitions (Wait, a check Task, a Choice), one Lambda invocation of ${n(cost.polling.pollLambdaMs, 1)} ms (PlanNextStep's measured mean: it does the same, read the case and decide) and one strongly consistent read of the case item (${n(cost.polling.complaintItemBytes, 0)} bytes measured: ${Math.max(1, Math.ceil(cost.polling.complaintItemBytes / 4096))} RRU), for the measured time from filing to closing (${n(cost.polling.lifetimeHours, 1)} h on average, ${n(cost.polling.pollsPerComplaint, 0)} polls); everything people and actions cause (API, their Lambdas, writes, emails, SNS) as measured; only our callback workflow's transitions and history are replaced by the polls'.

${costTable(cost.perThousand, cost.pollingPerThousand)}

Per path, per 1,000 complaints that all take it:

${table(
  ['path', 'share', 'our design', 'polling every 5 min', 'polls per complaint'],
  cost.paths.map((p) => [p.name, `${p.share} %`, usd(p.perThousandUsd), usd(p.pollingPerThousandUsd), n(p.pollsPerComplaint, 0)]),
)}

Fixed, whatever the number of complaints: the hourly survey sender, ${n(cost.schedule.runsPerMonth, 0)} runs a month (its measured invocation, duration and Query), ${usd(cost.schedule.perMonth.totalUsd)} a month.

Assumptions: Lambda ${cost.lambdaMemoryMb} MB arm64 (lib/complaint-function.ts), billed on the measured local durations above, each rounded up to 1 ms (at 100 ms for every invocation instead, Lambda duration would be ${usd(cost.lambdaDurationAt100msUsd)} per 1,000 complaints); Lambda INIT time of cold starts, X-Ray traces (active tracing; $5.00 per million recorded, about one per API request and per execution), KMS requests, DynamoDB storage and point-in-time recovery, and data transfer are not included. CloudWatch Logs: ${a.lambdaPlatformLogBytesPerInvocation} B of START/END/REPORT per invocation, the handlers' own log lines as measured at INFO (the level a deployed function runs at), ${a.workflowLogRecordBytes} B per Step Functions history record plus the state inputs and outputs (log level ALL with execution data, lib/complaint-workflow.ts; records per state as a Standard execution writes them), ${a.apiAccessLogBytes} B per API access log line. SNS: ${a.snsEmailDeliveriesPerPublish} email delivery per publish (one address per level).

Prices (US East, N. Virginia):

${table(
  ['price', 'USD', 'unit', 'source', 'as of', 'note'],
  Object.entries(cost.prices).map(([name, p]) => [name, unitPrice(name as PriceName), p.unit, p.source, p.asOf, p.note ?? '']),
)}
`;
}

function profileTable(summary: ProfileSummary): string {
  return table(
    ['where the CPU went', 'ms', 'share'],
    summary.byArea.slice(0, 10).map((a) => [a.area, n(a.ms, 0), `${n(a.share, 1)} %`]),
  );
}

function latencySection(results: BenchResults): string {
  const latency = results.latency;
  if (!latency) return '## (c) API latency\n\nNot run.\n';
  if (failed(latency)) return `## (c) API latency\n\nFailed: ${latency.error}\n`;
  const row = (f: LatencyFigures, label = '') => [
    `${f.operation === 'file' ? 'POST /complaints' : 'GET /complaints/{id}'}${label}`,
    f.concurrency,
    f.requests,
    n(f.p50Ms),
    n(f.p99Ms),
    n(f.throughputPerSecond),
    f.sustainedPerSecond === undefined ? '' : n(f.sustainedPerSecond),
    n(f.busyMsPerRequest, 1),
    f.workflowBusyMsPerRequest === undefined ? '' : n(f.workflowBusyMsPerRequest, 1),
    f.settleMs === undefined ? '' : n(f.settleMs, 0),
    f.failures,
  ];
  const rows = [
    ...latency.levels.map((f) => row(f)),
    ...(latency.workflowInProcess ? [row(latency.workflowInProcess, ', workflow on the serving thread')] : []),
  ];
  const filing16 = latency.levels.find((l) => l.operation === 'file' && l.concurrency === 16);
  const read16 = latency.levels.find((l) => l.operation === 'read' && l.concurrency === 16);
  const inProcess = latency.workflowInProcess;
  const profiles = results.profiles;
  return `## (c) API latency and throughput (local stack)

Closed loop: 1, 16 or 64 requests in flight from a client on its own thread, against the local runtime as \`npm start\` runs it: one Node process, the HTTP front, the API handlers and the mail and SNS engines on the serving thread, dynalite on its own thread, the Step Functions emulator and the workflow handlers on the workflow thread; manual clock standing still. "Busy ms" is the serving thread's event-loop busy time per request, "workflow ms" the workflow thread's while the burst ran; "settle" is how long the workflows started by the burst took to park afterwards, and "sustained" counts the filings over the burst and that settling together. The last row is the runtime with the workflow on the serving thread (\`workflowIn: 'process'\`, as the fault-injection tests run it), for comparison. The machine has ${results.machine.cpus} cores, shared by the client and the three threads.

${table(['request', 'in flight', 'requests', 'p50 ms', 'p99 ms', 'per second', 'sustained per second', 'busy ms', 'workflow ms', 'settle ms', 'failed'], rows)}
${
  filing16
    ? `
**Filing at 16 in flight.** In a closed loop each request waits for the ones ahead of it on the serving thread: latency is about 16 x its busy time per filing, and that busy time caps the rate (${n(filing16.busyMsPerRequest, 1)} ms: at most ${n(1000 / filing16.busyMsPerRequest, 0)} filings a second; measured ${n(filing16.throughputPerSecond, 1)}/s, p50 ${n(filing16.p50Ms, 0)} ms, p99 ${n(filing16.p99Ms, 0)} ms).${
        inProcess
          ? ` With the workflow on the serving thread too, its busy time was ${n(inProcess.busyMsPerRequest, 1)} ms per filing: ${n(inProcess.throughputPerSecond, 1)}/s, p99 ${n(inProcess.p99Ms, 0)} ms.`
          : ''
      } The workflow each filing starts (Triage, SendAcknowledgement, PlanNextStep, AwaitStep${describeCalls(results, ['workflow/triage-complaint', 'workflow/send-acknowledgement', 'workflow/plan-next-step', 'workflow/await-step'])}) now runs on the workflow thread (${n(filing16.workflowBusyMsPerRequest ?? Number.NaN, 1)} ms per filing while the burst ran; it parks them after it, see "settle"). The request path itself is POST /complaints${describeCalls(results, ['api/file-complaint'])}, each call one SDK middleware stack, SigV4 signing, an HTTP round trip and a dynalite request; a read (${read16 ? `${n(read16.busyMsPerRequest, 1)} ms` : 'about 3 ms'})${describeCalls(results, ['api/get-complaint'])}.`
    : ''
}
${
  profiles && !failed(profiles)
    ? `
CPU profiles of the filing burst at 16 (V8 sampling profiler, as \`node --cpu-prof\`, started and stopped around the burst and the settling after it; written to ${profiles.directory}), self time by area:

Filing, the serving thread (the workflow on its own thread, not in this profile; ${n(profiles.filing.sampledMs, 0)} ms sampled):

${profileTable(profiles.filing)}

Filing, the workflow on the serving thread (${n(profiles.filingWorkflowInProcess.sampledMs, 0)} ms sampled):

${profileTable(profiles.filingWorkflowInProcess)}

Hottest functions on the serving thread: ${profiles.filing.topFunctions
        .slice(0, 8)
        .map((f) => `${f.name} (${f.where}) ${n(f.share, 1)} %`)
        .join('; ')}.
`
    : profiles
      ? `\nProfiles failed: ${profiles.error}\n`
      : ''
}`;
}

/** ", N SDK calls (a x2, b x1)" for these handlers together, from section (b); empty when it did not run. */
function describeCalls(results: BenchResults, handlers: string[]): string {
  const usage = results.usage;
  if (!usage || failed(usage)) return '';
  const calls = new Map<string, number>();
  for (const f of usage.functions.filter((fn) => handlers.includes(fn.handler))) {
    for (const [call, count] of Object.entries(f.sdkCallsPerInvocation)) calls.set(call, (calls.get(call) ?? 0) + count);
  }
  const total = [...calls.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return '';
  return `: ${n(total, 0)} SDK call${total === 1 ? '' : 's'} (${[...calls].map(([call, count]) => `${call} x${n(count, 1)}`).join(', ')})`;
}

function memorySection(results: BenchResults): string {
  const memory = results.memory;
  if (!memory) return '## (d) Memory per open complaint\n\nNot run.\n';
  if (failed(memory)) return `## (d) Memory per open complaint\n\nFailed: ${memory.error}\n`;
  const mb = (bytes: number) => n(bytes / 2 ** 20, 0);
  return `## (d) Memory per open complaint (local runtime)

${n(memory.openComplaints - 50, 0)} complaints filed after a warm-up of 50, each parked on its response wait (${memory.runningExecutions} executions running, ${memory.pendingClockTimers} clock timers pending); memory taken after full garbage collection (\`--expose-gc\`) before and after, the growth divided by the complaints filed${results.sectionRuns?.memory?.alongside ? ` (this section ran beside ${results.sectionRuns.memory.alongside}; it measures memory, not time)` : ''}. Everything is in this one process, on three threads: dynalite holds the items (in memory) on its own, the emulator the executions and their task tokens on the workflow thread; the V8 heap is the three heaps added up, RSS the process's.

${table(
  ['per open complaint', 'bytes'],
  [
    ['V8 heap used', n(memory.heapUsedBytesPerComplaint, 0)],
    ['RSS', n(memory.rssBytesPerComplaint, 0)],
    ['external (Buffers and ArrayBuffers, V8 accounting)', n(memory.externalBytesPerComplaint, 0)],
    ['DynamoDB item bytes stored (size rules), for comparison', n(memory.storedItemBytesPerComplaint, 0)],
  ],
)}

Items stored per complaint: ${n(memory.storedItemsPerComplaint, 1)}. Process: heap used ${mb(memory.before.heapUsed)} → ${mb(memory.after.heapUsed)} MiB, RSS ${mb(memory.before.rss)} → ${mb(memory.after.rss)} MiB, ArrayBuffers ${mb(memory.before.arrayBuffers)} → ${mb(memory.after.arrayBuffers)} MiB; filing and parking took ${n(memory.fileSeconds, 0)} s. dynalite's store keeps keys and values as strings (local/dynalite.ts): memory-level's default Buffers were slices of 8 KB pool slabs that one long-lived slice keeps whole.
`;
}

/** Ways to meet the targets that were missed, each with what it would save, estimated from this run's figures. */
function suggestionsSection(results: BenchResults): string {
  const parts: string[] = [];
  const bundles = results.bundles;
  if (bundles && !failed(bundles) && bundles.functions.some((f) => !f.sizeMet || !f.loadMet)) {
    const fns = bundles.functions.filter((f) => !f.error);
    // One locale is a few KB; every locale of zod 4 is about 260 KB.
    const withLocales = fns.filter((f) => f.zodLocalesBytes > 20 * 1024);
    const triaging = new Set(['FileComplaint', 'TriageComplaint']);
    const needlessTriage = fns.filter((f) => !triaging.has(f.functionName) && (f.triageBytes ?? 0) > 10 * 1024);
    const heavy = fns.filter((f) => !f.sizeMet);
    const slow = fns.filter((f) => !f.loadMet);
    const ownKb = fns.map((f) => ownBundleBytes(f) / 1024);
    parts.push(`**Bundles.**
- Own code and libraries (bundle less the SDK-only baseline) over ${n(performanceTargets.maxOwnBundleKb, 0)} KB: ${heavy.length} of ${fns.length} functions (${n(Math.min(...ownKb), 0)}–${n(Math.max(...ownKb), 0)} KB). Beyond the SDK they carry zod (about 95 KB, with the schemas built at import), the statutory calendar data (chinese-days, 43 KB, all years 2004–2026), Powertools and middy, and our domain code; FileComplaint also the triage model it files with. \`zod/mini\` in function code and domain modules that pull only what a function uses are the ways in.
${
  withLocales.length > 0
    ? `- ${withLocales.length} functions carry every zod locale (${kb(Math.max(...withLocales.map((f) => f.zodLocalesBytes)))} KB): \`z.locales.zhCN()\` reached through \`import * as z from 'zod'\` keeps the whole \`locales\` namespace. Importing the one locale by its path (\`zod/v4/locales/zh-CN.js\`) removes it, and with it much of what V8 parses at import.\n`
    : ''
}${
      needlessTriage.length > 0
        ? `- ${needlessTriage.length} functions that never triage carry the triage lexicons and the sentiment package's word list (${kb(Math.max(...needlessTriage.map((f) => f.triageBytes)))} KB, built at import): ${needlessTriage.map((f) => f.functionName).join(', ')}.\n`
        : ''
    }- Cold load over ${n(performanceTargets.maxLoadRatio, 1)}x the baseline: ${slow.length} functions (${slow.map((f) => `${f.functionName} ${n(f.loadRatio, 2)}x`).join(', ') || 'none'}); a ${n(performanceTargets.maxLoadRatio, 1)}x limit leaves about ${n(Math.min(...fns.map((f) => f.baseline.loadMs)) * (performanceTargets.maxLoadRatio - 1), 0)} ms over the SDK for everything else. What each costs at import is in a \`node --cpu-prof\` of \`node -e "await import(bundle)"\`.
- The SDK stays bundled (it keeps versions pinned and loads faster than the runtime's copy); with the runtime's SDK (\`bundleAwsSDK: false\`) a bundle would be its own code alone, ${n(Math.min(...ownKb), 0)}–${n(Math.max(...ownKb), 0)} KB, gzip ${kb(Math.min(...fns.map((f) => f.gzippedBytes)))}–${kb(Math.max(...fns.map((f) => f.gzippedBytes)))} KB with the SDK as now.`);
  }

  const cost = results.cost;
  const usage = results.usage;
  if (cost && usage && !failed(usage) && cost.perThousand.totalUsd >= 1) {
    const w = usage.weighted;
    const price = (name: PriceName) => prices[name].usd * 1000;
    // Timed-out waits still ask PlanNextStep; every other step hands back its plan.
    const timeoutPlans = w.invocationsByFunction['workflow/plan-next-step'] ?? 0;
    const folded = Math.max(0, w.stateTransitions - 1 - timeoutPlans);
    const answered = usage.paths.find((p) => p.name === 'answered-in-time');
    const foldedAnswered = answered
      ? answered.perComplaint.stateTransitions - 1 - (answered.perComplaint.invocationsByFunction['workflow/plan-next-step'] ?? 0)
      : Number.NaN;
    const workflowLogBytes = w.workflowHistoryRecords * cost.assumptions.workflowLogRecordBytes + w.workflowPayloadBytes;
    const savings: [string, number][] = [
      [
        `Fewer state transitions: one Task that triages and acknowledges (saves 1), and a wait that times out routing on a plan made for its deadline in advance instead of asking PlanNextStep (saves 1 per timeout, ${n(timeoutPlans, 2)} per complaint): ${n(w.stateTransitions, 1)} → ${n(folded, 1)} per complaint (answered in time: ${answered ? `${n(answered.perComplaint.stateTransitions, 0)} → ${n(foldedAnswered, 0)}` : 'n/a'}).`,
        (w.stateTransitions - folded) * price('stepFunctionsStandardTransition'),
      ],
      [
        `Global secondary indexes that project only keys and the few attributes their pages show (KEYS_ONLY or INCLUDE) instead of ALL: each index write then costs 1 unit instead of the whole ${n(usage.weightedComplaintItemBytes, 0)}-byte item's ${Math.ceil(usage.weightedComplaintItemBytes / 1024)}; ${n(w.indexWriteUnits, 1)} → ${n(w.indexWriteOperations, 1)} WRU per complaint.`,
        (w.indexWriteUnits - w.indexWriteOperations) * price('dynamoDbWriteRequestUnit'),
      ],
      [
        `No refused writes: mutateComplaint (functions/adapters/stores/complaints.ts) puts the previous write's outbox events again before every change, and each comes back ConditionalCheckFailed, billed all the same (${n(w.failedWrites, 1)} per complaint). Skipping events already written (the outbox could be emptied by the same conditional put that writes the next version) saves them.`,
        w.failedWriteUnits * price('dynamoDbWriteRequestUnit'),
      ],
      [
        'An HTTP API instead of a REST API ($1.00 instead of $3.50 per million requests; its JWT authorizer takes the Cognito tokens).',
        w.apiRequests * (prices.apiGatewayRestRequest.usd - 1 / 1_000_000) * 1000,
      ],
      [
        'Step Functions logging at ERROR instead of ALL with execution data (the history stays in the console for 90 days).',
        (workflowLogBytes / 1024 ** 3) * price('cloudWatchLogsIngestedGb'),
      ],
    ];
    let total = cost.perThousand.totalUsd;
    const lines = savings.map(([text, saved]) => {
      total -= saved;
      return `- ${text} Saves ${usd(saved)} per 1,000: ${usd(total)}.`;
    });
    const biggest = [...cost.perThousand.lines].sort((a, b) => b.usd - a.usd).slice(0, 3);
    parts.push(`**Cost (${usd(cost.perThousand.totalUsd)} per 1,000 complaints).** The largest lines: ${biggest.map((l) => `${l.item} ${usd(l.usd)}`).join(', ')}. The emails (${n(w.emails, 2)} per complaint: acknowledgement, answer, resolution with its confirmation link, survey, and the information request or reopening) are what the product is for. In order, cumulative:
${lines.join('\n')}`);
  }

  const latency = results.latency;
  const profiles = results.profiles;
  if (latency && !failed(latency)) {
    const filing16 = latency.levels.find((l) => l.operation === 'file' && l.concurrency === 16);
    const p99Limit = performanceTargets.maxFilingP99Ms;
    if (filing16 && filing16.p99Ms >= p99Limit) {
      const share = (summary: ProfileSummary | undefined, prefix: string) =>
        (summary?.byArea.filter((a) => a.area.startsWith(prefix)).reduce((t, a) => t + a.share, 0) ?? 0) / 100;
      const servingProfile = profiles && !failed(profiles) ? profiles.filing : undefined;
      const http = share(servingProfile, 'HTTP') + share(servingProfile, 'AWS SDK');
      const busy = filing16.busyMsPerRequest;
      const workflowBusy = filing16.workflowBusyMsPerRequest ?? 0;
      const cores = results.machine.cpus;
      const sustained = filing16.sustainedPerSecond ?? Number.NaN;
      parts.push(`**Filing latency (p99 ${n(filing16.p99Ms, 0)} ms at 16 in flight; under ${p99Limit} ms needs at most ${n(p99Limit / 16, 1)} ms of serving-thread time per filing).** In a closed loop of 16, p99 ≈ 16 x the serving thread's busy time per filing, now ${n(busy, 1)} ms, with the workflow (${n(workflowBusy, 1)} ms per filing during the burst) and dynalite on threads of their own. What is left:
- The serving thread is mostly SDK calls and HTTP (${n(100 * http, 0)} % of its profile): 9 calls per filing, each one middleware stack, SigV4 signing and an HTTP round trip. Fewer calls per filing is what lowers it.
- The rate the runtime keeps up with is the workflow's: ${n(sustained, 1)} filings a second counting until every workflow had parked, ${n(16, 0)} SDK calls per filing on the workflow thread and as many dynalite requests, all on ${cores} cores with the serving thread and the client. Fewer workflow calls per filing (the previous outbox read, a complaint read per step) would raise it.
On AWS, each of 16 concurrent filings runs in its own Lambda instance, so a caller sees the one-at-a-time latency (here ${n(latency.levels.find((l) => l.operation === 'file' && l.concurrency === 1)?.p50Ms ?? Number.NaN, 0)} ms p50), not 16 x.`);
    }
  }
  if (parts.length === 0) return '';
  return `## What would meet the targets not met

${parts.join('\n\n')}
`;
}

export function renderReport(results: BenchResults): string {
  const list = targets(results);
  return `# closeloop bench results

Generated by \`npm run bench\` on ${results.machine.cpus} x ${results.machine.cpuModel}, Node ${results.machine.node}. **Timings are noisy**: other work (test runs) shared these ${results.machine.cpus} cores, as the load averages below show. Counts (transitions, invocations, request units, emails) and memory do not depend on it; times and latencies do. Machine-readable: bench/results.json.

${table(
  ['section', 'run at (UTC)', 'size', 'took', 'load average (1 min) before → after'],
  Object.entries(results.sectionRuns ?? {}).map(([name, run]) => [
    `${name}${run.alongside ? ` (beside ${run.alongside})` : ''}`,
    run.startedAt.replace('T', ' ').slice(0, 19),
    run.mode,
    `${n(run.seconds / 60, 1)} min`,
    `${run.loadAverageBefore} → ${run.loadAverageAfter}`,
  ]),
)}

## Targets

${table(
  ['target', 'figure', 'status'],
  list.map((t) => [t.target, t.figure, yes(t.met)]),
)}

${bundlesSection(results)}
${usageSection(results)}
${costSection(results)}
${latencySection(results)}
${memorySection(results)}
${reportsSection(results)}
${webSection(results)}
${suggestionsSection(results)}`;
}
