import type { DrivableClock } from '../clock.ts';
import { listSentEmails } from '../mailbox.ts';
import type { DemoPlan, PlannedCase, PlannedStep } from './plan.ts';

/**
 * Plays a demo plan through the real HTTP API on the runtime's clock: the
 * clock is advanced to each step (the workflow's timers fire on the way, so
 * its own escalations and closings happen as they would), the staff steps
 * use the agent and supervisor tokens, the customer steps the case's access
 * token, and a survey is answered from the link in the email the desk sent.
 */
export interface DemoDriverOptions {
  url: string;
  clock: DrivableClock;
  settle: () => Promise<void>;
  tokens: { agent: string; supervisor: string };
  sesEndpoint: string;
  plan: DemoPlan;
  progress?: (progress: DemoProgress) => void;
  /** Requests in flight at once (default 6). */
  concurrency?: number;
}

export interface DemoProgress {
  filed: number;
  total: number;
  now: Date;
}

export interface DemoOutcome {
  filed: number;
  respondedLate: number;
  escalatedByHand: number;
  rejected: number;
  surveysAnswered: number;
  /** What the desk answered at filing, by the plan's case index. */
  cases: Map<number, { id: string; caseNumber: string }>;
  /** Steps the desk refused, with why: a demo that works has none. */
  failures: string[];
}

interface Filed {
  id: string;
  caseNumber: string;
  accessToken: string;
  responseDueAt: string;
  resolutionDueAt: string;
}

interface Runner {
  planned: PlannedCase;
  /** The next step to run: -1 is the filing. */
  next: number;
  at: number;
  filed?: Filed;
  /** A step failed: the rest of this case is left alone. */
  stopped?: boolean;
}

/** Steps this close together run in one pass between two moves of the clock. */
const batchMs = 15 * 60_000;

