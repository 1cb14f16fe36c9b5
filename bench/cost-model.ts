/**
 * Turns measured usage per complaint into dollars per 1,000 complaints at the
 * list prices of ./prices.ts, for our event-driven design and for a design
 * that polls every open case on a schedule. Assumptions are named constants
 * here so the report can print them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scheduledTasks } from '#declarations/workflow-tasks.ts';
import { projectRoot } from '#local/workflow-wiring.ts';
import { type PriceName, prices } from './prices.ts';
import { type Usage, addUsage, emptyUsage } from './support/usage.ts';

/** The memory every function gets (lib/complaint-function.ts), read from it so the two cannot drift. */
export function lambdaMemoryMb(): number {
  const source = readFileSync(join(projectRoot, 'lib/complaint-function.ts'), 'utf8');
  const match = /memorySize:\s*(\d+)/.exec(source);
  return match ? Number(match[1]) : 256;
}

export const assumptions = {
  /** START, END and REPORT lines of one invocation (REPORT with an X-Ray trace id). */
  lambdaPlatformLogBytesPerInvocation: 400,
  /** One Step Functions history record as CloudWatch Logs stores it (ids, type, ARN, timestamps), payload apart. */
  workflowLogRecordBytes: 350,
  /** One API Gateway access log line in our custom JSON format (lib/complaint-api.ts, 15 fields). */
  apiAccessLogBytes: 420,
  /** SNS email notifications per publish: one address per level, filtered (README `escalationEmails`). */
  snsEmailDeliveriesPerPublish: 1,
  pollingIntervalMinutes: 5,
  /** Wait -> check (Task) -> closed? (Choice), per poll. */
  pollingTransitionsPerPoll: 3,
  /** History records of one poll: Wait 2, Task 5, Choice 2. */
  pollingLogRecordsPerPoll: 9,
  /** Each poll state's input and output: the case id and the plan, as in our own workflow. */
  pollingPayloadBytesPerPoll: 1_200,
} as const;

export interface CostLine {
  item: string;
  quantity: number;
  unit: string;
  price: PriceName;
  usd: number;
}

export interface Cost {
  lines: CostLine[];
  totalUsd: number;
}

const line = (item: string, quantity: number, price: PriceName): CostLine => ({
  item,
  quantity,
  unit: prices[price].unit,
  price,
  usd: quantity * prices[price].usd,
});

/** Bytes ingested into CloudWatch Logs for this much usage (estimate: see `assumptions`). */
export function logBytes(usage: Usage): number {
  return (
    usage.lambdaInvocations * assumptions.lambdaPlatformLogBytesPerInvocation +
    usage.appLogBytes +
    usage.workflowHistoryRecords * assumptions.workflowLogRecordBytes +
    usage.workflowPayloadBytes +
    usage.apiRequests * assumptions.apiAccessLogBytes
  );
}

/** What `times` repetitions of `usage` cost (1,000 for the cost per 1,000 complaints). */
export function priceUsage(usage: Usage, times: number, memoryMb = lambdaMemoryMb()): Cost {
  const n = times;
  const lines = [
    line('Step Functions state transitions', usage.stateTransitions * n, 'stepFunctionsStandardTransition'),
    line('Lambda requests', usage.lambdaInvocations * n, 'lambdaRequest'),
    line(`Lambda duration (${memoryMb} MB, arm64)`, (usage.lambdaBilledMs / 1000) * (memoryMb / 1024) * n, 'lambdaArmGbSecond'),
    line('DynamoDB writes: table', usage.writeUnits * n, 'dynamoDbWriteRequestUnit'),
    line('DynamoDB writes: global secondary indexes', usage.indexWriteUnits * n, 'dynamoDbWriteRequestUnit'),
    line('DynamoDB writes: refused conditional writes', usage.failedWriteUnits * n, 'dynamoDbWriteRequestUnit'),
    line('DynamoDB reads', usage.readUnits * n, 'dynamoDbReadRequestUnit'),
    line('SES emails', usage.emails * n, 'sesEmail'),
    line('SNS publishes', usage.snsPublishChunks * n, 'snsPublish'),
    line('SNS email notifications', usage.snsPublishes * assumptions.snsEmailDeliveriesPerPublish * n, 'snsEmailNotification'),
    line('API Gateway REST requests', usage.apiRequests * n, 'apiGatewayRestRequest'),
    line('CloudWatch Logs ingestion (estimate)', (logBytes(usage) * n) / 1024 ** 3, 'cloudWatchLogsIngestedGb'),
  ];
  return { lines, totalUsd: lines.reduce((total, l) => total + l.usd, 0) };
}

export interface PollingInputs {
  /** Measured usage per complaint of our design. */
  perComplaint: Usage;
  /** Mean time from filing to closing, measured. */
  lifetimeHours: number;
  /** Mean size of the complaint item, measured: one strongly consistent read of it per poll. */
  complaintItemBytes: number;
  /** Duration of the poll function: that of PlanNextStep, which does the same (read the case, decide). */
  pollLambdaMs: number;
}

