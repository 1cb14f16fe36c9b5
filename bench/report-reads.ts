/**
 * Section (e) of `npm run bench`: what a KPI report reads. The local runtime
 * starts as `npm start` does (dynalite on a fresh temporary data directory),
 * its clock standing at Fri 2026-04-03 12:00 Shanghai. Seeded, not timed:
 *
 * - a closed year, 2025-02 to 2026-01, `--year-month` complaints a month,
 *   stored as the snapshots settleReportMonths stores (storeMonthSnapshot of
 *   the rows cohortRow makes of the complaints' report facts), without
 *   writing its complaint items, which no report of a settled month reads;
 * - two open months, 2026-02 and 2026-03, of the `--months` sizes (smaller
 *   first), whose latest complaints are still open, so they are not settled.
 *
 * Every complaint is filed and moved through its life by the product's own
 * rules (bench/support/report-cohort.ts) and written as the store writes it
 * (`complaintItem`: the item, its reportMonth index keys and its report
 * facts), with BatchWriteItem. Then each report is made by buildKpiReport,
 * what GET /staff/reports/kpi answers, with the product's document client:
 * a few timed runs (median), one metered run (Query pages, consumed read
 * units as dynalite reports them and as computed by DynamoDB's rule, item
 * and HTTP bytes), and, for the largest open month, a CPU profile and the
 * time of each step (read, rows, figures). Cases: each open month from the
 * index; a year mixing snapshots and the open months; the closed year (12
 * snapshots); then the open months once snapshotted (settleReportMonths at a
 * later instant, when they are settled) read again.
 *
 *   node --import tsx bench/report-reads.ts [--months 10000,100000] [--year-month 10000] [--runs 3] [--out FILE] [--profile-out FILE]
 */
import { Session } from 'node:inspector/promises';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { LocalDate } from '#domain/business-calendar.ts';
import { cohortRow, reportFactsOf } from '#domain/reports/cohort.ts';
import { kpiFigures } from '#domain/reports/kpi.ts';
import { firstOfMonth, lastOfMonth, nextMonth } from '#domain/reports/local-dates.ts';
import { deskCalendar } from '#adapters/desk-settings.ts';
import { complaintItem } from '#adapters/stores/complaint-item.ts';
import { monthFacts, monthSnapshot, storeMonthSnapshot } from '#adapters/stores/report-cohorts.ts';
import { documentClient, tableName } from '#adapters/stores/table.ts';
import { buildKpiReport } from '#use-cases/build-kpi-report.ts';
import { settleReportMonths } from '#use-cases/read-report-cohort.ts';
import { ManualClock } from '#local/clock.ts';
import { startLocalRuntime } from '#local/runtime.ts';
import { prices } from './prices.ts';
import { itemSize } from './support/capacity-units.ts';
import { type ProfileSummary, summarizeProfile } from './support/cpu-profile.ts';
import { cohortMaker } from './support/report-cohort.ts';
import { forEachLimited, median, round } from './support/stats.ts';

const { values } = parseArgs({
  options: {
    months: { type: 'string' },
    'year-month': { type: 'string' },
    runs: { type: 'string' },
    out: { type: 'string' },
    'profile-out': { type: 'string' },
  },
});
const monthSizes = (values.months ?? '10000,100000')
  .split(',')
  .map(Number)
  .sort((a, b) => a - b);
if (monthSizes.length !== 2 || monthSizes.some((n) => !(n > 0))) throw new Error('--months takes two sizes, e.g. 10000,100000');
const yearMonthSize = Number(values['year-month'] ?? 10_000);
const runs = Math.max(1, Number(values.runs ?? 3));
const progress = (line: string) => process.stderr.write(`[reports] ${line}\n`);

const now = new Date('2026-04-03T04:00:00.000Z');
const yearMonths = [
  '2025-02',
  '2025-03',
  '2025-04',
  '2025-05',
  '2025-06',
  '2025-07',
  '2025-08',
  '2025-09',
  '2025-10',
  '2025-11',
  '2025-12',
  '2026-01',
];
const openMonths = ['2026-02', '2026-03'] as const;
/** When the open months are settled too (60 days after 2026-03), for the snapshot cases. */
const laterNow = new Date('2026-06-01T04:00:00.000Z');

