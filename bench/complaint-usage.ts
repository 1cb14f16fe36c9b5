/**
 * Section (b) of `npm run bench`: drives complaints through the paths of
 * ./complaint-paths.ts on the local stack with a manual clock, and counts per
 * complaint what AWS would bill: state transitions, Lambda invocations and
 * durations, DynamoDB request units, emails, SNS publishes, API requests and
 * log volume. Writes JSON for bench/run.ts.
 *
 *   node --import tsx bench/complaint-usage.ts --complaints 1000 --out FILE
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBClient, paginateScan } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { keys, tableSchema } from '#declarations/table-schema.ts';
import { workflowDefinitionFile } from '#declarations/workflow-tasks.ts';
import { ManualClock } from '#local/clock.ts';
import { listSentEmails } from '#local/mailbox.ts';
import { startLocalRuntime } from '#local/runtime.ts';
import { projectRoot } from '#local/workflow-wiring.ts';
import { type ComplaintPath, type FiledCase, complaintPaths, pathCounts } from './complaint-paths.ts';
import { ApiClient } from './support/api-client.ts';
import { itemSize } from './support/capacity-units.ts';
import { RuntimeMeter, scheduleKey, unattributedKey } from './support/runtime-meter.ts';
import { installSdkMeter } from './support/sdk-meter.ts';
import { forEachLimited, round } from './support/stats.ts';
import { type Usage, addUsage, emptyUsage } from './support/usage.ts';

// What a deployed function logs: the Powertools default level, not the quieter one of `npm run bench`.
process.env.POWERTOOLS_LOG_LEVEL = 'INFO';

const { values } = parseArgs({
  options: { complaints: { type: 'string' }, concurrency: { type: 'string' }, out: { type: 'string' } },
});
const total = Number(values.complaints ?? 1000);
// Few in flight: the work is CPU-bound in one process, so more would only queue and stretch measured durations.
const concurrency = Number(values.concurrency ?? 4);

const filedAt = Date.parse('2025-11-24T02:00:00.000Z');
const hour = 3_600_000;
/** Every survey has gone out by then (the last close is at 243 h, its survey due 24 h later). */
const surveyAnswerHour = 270;
const endHour = 272;
/** One customer in three answers the survey. */
const answersSurvey = (index: number) => index % 3 === 0;
const tableName = 'closeloop-complaints';
const progress = (line: string) => process.stderr.write(`[usage] ${line}\n`);

export interface PathUsage {
  name: string;
  share: number;
  summary: string;
  complaints: number;
  /** Complaints whose stored state matched the script (closed, escalation level, reopen count). */
  asScripted: number;
  perComplaint: Usage;
  stateTransitions: { min: number; max: number };
  surveysSentPerComplaint: number;
  lifetimeHours: number;
  complaintItemBytes: number;
}

export interface UsageResult {
  complaints: number;
  realSeconds: number;
  clockHours: number;
  paths: PathUsage[];
  /** Mean per complaint over all complaints (the paths in their shares). */
  weighted: Usage;
  weightedLifetimeHours: number;
  weightedComplaintItemBytes: number;
  schedule: { runs: number; usage: Usage };
  unattributed: Usage;
  functions: {
    handler: string;
    invocations: number;
    meanMs: number;
    maxMs: number;
    sdkCallsPerInvocation: Record<string, number>;
    /** AWS calls the caller waits for one after another (calls in flight together count once): mean and most. */
    sequentialCallsPerInvocation: number;
    maxSequentialCalls: number;
  }[];
  capacity: { unreportedCalls: number; reportedTableWriteUnits: number; computedTableWriteUnits: number; meteredClients: Record<string, number> };
  failures: Record<string, number>;
}