/**
 * A design that polls each case every 5 minutes until it closes: per poll one
 * scheduler transition set (Wait, a check Task, a Choice), one Lambda
 * invocation and one strongly consistent read of the case. Everything people
 * and actions cause (API requests, their Lambdas, writes, emails, SNS) is as
 * measured; only our workflow's callback waits (its state transitions and
 * history) are replaced by the polls.
 */
export function pollingUsagePerComplaint(inputs: PollingInputs): { usage: Usage; polls: number } {
  const polls = Math.ceil((inputs.lifetimeHours * 60) / assumptions.pollingIntervalMinutes);
  const usage: Usage = structuredClone(inputs.perComplaint);
  usage.stateTransitions = polls * assumptions.pollingTransitionsPerPoll;
  usage.workflowHistoryRecords = polls * assumptions.pollingLogRecordsPerPoll;
  usage.workflowPayloadBytes = polls * assumptions.pollingPayloadBytesPerPoll;
  usage.lambdaInvocations += polls;
  usage.lambdaBilledMs += polls * Math.max(1, Math.ceil(inputs.pollLambdaMs));
  usage.readUnits += polls * Math.max(1, Math.ceil(inputs.complaintItemBytes / 4096));
  return { usage, polls };
}

export interface PathCost {
  name: string;
  share: number;
  perThousandUsd: number;
  pollingPerThousandUsd: number;
  pollsPerComplaint: number;
  lifetimeHours: number;
}

export interface CostResult {
  lambdaMemoryMb: number;
  assumptions: typeof assumptions;
  prices: typeof prices;
  /** Our design, the paths in their shares, per 1,000 complaints. */
  perThousand: Cost;
  /** The 5-minute polling design, the same complaints, per 1,000. */
  pollingPerThousand: Cost;
  polling: { pollsPerComplaint: number; lifetimeHours: number; pollLambdaMs: number; complaintItemBytes: number };
  paths: PathCost[];
  /** The hourly survey sender, whatever the number of complaints. */
  schedule: { runsPerMonth: number; perMonth: Cost };
  /** Lambda duration cost per 1,000 complaints if every invocation took 100 ms instead of the measured time. */
  lambdaDurationAt100msUsd: number;
}

interface MeasuredPath {
  name: string;
  share: number;
  complaints: number;
  perComplaint: Usage;
  lifetimeHours: number;
  complaintItemBytes: number;
}

export interface MeasuredUsage {
  paths: MeasuredPath[];
  weighted: Usage;
  weightedLifetimeHours: number;
  weightedComplaintItemBytes: number;
  schedule: { runs: number; usage: Usage };
  functions: { handler: string; meanMs: number }[];
}

/** Runs of the survey sender in an average month (365.25 * 24 / 12 hours). */
const scheduleRunsPerMonth = (730.5 * 60) / scheduledTasks[0].everyMinutes;

export function composeCost(measured: MeasuredUsage): CostResult {
  const memoryMb = lambdaMemoryMb();
  const pollLambdaMs = measured.functions.find((f) => f.handler === 'workflow/plan-next-step')?.meanMs ?? 50;
  const total = measured.paths.reduce((n, p) => n + p.complaints, 0);
  const pollingWeighted = emptyUsage();
  let weightedPolls = 0;
  const paths = measured.paths.map((path) => {
    const polling = pollingUsagePerComplaint({
      perComplaint: path.perComplaint,
      lifetimeHours: path.lifetimeHours,
      complaintItemBytes: path.complaintItemBytes,
      pollLambdaMs,
    });
    const weight = path.complaints / Math.max(1, total);
    addUsage(pollingWeighted, polling.usage, weight);
    weightedPolls += polling.polls * weight;
    return {
      name: path.name,
      share: path.share,
      perThousandUsd: priceUsage(path.perComplaint, 1000, memoryMb).totalUsd,
      pollingPerThousandUsd: priceUsage(polling.usage, 1000, memoryMb).totalUsd,
      pollsPerComplaint: polling.polls,
      lifetimeHours: path.lifetimeHours,
    };
  });
  const perRun = emptyUsage();
  addUsage(perRun, measured.schedule.usage, 1 / Math.max(1, measured.schedule.runs));
  const at100ms = structuredClone(measured.weighted);
  at100ms.lambdaBilledMs = at100ms.lambdaInvocations * 100;
  return {
    lambdaMemoryMb: memoryMb,
    assumptions,
    prices,
    perThousand: priceUsage(measured.weighted, 1000, memoryMb),
    pollingPerThousand: priceUsage(pollingWeighted, 1000, memoryMb),
    polling: {
      pollsPerComplaint: weightedPolls,
      lifetimeHours: measured.weightedLifetimeHours,
      pollLambdaMs,
      complaintItemBytes: measured.weightedComplaintItemBytes,
    },
    paths,
    schedule: { runsPerMonth: scheduleRunsPerMonth, perMonth: priceUsage(perRun, scheduleRunsPerMonth, memoryMb) },
    lambdaDurationAt100msUsd: priceUsage(at100ms, 1000, memoryMb).lines.find((l) => l.price === 'lambdaArmGbSecond')!.usd,
  };
}