export interface ReportCase {
  name: string;
  kind: 'month, index' | 'month, snapshot' | 'year, snapshots and index' | 'closed year, snapshots';
  from: LocalDate;
  to: LocalDate;
  /** Complaints the report counted. */
  complaints: number;
  monthsFromSnapshot: number;
  monthsFromIndex: number;
  runs: number[];
  medianMs: number;
  /** One metered run. */
  queryPages: number;
  queryPagesFromIndex: number;
  queryPagesFromSnapshots: number;
  itemsRead: number;
  /** Read request units as dynalite answered them (ReturnConsumedCapacity TOTAL). */
  reportedReadUnits: number;
  /** The same by DynamoDB's rule: per page, the items' bytes in 4 KB units rounded up, halved (eventually consistent). */
  computedReadUnits: number;
  /** Item bytes by DynamoDB's size rule (what read units are charged on). */
  itemBytes: number;
  /** Bytes of the HTTP answers (JSON) the SDK received. */
  httpBytes: number;
  /** At the on-demand price of a read request unit. */
  usd: number;
  /** Time spent in the SDK calls of the metered run (request, dynalite, answer parsed and unmarshalled). */
  meteredQueryMs: number;
  meteredMs: number;
}

export interface ReportsResult {
  now: string;
  timeZone: string;
  monthSizes: number[];
  yearMonthSize: number;
  runsPerCase: number;
  seed: {
    /** Complaint items written (the open months). */
    complaints: number;
    /** The closed year's complaints, stored as snapshots only. */
    yearComplaints: number;
    seconds: number;
    complaintItemBytes: number;
    reportIndexEntryBytes: number;
    phases: Record<string, number>;
    settleSeconds: number;
    settled: string[];
    laterSettled: string[];
    laterSettleSeconds: number;
  };
  snapshots: { month: string; complaints: number; parts: number; bytes: number }[];
  cases: ReportCase[];
  /** The largest open month from the index, taken apart (median of the runs each). */
  largestMonth: { complaints: number; readMs: number; rowsMs: number; figuresMs: number; profile?: ProfileSummary };
  targets: {
    largeMonthMs: number;
    largeMonthUsd: number;
    closedYearMs: number;
    largeMonthTimeMet: boolean;
    largeMonthCostMet: boolean;
    closedYearMet: boolean;
  };
  prices: { readRequestUnitUsd: number; source: string };
}

// ------------------------------------------------------------------ metering

interface Meter {
  on: boolean;
  calls: number;
  indexPages: number;
  tablePages: number;
  items: number;
  reportedUnits: number;
  computedUnits: number;
  itemBytes: number;
  httpBytes: number;
  ms: number;
}
const meter: Meter = {
  on: false,
  calls: 0,
  indexPages: 0,
  tablePages: 0,
  items: 0,
  reportedUnits: 0,
  computedUnits: 0,
  itemBytes: 0,
  httpBytes: 0,
  ms: 0,
};
const resetMeter = () =>
  Object.assign(meter, {
    calls: 0,
    indexPages: 0,
    tablePages: 0,
    items: 0,
    reportedUnits: 0,
    computedUnits: 0,
    itemBytes: 0,
    httpBytes: 0,
    ms: 0,
  });

type Next = (args: { input: Record<string, unknown> }) => Promise<{ output?: unknown; response?: unknown }>;
interface Stack {
  add(mw: (next: Next, context: { commandName?: string }) => Next, options: { step: string; priority?: string; name: string }): void;
}

