import { randomUUID } from 'node:crypto';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { extendSdkClients, type SdkClient } from '#adapters/sdk-clients.ts';
import { currentInvocation } from '#local/lambda-invocation.ts';

/**
 * Errors as the services answer them, with the status the SDK classifies by:
 * throttling by name, 5xx by status (both retried by the SDK's standard mode).
 */
export const serviceErrors = {
  ThrottlingException: { status: 400, fault: 'client' },
  ProvisionedThroughputExceededException: { status: 400, fault: 'client' },
  TooManyRequestsException: { status: 429, fault: 'client' },
  InternalServerError: { status: 500, fault: 'server' },
  ServiceUnavailable: { status: 503, fault: 'server' },
} as const;

export type ServiceErrorName = keyof typeof serviceErrors;

export interface FaultRule {
  /** The API operation as the service's reference names it: `PutItem`, `SendTaskSuccess`, `Publish`, `SendEmail`. */
  command: string;
  /**
   * An error answer, or `hang`: the call never answers (a stalled connection),
   * so the Lambda invocation it runs in ends in its function timeout.
   */
  fault: ServiceErrorName | 'hang';
  /** Only calls whose input matches (DynamoDB inputs are marshalled; see `dynamoItem`). */
  when?: (input: Record<string, unknown>) => boolean;
  /**
   * Which matching calls fail, counting every attempt (the SDK's retries
   * included), from 1: these numbers, or a share drawn from the injector's
   * seed. Default: every matching call.
   */
  calls?: readonly number[] | { share: number };
  /** The service did the work and the answer was an error anyway (a 5xx after the commit). */
  afterApplied?: boolean;
}

export interface InjectedFault {
  command: string;
  fault: FaultRule['fault'];
  /** The matching call's number within its rule. */
  call: number;
}

interface ActiveRule {
  rule: FaultRule;
  matched: number;
  injected: number;
  /** Its own stream, so one rule's draws do not move when another command is called more or less often. */
  random: () => number;
}

type Next = (args: { input: Record<string, unknown> }) => Promise<unknown>;
type Middleware = (next: Next, context: { commandName?: string }) => Next;
interface Stack {
  addRelativeTo(middleware: Middleware, options: Record<string, unknown>): void;
}

interface RetryConfig {
  retryStrategy?: () => Promise<unknown>;
}

/**
 * The SDK's standard strategy asks its backoff strategy for each pause; this
 * answers zero. Reaches into the strategy object, so if a later SDK renames
 * the field the pauses are simply real again.
 */
function withoutBackoff(config: RetryConfig): void {
  const provide = config.retryStrategy;
  if (typeof provide !== 'function') return;
  config.retryStrategy = async () => {
    const strategy = (await provide()) as { retryBackoffStrategy?: { computeNextBackoffDelay(attempt: number): number } };
    if (strategy.retryBackoffStrategy) strategy.retryBackoffStrategy.computeNextBackoffDelay = () => 0;
    return strategy;
  };
}

/** mulberry32: a small, fast generator, enough to make a share of failures repeatable from a seed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function serviceError(name: ServiceErrorName, command: string): Error {
  const { status, fault } = serviceErrors[name];
  return Object.assign(new Error(`${name} (injected into ${command})`), {
    name,
    $fault: fault,
    $metadata: { httpStatusCode: status, requestId: randomUUID() },
  });
}

/**
 * Fails chosen SDK calls of the adapters with the errors a service answers
 * under load or in an outage. The middleware sits inside the SDK's retry loop
 * (right after `retryMiddleware`), so the adapters' own retry configuration
 * meets every injected error, as it would meet the service's. Deterministic
 * for a given seed and a given order of calls.
 */
export class FaultInjector {
  readonly injected: InjectedFault[] = [];
  private rules: ActiveRule[] = [];
  private readonly seed: number;
  private readonly realBackoff: boolean;
  private installed = false;