export async function runDemo(options: DemoDriverOptions): Promise<DemoOutcome> {
  const { plan, clock, url, tokens } = options;
  const concurrency = options.concurrency ?? 6;
  const outcome: DemoOutcome = {
    filed: 0,
    respondedLate: 0,
    escalatedByHand: 0,
    rejected: 0,
    surveysAnswered: 0,
    cases: new Map(),
    failures: [],
  };
  const runners: Runner[] = plan.cases.map((planned) => ({ planned, next: -1, at: planned.filedAt.getTime() }));
  const end = plan.end.getTime();
  let surveyLinks: Map<string, string> | undefined;

  const call = async (method: string, path: string, token: string | undefined, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path.replace(/\?.*/, '')}: ${response.status} ${text.slice(0, 200)}`);
    return text ? (JSON.parse(text) as unknown) : undefined;
  };

  const surveyToken = async (filed: Filed, email: string): Promise<string | undefined> => {
    const find = () => surveyLinks?.get(`${email} ${filed.caseNumber}`);
    if (!find()) {
      // One read of the store per pass at most: it holds every email of the demo.
      surveyLinks = new Map();
      for (const mail of await listSentEmails(options.sesEndpoint)) {
        const token = /\/surveys\/([\w-]+\.[\w-]+)/.exec(mail.text ?? '')?.[1];
        const caseNumber = /CL-\d{8}-\d+/.exec(`${mail.subject}\n${mail.text ?? ''}`)?.[0];
        if (token && caseNumber) for (const to of mail.to) surveyLinks.set(`${to} ${caseNumber}`, token);
      }
    }
    return find();
  };

  const file = async (runner: Runner) => {
    const c = runner.planned;
    runner.filed = (await call(
      'POST',
      '/complaints',
      undefined,
      {
        customer: c.customer,
        channel: c.channel,
        ...(c.pickedCategory ? { category: c.pickedCategory } : {}),
        subject: c.subject,
        description: c.description,
        ...(c.orderRef ? { orderRef: c.orderRef } : {}),
      },
      { 'idempotency-key': `demo-${plan.seed}-${plan.start.getTime()}-${c.index}` },
    )) as Filed;
    outcome.filed++;
    outcome.cases.set(c.index, { id: runner.filed.id, caseNumber: runner.filed.caseNumber });
  };

  const perform = async (runner: Runner, step: PlannedStep) => {
    const filed = runner.filed!;
    const staff = `/staff/complaints/${filed.id}`;
    switch (step.action) {
      case 'respond':
        await call('POST', `${staff}/claim`, tokens.agent).catch((error: unknown) => {
          // Already ours (a retry) is fine; anything else is not.
          if (!/409/.test((error as Error).message)) throw error;
        });
        await call('POST', `${staff}/responses`, tokens.agent, { message: step.message });
        if ('afterDue' in step.when) outcome.respondedLate++;
        return;
      case 'escalate':
        await call('POST', `${staff}/escalations`, tokens.supervisor, { level: step.level, note: step.note });
        outcome.escalatedByHand++;
        return;
      case 'resolve':
        await call('POST', `${staff}/resolution`, tokens.agent, {
          rootCause: step.rootCause,
          resolution: step.resolution,
          ...(step.compensation ? { compensation: step.compensation } : {}),
        });
        return;
      case 'accept':
        await call('POST', `/complaints/${filed.id}/confirmation`, filed.accessToken, { decision: 'accept' });
        return;
      case 'reject':
        await call('POST', `/complaints/${filed.id}/confirmation`, filed.accessToken, { decision: 'reject', reason: step.reason });
        outcome.rejected++;
        return;
      case 'survey': {
        const token = await surveyToken(filed, runner.planned.customer.email);
        if (!token) throw new Error(`no survey email for ${filed.caseNumber} yet`);
        await call('POST', `/surveys/${token}`, undefined, {
          csat: step.csat,
          nps: step.nps,
          ...(step.comment ? { comment: step.comment } : {}),
        });
        outcome.surveysAnswered++;
        return;
      }
    }
  };

  /** When the runner's next step is due, from the previous step's time or from a deadline the desk answered. */
  const schedule = (runner: Runner, previousAt: number) => {
    const step = runner.planned.steps[runner.next];
    if (!step) {
      runner.at = Infinity;
      return;
    }
    const { when } = step;
    runner.at =
      'afterPreviousMs' in when
        ? previousAt + when.afterPreviousMs
        : Date.parse(when.afterDue === 'response' ? runner.filed!.responseDueAt : runner.filed!.resolutionDueAt) + when.ms;
    runner.at = Math.max(runner.at, previousAt);
  };

  /** Runs the runner's next step. */
  const play = async (runner: Runner) => {
    const at = runner.at;
    try {
      if (runner.next === -1) await file(runner);
      else await perform(runner, runner.planned.steps[runner.next]!);
    } catch (error) {
      outcome.failures.push(`case ${runner.planned.index + 1}: ${(error as Error).message}`);
      runner.stopped = true;
      return;
    }
    runner.next++;
    schedule(runner, at);
  };

  const report = () => options.progress?.({ filed: outcome.filed, total: plan.cases.length, now: clock.now() });
  for (;;) {
    const pending = runners.filter((r) => !r.stopped && r.at < end);
    if (!pending.length) break;
    const first = Math.min(...pending.map((r) => r.at));
    const now = clock.now().getTime();
    if (first > now) await clock.advanceBy(first - now);
    // One step per case and pass, and the desk settled between passes: a case's next step
    // finds the workflow where the previous one left it (waiting for the confirmation, say).
    const until = Math.min(first + batchMs, end - 1);
    const due = pending.filter((r) => r.at <= until);
    for (let i = 0; i < due.length; i += concurrency) {
      await Promise.all(due.slice(i, i + concurrency).map(play));
    }
    await options.settle();
    report();
  }
  const now = clock.now().getTime();
  if (end > now) await clock.advanceBy(end - now);
  await options.settle();
  report();
  return outcome;
}