function seededShuffle<T>(items: T[], seed: number): T[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

const filingBody = (index: number) => {
  const zh = index % 2 === 0;
  return {
    customer: { id: `bench-customer-${index}`, name: zh ? '测试客户' : 'Bench Customer', email: `customer-${index}@bench.example`, locale: zh ? 'zh-CN' : 'en' },
    channel: 'web',
    category: 'logistics',
    subject: zh ? `订单 SO-${index} 的包裹晚到三天` : `Parcel for order SO-${index} is three days late`,
    description: zh
      ? '包裹比承诺晚到三天，客服一直没有回复，希望尽快处理。'
      : 'The parcel arrived three days later than promised and nobody answered my messages. Please sort it out.',
    orderRef: `SO-${index}`,
  };
};

async function waitForTokenStates(): Promise<Set<string>> {
  const asl = JSON.parse(await readFile(join(projectRoot, workflowDefinitionFile), 'utf8')) as {
    States: Record<string, { Resource?: string }>;
  };
  return new Set(Object.entries(asl.States).filter(([, s]) => s.Resource?.endsWith('.waitForTaskToken')).map(([name]) => name));
}

async function storedComplaints(endpoint: string): Promise<Map<string, { item: Record<string, unknown>; bytes: number }>> {
  const client = new DynamoDBClient({ endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const found = new Map<string, { item: Record<string, unknown>; bytes: number }>();
  for await (const page of paginateScan(
    { client },
    { TableName: tableName, FilterExpression: 'entity = :c', ExpressionAttributeValues: { ':c': { S: 'complaint' } } },
  )) {
    for (const raw of page.Items ?? []) {
      const item = unmarshall(raw);
      found.set(String(item.id), { item, bytes: itemSize(raw) });
    }
  }
  client.destroy();
  return found;
}

const meanUsage = (usages: Usage[]) => {
  const mean = emptyUsage();
  for (const usage of usages) addUsage(mean, usage, 1 / Math.max(1, usages.length));
  return mean;
};

const started = performance.now();
const meter = new RuntimeMeter(await waitForTokenStates());
meter.countHandlerLogs();
const clock = new ManualClock(new Date(filedAt));
// The meter sits in every handler's SDK clients and around every invocation: the workflow's too, so on this thread.
const runtime = await startLocalRuntime({ clock, port: 0, hooks: meter.hooks(), workflowIn: 'process' });
const sdk = installSdkMeter({
  dynamodbEndpoint: runtime.endpoints.dynamodb,
  region: 'eu-west-1',
  partitionKey: tableSchema.partitionKey,
  sortKey: tableSchema.sortKey,
  indexes: tableSchema.globalIndexes,
  complaintPrefix: keys.complaint('').pk,
});
try {
  const api = new ApiClient(runtime.url, (complaintId, body) => {
    const id = complaintId ?? (body as { id?: unknown }).id;
    meter.ledger.of(typeof id === 'string' ? id : unattributedKey).apiRequests += 1;
  });
  const actors = { api, agentToken: runtime.tokens.agent, supervisorToken: runtime.tokens.supervisor };

  const assigned = seededShuffle(
    [...pathCounts(total)].flatMap(([path, count]) => Array.from({ length: count }, () => path)),
    20251124,
  );
  const filed: { filed: FiledCase; path: ComplaintPath }[] = [];
  progress(`filing ${total} complaints at concurrency ${concurrency}`);
  await forEachLimited(assigned, concurrency, async (path, index) => {
    const body = filingBody(index);
    const answer = await api.expect<{ id?: string; accessToken?: string }>([201], 'POST', '/complaints', {
      body,
      headers: { 'idempotency-key': `bench-usage-${index}` },
    });
    if (answer.body.id && answer.body.accessToken) {
      filed.push({ path, filed: { index, id: answer.body.id, accessToken: answer.body.accessToken, locale: body.customer.locale as FiledCase['locale'] } });
    }
  });
  await runtime.settle();

  const agenda = new Map<number, { filed: FiledCase; act: ComplaintPath['steps'][number]['act'] }[]>();
  for (const { path, filed: one } of filed) {
    for (const step of path.steps) agenda.set(step.atHours, [...(agenda.get(step.atHours) ?? []), { filed: one, act: step.act }]);
  }
  for (const atHours of [...agenda.keys()].sort((a, b) => a - b)) {
    await clock.advanceTo(new Date(filedAt + atHours * hour));
    await runtime.settle();
    const due = agenda.get(atHours)!;
    progress(`${String(atHours).padStart(6)} h: ${due.length} actions (${round((performance.now() - started) / 1000)} s)`);
    await forEachLimited(due, concurrency, ({ filed: one, act }) => act(one, actors));
    await runtime.settle();
  }

  await clock.advanceTo(new Date(filedAt + surveyAnswerHour * hour));
  await runtime.settle();
  const byEmail = new Map(filed.map((f) => [`customer-${f.filed.index}@bench.example`, f.filed]));
  const surveysSent = new Map<string, number>();
  const surveyAnswers: { filed: FiledCase; token: string }[] = [];
  for (const mail of await listSentEmails(runtime.endpoints.ses)) {
    const link = /\/surveys\/([A-Za-z0-9._~-]+)/.exec(`${mail.text ?? ''} ${mail.html ?? ''}`);
    const customer = mail.to.map((to) => byEmail.get(to.replace(/^.*<|>$/g, ''))).find(Boolean);
    if (!link || !customer) continue;
    surveysSent.set(customer.id, (surveysSent.get(customer.id) ?? 0) + 1);
    if (answersSurvey(customer.index)) surveyAnswers.push({ filed: customer, token: link[1]! });
  }
  progress(`${surveyAnswers.length} survey answers of ${[...surveysSent.values()].reduce((a, b) => a + b, 0)} surveys sent`);
  await forEachLimited(surveyAnswers, concurrency, async ({ filed: one, token }) => {
    await api.expect([201], 'POST', `/surveys/${token}`, {
      complaintId: one.id,
      body: { csat: 4 + (one.index % 2), nps: 8 + (one.index % 3) },
    });
  });
  await clock.advanceTo(new Date(filedAt + endHour * hour));
  await runtime.settle();

  const stored = await storedComplaints(runtime.endpoints.dynamodb);
  const paths: PathUsage[] = complaintPaths.map((path) => {
    const mine = filed.filter((f) => f.path === path);
    const usages = mine.map((f) => meter.ledger.of(f.filed.id));
    const transitions = usages.map((u) => u.stateTransitions);
    const items = mine.map((f) => stored.get(f.filed.id));
    const asScripted = items.filter(
      (s) =>
        s?.item.phase === 'CLOSED' &&
        s.item.escalationLevel === path.expected.escalationLevel &&
        s.item.reopenCount === path.expected.reopenCount,
    ).length;
    const lifetimes = items.flatMap((s) =>
      s && typeof s.item.closedAt === 'string' ? [(Date.parse(s.item.closedAt) - Date.parse(String(s.item.receivedAt))) / hour] : [],
    );
    return {
      name: path.name,
      share: path.share,
      summary: path.summary,
      complaints: mine.length,
      asScripted,
      perComplaint: meanUsage(usages),
      stateTransitions: { min: Math.min(...transitions), max: Math.max(...transitions) },
      surveysSentPerComplaint: mine.reduce((n, f) => n + (surveysSent.get(f.filed.id) ?? 0), 0) / Math.max(1, mine.length),
      lifetimeHours: lifetimes.reduce((a, b) => a + b, 0) / Math.max(1, lifetimes.length),
      complaintItemBytes: items.reduce((n, s) => n + (s?.bytes ?? 0), 0) / Math.max(1, items.length),
    };
  });
  const weightOf = (p: PathUsage) => p.complaints / Math.max(1, filed.length);
  const weighted = emptyUsage();
  for (const p of paths) addUsage(weighted, p.perComplaint, weightOf(p));

  const schedule = meter.ledger.of(scheduleKey);
  const allUsage = emptyUsage();
  for (const usage of meter.ledger.byKey.values()) addUsage(allUsage, usage);
  const result: UsageResult = {
    complaints: filed.length,
    realSeconds: round((performance.now() - started) / 1000),
    clockHours: endHour,
    paths,
    weighted,
    weightedLifetimeHours: paths.reduce((n, p) => n + p.lifetimeHours * weightOf(p), 0),
    weightedComplaintItemBytes: paths.reduce((n, p) => n + p.complaintItemBytes * weightOf(p), 0),
    schedule: { runs: schedule.lambdaInvocations, usage: schedule },
    unattributed: meter.ledger.of(unattributedKey),
    functions: [...meter.functions]
      .map(([handler, t]) => ({
        handler,
        invocations: t.invocations,
        meanMs: round(t.totalMs / t.invocations, 2),
        maxMs: round(t.maxMs),
        sdkCallsPerInvocation: Object.fromEntries(Object.entries(t.sdkCalls).map(([call, n]) => [call, round(n / t.invocations, 2)])),
        sequentialCallsPerInvocation: round(t.sequentialCalls / t.invocations, 2),
        maxSequentialCalls: t.maxSequentialCalls,
      }))
      .sort((a, b) => b.invocations - a.invocations),
    capacity: {
      unreportedCalls: allUsage.unreportedCapacityCalls,
      reportedTableWriteUnits: allUsage.writeUnits,
      computedTableWriteUnits: allUsage.computedTableWriteUnits,
      meteredClients: sdk.meteredClients,
    },
    failures: Object.fromEntries(api.failures),
  };
  progress(`done in ${result.realSeconds} s; ${paths.map((p) => `${p.name} ${p.asScripted}/${p.complaints}`).join(', ')}`);
  if (values.out) await writeFile(values.out, JSON.stringify(result, null, 2));
  else process.stderr.write(`${JSON.stringify(result, null, 2)}\n`);
} finally {
  sdk.uninstall();
  await runtime.stop();
  meter.stop();
}
