/**
 * What one complaint (or one fixed job) used of each billed service, as the
 * bench counts it on the local stack.
 */
export interface Usage {
  apiRequests: number;
  lambdaInvocations: number;
  /** Sum of the measured in-process durations, each rounded up to 1 ms as Lambda bills. */
  lambdaBilledMs: number;
  stateTransitions: number;
  /** Task attempts retried by an ASL Retry (each one a state transition too, and counted in stateTransitions). */
  taskRetries: number;
  /** Step Functions history records and the bytes of their state inputs/outputs (log-volume estimate). */
  workflowHistoryRecords: number;
  workflowPayloadBytes: number;
  /** Lines and bytes our handlers wrote to stdout (structured logs at the production level, INFO). */
  appLogLines: number;
  appLogBytes: number;
  /** DynamoDB, base table: read and write request units as ConsumedCapacity reported them. */
  readUnits: number;
  writeUnits: number;
  /** Global secondary index writes, computed from the item before and after (dynalite does not report them). */
  indexWriteUnits: number;
  /** The same index writes counted one unit each: their cost if index entries stayed under 1 KB. */
  indexWriteOperations: number;
  /** Conditional writes refused (ConditionalCheckFailed): AWS still bills them; computed from the stored item. */
  failedWrites: number;
  failedWriteUnits: number;
  /** DynamoDB calls that answered without ConsumedCapacity although they support it. */
  unreportedCapacityCalls: number;
  /** Our own computation of the base-table write units, to check dynalite's figure. */
  computedTableWriteUnits: number;
  emails: number;
  snsPublishes: number;
  /** SNS bills a publish per 64 KB chunk of payload. */
  snsPublishChunks: number;
  sdkCalls: Record<string, number>;
  invocationsByFunction: Record<string, number>;
}

export const emptyUsage = (): Usage => ({
  apiRequests: 0,
  lambdaInvocations: 0,
  lambdaBilledMs: 0,
  stateTransitions: 0,
  taskRetries: 0,
  workflowHistoryRecords: 0,
  workflowPayloadBytes: 0,
  appLogLines: 0,
  appLogBytes: 0,
  readUnits: 0,
  writeUnits: 0,
  indexWriteUnits: 0,
  indexWriteOperations: 0,
  failedWrites: 0,
  failedWriteUnits: 0,
  unreportedCapacityCalls: 0,
  computedTableWriteUnits: 0,
  emails: 0,
  snsPublishes: 0,
  snsPublishChunks: 0,
  sdkCalls: {},
  invocationsByFunction: {},
});

export type UsageCounter = Exclude<keyof Usage, 'sdkCalls' | 'invocationsByFunction'>;

export const usageCounters = Object.keys(emptyUsage()).filter(
  (key): key is UsageCounter => key !== 'sdkCalls' && key !== 'invocationsByFunction',
);

const addCounts = (into: Record<string, number>, from: Record<string, number>, factor = 1) => {
  for (const [name, count] of Object.entries(from)) into[name] = (into[name] ?? 0) + count * factor;
};

/** Adds `from` (times `factor`) into `into`. */
export function addUsage(into: Usage, from: Usage, factor = 1): Usage {
  for (const counter of usageCounters) into[counter] += from[counter] * factor;
  addCounts(into.sdkCalls, from.sdkCalls, factor);
  addCounts(into.invocationsByFunction, from.invocationsByFunction, factor);
  return into;
}

/** Usage per key (a complaint id, or a label such as `schedule`). */
export class UsageLedger {
  readonly byKey = new Map<string, Usage>();

  of(key: string): Usage {
    let usage = this.byKey.get(key);
    if (!usage) {
      usage = emptyUsage();
      this.byKey.set(key, usage);
    }
    return usage;
  }

  add(key: string, usage: Usage): void {
    addUsage(this.of(key), usage);
  }
}
