import { ManualClock } from '#local/clock.ts';
import { listSentEmails, type SentEmail } from '#local/mailbox.ts';
import type { InboxMessage } from '#local/escalation-inbox.ts';
import { type LocalRuntime, type RuntimeOptions, startLocalRuntime } from '#local/runtime.ts';

export interface Answer<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

/**
 * The whole product on a manual clock (the workflow on its own thread, as `npm start` runs it): tests move time with
 * `advanceTo`, which returns once every workflow step it triggered is done.
 * One stack per test file (SDK clients bind their endpoints once per process).
 */
export class LocalStack {
  private escalationLog: InboxMessage[] = [];
  private operationsLog: InboxMessage[] = [];

  private constructor(
    readonly runtime: LocalRuntime,
    readonly clock: ManualClock,
  ) {}

  /**
   * `workflowIn: 'process'` for a test that injects faults: the injector is
   * SDK middleware in this process, which a workflow thread's handlers would
   * not pass through.
   */
  static async start(at: string, options: Pick<RuntimeOptions, 'reportRecipients' | 'policyFile' | 'workflowIn'> = {}): Promise<LocalStack> {
    const clock = new ManualClock(at);
    const runtime = await startLocalRuntime({ ...options, clock, port: 0, ...(process.env.CLOSELOOP_TRACE_WORKFLOW ? { traceWorkflow: true, log: (line: string) => console.log(line) } : {}) });
    return new LocalStack(runtime, clock);
  }

  async stop(): Promise<void> {
    await this.runtime.stop();
  }

  async request<T = Record<string, unknown>>(
    method: string,
    path: string,
    options: { body?: unknown; token?: string; headers?: Record<string, string> } = {},
  ): Promise<Answer<T>> {
    const response = await fetch(`${this.runtime.url}${path}`, {
      method,
      headers: {
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.headers ?? {}),
      },
      ...(options.body !== undefined ? { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) } : {}),
    });
    const text = await response.text();
    await this.runtime.settle();
    // A page (the link landing pages) comes back as { text }.
    const isJson = /json/.test(response.headers.get('content-type') ?? 'application/json');
    return { status: response.status, headers: response.headers, body: (text ? (isJson ? JSON.parse(text) : { text }) : {}) as T };
  }

  get agentToken(): string {
    return this.runtime.tokens.agent;
  }

  get supervisorToken(): string {
    return this.runtime.tokens.supervisor;
  }

  async advanceTo(at: string): Promise<void> {
    await this.clock.advanceTo(at);
    await this.runtime.settle();
  }

  async advanceBy(hours: number): Promise<void> {
    await this.clock.advanceBy(hours * 3600_000);
    await this.runtime.settle();
  }

  /** Everything published to the staff topic so far (drained from its queue and kept): escalations, warnings, notices. */
  async staffAlerts(): Promise<InboxMessage[]> {
    this.escalationLog.push(...(await this.runtime.escalations.receive()));
    return this.escalationLog;
  }

  async escalations(complaintCase?: string): Promise<InboxMessage[]> {
    return (await this.staffAlerts()).filter(
      (m) => m.attributes.kind === 'escalation' && (!complaintCase || m.message.includes(complaintCase)),
    );
  }

  async warnings(complaintCase?: string): Promise<InboxMessage[]> {
    return (await this.staffAlerts()).filter(
      (m) => m.attributes.kind === 'warning' && (!complaintCase || m.message.includes(complaintCase)),
    );
  }

  async operationsAlerts(): Promise<InboxMessage[]> {
    this.operationsLog.push(...(await this.runtime.operations.receive()));
    return this.operationsLog;
  }

  async emailsTo(address: string): Promise<SentEmail[]> {
    return (await listSentEmails(this.runtime.endpoints.ses)).filter((m) => m.to.some((to) => to.includes(address)));
  }

  async staffCase(id: string): Promise<Record<string, unknown> & { phase: string; timeline: { type: string; at: string; details: Record<string, unknown> }[] }> {
    const answer = await this.request<Record<string, unknown> & { phase: string; timeline: { type: string; at: string; details: Record<string, unknown> }[] }>(
      'GET',
      `/staff/complaints/${id}`,
      { token: this.supervisorToken },
    );
    if (answer.status !== 200) throw new Error(`staff case ${id}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  }
}
