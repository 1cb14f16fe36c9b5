import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aFilingBody } from '../support/builders.ts';
import { FaultInjector, type FaultRule, inFunction } from '../support/faults.ts';
import { LocalStack } from '../support/local-stack.ts';
import { workflowHealth } from '../support/workflow-health.ts';

interface Filed {
  id: string;
  caseNumber: string;
  accessToken: string;
}

const people = ['accepts', 'silent', 'rejects', 'asked'] as const;
type Person = (typeof people)[number];
const customerOf = (person: Person) => ({ id: `c-soak-${person}`, name: person, email: `${person}@example.com`, locale: 'en' as const });

/**
 * A share of every kind of call fails, drawn from a fixed seed: throttling
 * and 5xx from DynamoDB, Step Functions, SES and SNS, and workflow functions
 * that hang until their timeout. Hangs are aimed at the steps that send
 * nothing (planning and waiting): a function killed between sending and
 * recording the send repeats it on retry, which no retry policy can prevent.
 */
const faultsOfEveryKind: FaultRule[] = [
  { command: 'PutItem', fault: 'ProvisionedThroughputExceededException', calls: { share: 0.1 } },
  { command: 'PutItem', fault: 'InternalServerError', calls: { share: 0.05 } },
  { command: 'PutItem', fault: 'InternalServerError', afterApplied: true, calls: { share: 0.05 } },
  { command: 'GetItem', fault: 'ThrottlingException', calls: { share: 0.1 } },
  { command: 'GetItem', fault: 'hang', when: inFunction('PlanNextStep', 'AwaitStep'), calls: { share: 0.1 } },
  { command: 'Query', fault: 'ServiceUnavailable', calls: { share: 0.15 } },
  { command: 'UpdateItem', fault: 'ThrottlingException', calls: [1, 3] },
  { command: 'StartExecution', fault: 'ThrottlingException', calls: { share: 0.3 } },
  { command: 'SendTaskSuccess', fault: 'ServiceUnavailable', calls: { share: 0.3 } },
  { command: 'SendEmail', fault: 'ThrottlingException', calls: { share: 0.2 } },
  { command: 'SendEmail', fault: 'InternalServerError', calls: { share: 0.1 } },
  // Few calls publish, so these fail by number rather than by share.
  { command: 'Publish', fault: 'ThrottlingException', calls: [1, 4] },
  { command: 'Publish', fault: 'ServiceUnavailable', calls: [2, 3, 4] },
];