  constructor(options: { seed?: number; realBackoff?: boolean } = {}) {
    this.seed = options.seed ?? 1;
    this.realBackoff = options.realBackoff ?? false;
  }

  /**
   * Adds the middleware to every adapter SDK client, made already or later.
   * Unless `realBackoff`, the SDK's pause between attempts is zero: it waits
   * real time (up to seconds after a throttling error), which a test must not.
   * How many attempts, and which errors are retried, stay the SDK's.
   */
  install(): this {
    if (this.installed) return this;
    this.installed = true;
    extendSdkClients((client: SdkClient) => {
      (client.middlewareStack as Stack).addRelativeTo(this.middleware, {
        relation: 'after',
        toMiddleware: 'retryMiddleware',
        name: 'closeloopFaultInjection',
        override: true,
      });
      if (!this.realBackoff) withoutBackoff(client.config);
    });
    return this;
  }

  inject(rule: FaultRule): { readonly injected: number } {
    const active: ActiveRule = { rule, matched: 0, injected: 0, random: seeded(this.seed * 7919 + this.rules.length) };
    this.rules.push(active);
    return {
      get injected() {
        return active.injected;
      },
    };
  }

  clear(): void {
    this.rules = [];
    this.injected.length = 0;
  }

  private readonly middleware: Middleware = (next, context) => async (args) => {
    const command = (context.commandName ?? '').replace(/Command$/, '');
    const rule = this.pick(command, args.input);
    if (!rule) return next(args);
    if (rule.fault === 'hang') {
      const invocation = currentInvocation();
      if (!invocation) throw new Error(`a hang of ${command} needs a Lambda invocation to time out`);
      invocation.willNotFinish();
      return new Promise<never>(() => undefined);
    }
    if (rule.afterApplied) await next(args);
    throw serviceError(rule.fault, command);
  };

  private pick(command: string, input: Record<string, unknown>): FaultRule | undefined {
    for (const active of this.rules) {
      const { rule } = active;
      if (rule.command !== command || (rule.when && !rule.when(input))) continue;
      const call = ++active.matched;
      const calls = rule.calls;
      const fails = calls === undefined ? true : 'share' in calls ? active.random() < calls.share : calls.includes(call);
      if (!fails) continue;
      active.injected++;
      this.injected.push({ command, fault: rule.fault, call });
      return rule;
    }
    return undefined;
  }
}

/** The item of a PutItem (or the key of a GetItem), as plain values, for `when`. */
export function dynamoItem(input: Record<string, unknown>): Record<string, unknown> {
  const item = (input.Item ?? input.Key) as Parameters<typeof unmarshall>[0] | undefined;
  return item ? unmarshall(item) : {};
}

/** A PutItem of the complaint item itself (not an event or library entry) whose new state passes `check`. */
export function complaintWrite(check: (complaint: Record<string, unknown>) => boolean): (input: Record<string, unknown>) => boolean {
  return (input) => {
    const item = dynamoItem(input);
    return item.sk === 'COMPLAINT' && item.entity === 'complaint' && check(item);
  };
}

/** A GetItem of the complaint item of `complaintId`. */
export function complaintRead(complaintId: string): (input: Record<string, unknown>) => boolean {
  return (input) => {
    const key = dynamoItem(input);
    return key.pk === `COMPLAINT#${complaintId}` && key.sk === 'COMPLAINT';
  };
}

/** A Publish about one case (its case number is in the message), of one `kind` attribute: `escalation`, `warning`, `notice`. */
export function snsMessage(kind: string, caseNumber: string): (input: Record<string, unknown>) => boolean {
  return (input) => {
    const attributes = input.MessageAttributes as Record<string, { StringValue?: string }> | undefined;
    return attributes?.kind?.StringValue === kind && String(input.Message).includes(caseNumber);
  };
}

/** Calls made inside one of these workflow functions (by function name, e.g. `PlanNextStep`). */
export function inFunction(...functionNames: string[]): () => boolean {
  return () => functionNames.includes(currentInvocation()?.functionName ?? '');
}