/** On the product's own document client (its stack is the DynamoDB client's), only while `meter.on`. */
function installMeter(): void {
  const stack = documentClient.middlewareStack as unknown as Stack;
  stack.add(
    (next, context) => async (args) => {
      if (!meter.on || context.commandName !== 'QueryCommand') return next(args);
      const started = performance.now();
      const result = await next({ ...args, input: { ...args.input, ReturnConsumedCapacity: 'TOTAL' } });
      meter.ms += performance.now() - started;
      const output = result.output as { Items?: Record<string, unknown>[]; ConsumedCapacity?: { CapacityUnits?: number } };
      meter.calls++;
      if (typeof args.input.IndexName === 'string') meter.indexPages++;
      else meter.tablePages++;
      // Here the items are unmarshalled; marshalled again, they have the sizes DynamoDB charges on.
      const bytes = (output.Items ?? []).reduce(
        (total, item) => total + itemSize(marshall(item, { removeUndefinedValues: true, convertClassInstanceToMap: false })),
        0,
      );
      meter.items += output.Items?.length ?? 0;
      meter.itemBytes += bytes;
      meter.computedUnits += Math.ceil(bytes / 4096) / 2;
      meter.reportedUnits += output.ConsumedCapacity?.CapacityUnits ?? 0;
      return result;
    },
    { step: 'initialize', priority: 'high', name: 'benchReportReads' },
  );
  stack.add(
    (next) => async (args) => {
      const result = await next(args);
      if (meter.on) {
        const headers = (result.response as { headers?: Record<string, string> } | undefined)?.headers ?? {};
        meter.httpBytes += Number(headers['content-length'] ?? 0);
      }
      return result;
    },
    { step: 'deserialize', priority: 'low', name: 'benchReportBytes' },
  );
}

// ------------------------------------------------------------------ seeding