describe('Four complaints on four paths while every service fails a share of its calls', () => {
  const faults = new FaultInjector({ seed: 2025 }).install();
  let stack: LocalStack;
  const filed = {} as Record<Person, Filed>;

  const ok = async (method: string, path: string, options: Parameters<LocalStack['request']>[2]) => {
    const answer = await stack.request(method, path, options);
    expect(answer.status, `${method} ${path}: ${JSON.stringify(answer.body)}`).toBeLessThan(300);
    return answer;
  };
  const asAgent = (person: Person, path: string, body: unknown) =>
    ok('POST', `/staff/complaints/${filed[person].id}/${path}`, { token: stack.agentToken, body });
  const asCustomer = (person: Person, path: string, body: unknown) =>
    ok('POST', `/complaints/${filed[person].id}/${path}`, { token: filed[person].accessToken, body });

  beforeAll(async () => {
    // Mon 2025-11-24 10:00 Shanghai.
    stack = await LocalStack.start('2025-11-24T02:00:00.000Z', { workflowIn: 'process' });
    for (const rule of faultsOfEveryKind) faults.inject(rule);
  });
  afterAll(async () => stack.stop());

  it('takes each complaint down its path to CLOSED', async () => {
    for (const person of people) {
      const answer = await ok('POST', '/complaints', { body: aFilingBody({ customer: customerOf(person) }), headers: { 'Idempotency-Key': `soak-${person}` } });
      filed[person] = answer.body as unknown as Filed;
    }
    await stack.advanceBy(1);
    await asAgent('accepts', 'responses', { message: 'We are on it.' });
    await asAgent('rejects', 'responses', { message: 'We are on it.' });
    await asAgent('asked', 'info-requests', { question: 'Which order number?' });
    await stack.advanceBy(1);
    await asAgent('accepts', 'resolution', { rootCause: 'Carrier delay', resolution: 'Resent' });
    await asAgent('rejects', 'resolution', { rootCause: 'Wrong item', resolution: 'Resent' });
    await stack.advanceBy(1);
    await asCustomer('accepts', 'confirmation', { decision: 'accept' });
    await asCustomer('rejects', 'confirmation', { decision: 'reject', reason: 'Still the wrong item' });
    await asCustomer('asked', 'replies', { message: 'Order SO-1.' });
    await stack.advanceBy(2);
    await asAgent('rejects', 'resolution', { rootCause: 'Wrong item', resolution: 'Refunded' });
    await asAgent('asked', 'resolution', { rootCause: 'Carrier delay', resolution: 'Resent' });
    await stack.advanceBy(1);
    await asCustomer('rejects', 'confirmation', { decision: 'accept' });
    await asCustomer('asked', 'confirmation', { decision: 'accept' });

    // Nobody answers the silent one for two days: a warning and level 1, then it is handled but never confirmed.
    await stack.advanceTo('2025-11-26T03:00:00.000Z');
    await asAgent('silent', 'responses', { message: 'Sorry for the wait.' });
    await asAgent('silent', 'resolution', { rootCause: 'Backlog', resolution: 'Refunded' });
    await stack.advanceTo('2025-12-04T03:00:00.000Z');

    const outcomes = await Promise.all(people.map(async (p) => [p, (await stack.staffCase(filed[p].id)).closeOutcome]));
    expect(Object.fromEntries(outcomes)).toEqual({ accepts: 'confirmed', silent: 'auto_confirmed', rejects: 'confirmed', asked: 'confirmed' });
  });

  it('met every kind of fault on the way', () => {
    const kinds = new Set(faults.injected.map((f) => `${f.command}:${f.fault}`));
    for (const rule of faultsOfEveryKind) expect(kinds).toContain(`${rule.command}:${rule.fault}`);
    expect(faults.injected.length).toBeGreaterThan(40);
  });

  it('sent each customer every email its rules owe, once: one per email recorded on the timeline', async () => {
    for (const person of people) {
      const timeline = (await stack.staffCase(filed[person].id)).timeline;
      const recorded = timeline.filter((e) => ['acknowledgement_sent', 'survey_sent', 'customer_emailed'].includes(e.type));
      const received = await stack.emailsTo(customerOf(person).email);
      expect(timeline.filter((e) => e.type === 'acknowledgement_sent'), person).toHaveLength(1);
      expect(timeline.filter((e) => e.type === 'survey_sent'), person).toHaveLength(1);
      expect(received.length, `${person}: ${received.map((m) => m.subject).join(' | ')}`).toBe(recorded.length);
    }
  });

  it('published each escalation and warning once, as recorded, and alerted operations of nothing', async () => {
    const alerts = await stack.staffAlerts();
    for (const person of people) {
      const staffCase = await stack.staffCase(filed[person].id);
      const escalations = staffCase.escalations as { level: number; window: string; publishedAt?: string }[];
      const warnings = staffCase.warnings as { window: string; publishedAt?: string }[];
      const mine = alerts.filter((m) => m.message.includes(filed[person].caseNumber));
      expect(escalations.every((e) => e.publishedAt), person).toBe(true);
      expect(mine.filter((m) => m.attributes.kind === 'escalation'), person).toHaveLength(escalations.length);
      expect(mine.filter((m) => m.attributes.kind === 'warning'), person).toHaveLength(warnings.length);
    }
    const silent = (await stack.staffCase(filed.silent.id)).escalations as { level: number; window: string }[];
    expect(silent.map((e) => `${e.level}/${e.window}`)).toEqual(['1/response']);
    const rejected = (await stack.staffCase(filed.rejects.id)).escalations as { level: number; window: string }[];
    expect(rejected.map((e) => `${e.level}/${e.window}`)).toEqual(['2/reopen-1']);
    expect(await stack.operationsAlerts()).toEqual([]);
  });

  it('leaves no execution running, stuck or failed', async () => {
    expect(await workflowHealth(stack)).toEqual({ running: [], stuck: [], failed: [] });
  });
});