const workDir = await mkdtemp(join(tmpdir(), 'closeloop-bench-reports-'));
const runtime = await startLocalRuntime({ clock: new ManualClock(now.toISOString()), dataDir: join(workDir, 'data'), port: 0 });
try {
  installMeter();
  const calendar = await deskCalendar();
  const maker = cohortMaker(calendar, 20261123);
  const phases: Record<string, number> = {};
  let seeded = 0;
  let snapshotted = 0;
  let complaintBytes = 0;
  let factBytes = 0;
  const seedStarted = performance.now();

  /** A settled month of the closed year, stored as settleReportMonths stores one: its rows from the complaints' report facts. */
  const snapshotMonth = async (month: string, count: number) => {
    const start = calendar.startOfLocalDay(firstOfMonth(month)).getTime();
    const end = calendar.startOfLocalDay(firstOfMonth(nextMonth(month))).getTime();
    const rows = [];
    for (let i = 0; i < count; i++) {
      const complaint = maker.complaint(new Date(start + Math.floor(((i + 0.5) / count) * (end - start))), now);
      phases[complaint.phase] = (phases[complaint.phase] ?? 0) + 1;
      rows.push(cohortRow(reportFactsOf(complaint), now, calendar));
    }
    await storeMonthSnapshot({ month, timeZone: calendar.timeZone, settledAt: now.toISOString(), rows });
    snapshotted += count;
  };
  const seedMonth = async (month: string, count: number) => {
    const start = calendar.startOfLocalDay(firstOfMonth(month)).getTime();
    const end = Math.min(calendar.startOfLocalDay(firstOfMonth(nextMonth(month))).getTime(), now.getTime());
    const batches: Record<string, unknown>[][] = [];
    let batch: Record<string, unknown>[] = [];
    for (let i = 0; i < count; i++) {
      const complaint = maker.complaint(new Date(start + Math.floor(((i + 0.5) / count) * (end - start))), now);
      phases[complaint.phase] = (phases[complaint.phase] ?? 0) + 1;
      const item = complaintItem(complaint);
      if (i % 50 === 0) {
        const marshalled = marshall(item, { removeUndefinedValues: true, convertClassInstanceToMap: false });
        complaintBytes += itemSize(marshalled) * 50;
        const { reportMonthPk, reportMonthSk, reportFacts, pk, sk } = marshalled;
        factBytes +=
          itemSize({ reportMonthPk: reportMonthPk!, reportMonthSk: reportMonthSk!, reportFacts: reportFacts!, pk: pk!, sk: sk! }) * 50;
      }
      batch.push(item);
      if (batch.length === 25) {
        batches.push(batch);
        batch = [];
      }
    }
    if (batch.length > 0) batches.push(batch);
    await forEachLimited(batches, 4, async (items) => {
      let requests = items.map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt > 10) throw new Error('BatchWriteItem kept answering unprocessed items');
        const answer = await documentClient.send(new BatchWriteCommand({ RequestItems: { [tableName()]: requests } }));
        requests = (answer.UnprocessedItems?.[tableName()] ?? []) as typeof requests;
      }
    });
    seeded += count;
    progress(`seeded ${month}: ${count} complaints (${seeded} in all, ${round((performance.now() - seedStarted) / 1000)} s)`);
  };
  for (const month of yearMonths) await snapshotMonth(month, yearMonthSize);
  progress(`stored the closed year's snapshots: ${snapshotted} complaints (${round((performance.now() - seedStarted) / 1000)} s)`);
  await seedMonth(openMonths[0], monthSizes[0]!);
  await seedMonth(openMonths[1], monthSizes[1]!);
  const seedSeconds = (performance.now() - seedStarted) / 1000;

  const settleStarted = performance.now();
  const settled = await settleReportMonths(now, calendar, 16);
  const settleSeconds = (performance.now() - settleStarted) / 1000;
  progress(`settled ${settled.join(', ')} in ${round(settleSeconds)} s`);
  for (const month of openMonths) if (settled.includes(month)) throw new Error(`${month} was settled: it should be open`);

  // ---------------------------------------------------------------- measuring

  const report = (from: LocalDate, to: LocalDate) => buildKpiReport({ from, to, scope: {}, now, locale: 'zh-CN' });
  const cases: ReportCase[] = [];
  const measure = async (
    name: string,
    kind: ReportCase['kind'],
    from: LocalDate,
    to: LocalDate,
    snapshotMonths: number,
    indexMonths: number,
  ) => {
    const times: number[] = [];
    let complaints = 0;
    for (let run = 0; run < runs; run++) {
      const started = performance.now();
      const answer = await report(from, to);
      times.push(performance.now() - started);
      complaints = answer.received;
    }
    resetMeter();
    meter.on = true;
    const started = performance.now();
    await report(from, to);
    const meteredMs = performance.now() - started;
    meter.on = false;
    const measured: ReportCase = {
      name,
      kind,
      from,
      to,
      complaints,
      monthsFromSnapshot: snapshotMonths,
      monthsFromIndex: indexMonths,
      runs: times.map((t) => round(t, 1)),
      medianMs: round(median(times), 1),
      queryPages: meter.calls,
      queryPagesFromIndex: meter.indexPages,
      queryPagesFromSnapshots: meter.tablePages,
      itemsRead: meter.items,
      reportedReadUnits: meter.reportedUnits,
      computedReadUnits: meter.computedUnits,
      itemBytes: meter.itemBytes,
      httpBytes: meter.httpBytes,
      usd: meter.reportedUnits * prices.dynamoDbReadRequestUnit.usd,
      meteredQueryMs: round(meter.ms, 1),
      meteredMs: round(meteredMs, 1),
    };
    cases.push(measured);
    progress(
      `${name}: ${complaints} complaints, median ${measured.medianMs} ms, ${measured.queryPages} pages, ${measured.reportedReadUnits} RRU (computed ${measured.computedReadUnits}), ${round(measured.itemBytes / 1e6, 2)} MB`,
    );
    return measured;
  };
  const [small, large] = monthSizes as [number, number];
  const monthPeriod = (month: string) => [firstOfMonth(month), lastOfMonth(month)] as const;
  await measure(`${openMonths[0]} (${small}), open`, 'month, index', ...monthPeriod(openMonths[0]), 0, 1);
  const largeIndex = await measure(`${openMonths[1]} (${large}), open`, 'month, index', ...monthPeriod(openMonths[1]), 0, 1);
  // The year up to today: 2025-04-04 to 2026-04-03, ten settled months and three open ones (April's three days are empty).
  await measure('a year to date', 'year, snapshots and index', '2025-04-04', '2026-04-03', 10, 3);
  const closedYear = await measure('closed year 2025-02 to 2026-01', 'closed year, snapshots', '2025-02-01', '2026-01-31', 12, 0);

  // The largest open month taken apart: reading the facts, evaluating the rows, the figures.
  const parts = { read: [] as number[], rows: [] as number[], figures: [] as number[] };
  const [largeFrom, largeTo] = monthPeriod(openMonths[1]);
  let largestCount = 0;
  for (let run = 0; run < runs; run++) {
    const t0 = performance.now();
    const facts = await monthFacts(openMonths[1], {
      from: calendar.startOfLocalDay(largeFrom).toISOString(),
      to: calendar.startOfLocalDay(nextMonthFirst(openMonths[1])).toISOString(),
    });
    const t1 = performance.now();
    const rows = facts.map((f) => cohortRow(f, now, calendar));
    const t2 = performance.now();
    kpiFigures(rows);
    const t3 = performance.now();
    parts.read.push(t1 - t0);
    parts.rows.push(t2 - t1);
    parts.figures.push(t3 - t2);
    largestCount = facts.length;
  }
  let profile: ProfileSummary | undefined;
  if (values['profile-out']) {
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 500 });
    await session.post('Profiler.start');
    await report(largeFrom, largeTo);
    const { profile: taken } = await session.post('Profiler.stop');
    session.disconnect();
    await writeFile(values['profile-out'], JSON.stringify(taken));
    profile = await summarizeProfile(values['profile-out']);
  }

  // The open months once settled: the daily run at a later instant stores them.
  const laterStarted = performance.now();
  const laterSettled = await settleReportMonths(laterNow, calendar, 16);
  const laterSettleSeconds = (performance.now() - laterStarted) / 1000;
  progress(`at ${laterNow.toISOString()} settled ${laterSettled.join(', ')} in ${round(laterSettleSeconds)} s`);
  for (const month of openMonths)
    if (!laterSettled.includes(month)) throw new Error(`${month} was not settled at ${laterNow.toISOString()}`);
  await measure(`${openMonths[0]} (${small}), snapshot`, 'month, snapshot', ...monthPeriod(openMonths[0]), 1, 0);
  const largeSnapshot = await measure(`${openMonths[1]} (${large}), snapshot`, 'month, snapshot', ...monthPeriod(openMonths[1]), 1, 0);

  const snapshots: ReportsResult['snapshots'] = [];
  resetMeter();
  meter.on = true;
  for (const month of [...yearMonths, ...openMonths]) {
    const before = { pages: meter.calls, bytes: meter.itemBytes };
    const snapshot = await monthSnapshot(month);
    snapshots.push({
      month,
      complaints: snapshot?.rows.length ?? 0,
      parts: meter.calls - before.pages,
      bytes: meter.itemBytes - before.bytes,
    });
  }
  meter.on = false;

  const result: ReportsResult = {
    now: now.toISOString(),
    timeZone: calendar.timeZone,
    monthSizes,
    yearMonthSize,
    runsPerCase: runs,
    seed: {
      complaints: seeded,
      yearComplaints: snapshotted,
      seconds: round(seedSeconds),
      complaintItemBytes: Math.round(complaintBytes / seeded),
      reportIndexEntryBytes: Math.round(factBytes / seeded),
      phases,
      settleSeconds: round(settleSeconds),
      settled,
      laterSettled,
      laterSettleSeconds: round(laterSettleSeconds),
    },
    snapshots,
    cases,
    largestMonth: {
      complaints: largestCount,
      readMs: round(median(parts.read)),
      rowsMs: round(median(parts.rows)),
      figuresMs: round(median(parts.figures)),
      ...(profile ? { profile } : {}),
    },
    targets: {
      largeMonthMs: largeIndex.medianMs,
      largeMonthUsd: largeIndex.usd,
      closedYearMs: closedYear.medianMs,
      largeMonthTimeMet: largeIndex.medianMs < 10_000 && largeSnapshot.medianMs < 10_000,
      largeMonthCostMet: largeIndex.usd < 0.01 && largeSnapshot.usd < 0.01,
      closedYearMet: closedYear.medianMs < 1_000,
    },
    prices: { readRequestUnitUsd: prices.dynamoDbReadRequestUnit.usd, source: prices.dynamoDbReadRequestUnit.source },
  };
  if (values.out) await writeFile(values.out, JSON.stringify(result, null, 2));
  else process.stderr.write(`${JSON.stringify(result, null, 2)}\n`);
} finally {
  await runtime.stop();
  await rm(workDir, { recursive: true, force: true });
}

function nextMonthFirst(month: string): LocalDate {
  return firstOfMonth(nextMonth(month));
}
