import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aFilingBody } from '../support/builders.ts';
import { FaultInjector, complaintRead, complaintWrite, inFunction, snsMessage } from '../support/faults.ts';
import { LocalStack } from '../support/local-stack.ts';
import { storedWaitIsOpen, workflowHealth } from '../support/workflow-health.ts';

interface Filed {
  id: string;
  caseNumber: string;
}

interface StoredEscalation {
  level: number;
  window: string;
  publishedAt?: string;
}

/**
 * A complaint nobody answers climbs the chain (warning, level 1 and its daily
 * reminders, level 2, level 3) while SNS throttles and fails, DynamoDB fails
 * past the SDK's default attempts, and workflow functions time out.
 */
describe('Escalations on the local engines, with faults injected', () => {
  const faults = new FaultInjector({ seed: 23 }).install();
  let stack: LocalStack;
  let silent: Filed;

  beforeAll(async () => {
    // Tue 2025-09-30 10:00 Shanghai, the eve of National Day (see escalation.test.ts for the dates).
    stack = await LocalStack.start('2025-09-30T02:00:00.000Z', { workflowIn: 'process' });
    silent = (
      await stack.request<Filed>('POST', '/complaints', {
        body: aFilingBody({ customer: { id: 'c-esc-1', name: 'Ann Lee', email: 'ann@example.com', locale: 'en' }, category: 'billing_dispute' }),
      })
    ).body;
  });
  afterAll(async () => stack.stop());

  const subjects = async (kind: string) =>
    (await stack.staffAlerts()).filter((m) => m.attributes.kind === kind && m.message.includes(silent.caseNumber)).map((m) => m.subject ?? '');

  it('warns once at 75 % of the response window although SNS throttles twice', async () => {
    const throttled = faults.inject({ command: 'Publish', fault: 'ThrottlingException', when: snsMessage('warning', silent.caseNumber), calls: [1, 2] });
    await stack.advanceTo('2025-10-01T14:00:01.000Z');
    expect(throttled.injected).toBe(2);
    expect(await subjects('warning')).toEqual([`Warning: case ${silent.caseNumber} response window 75% used`]);
  });

  it('escalates to level 1 once although SNS fails every SDK attempt, the publish record fails past the DynamoDB default and the next wait times out', async () => {
    faults.clear();
    // Three: every attempt of the SNS client, so the step fails and Step Functions retries it.
    const publish = faults.inject({ command: 'Publish', fault: 'InternalServerError', when: snsMessage('escalation', silent.caseNumber), calls: [1, 2, 3] });
    // Five in a row after the publish went out: past the DynamoDB client's default four attempts.
    const published = faults.inject({
      command: 'PutItem',
      fault: 'InternalServerError',
      when: complaintWrite((c) => (c.escalations as StoredEscalation[]).some((e) => e.level === 1 && e.publishedAt)),
      calls: [1, 2, 3, 4, 5],
    });
    // The wait after the escalation is stored with its start: that write never answers, AwaitStep times out.
    const awaitWrite = faults.inject({
      command: 'PutItem',
      fault: 'hang',
      when: complaintWrite((c) => (c.wait as { since?: string } | undefined)?.since === '2025-10-02T02:00:00.000Z'),
      calls: [1],
    });
    await stack.advanceTo('2025-10-02T02:00:00.000Z');

    expect([publish.injected, published.injected, awaitWrite.injected]).toEqual([3, 5, 1]);
    expect(await subjects('escalation')).toEqual([`Escalation L1: case ${silent.caseNumber} (response_overdue)`]);
    expect(await stack.staffCase(silent.id)).toMatchObject({ phase: 'AWAITING_RESPONSE', escalationLevel: 1 });
    expect(await storedWaitIsOpen(stack, silent.id)).toBe(true);
    expect(await workflowHealth(stack)).toEqual({ running: [silent.id], stuck: [], failed: [] });
  });

  it('repeats level 1 once a day, each reminder once, although PlanNextStep times out on the first', async () => {
    faults.clear();
    const plan = faults.inject({ command: 'GetItem', fault: 'hang', when: complaintRead(silent.id), calls: [1] });
    await stack.advanceTo('2025-10-04T02:00:01.000Z');
    expect(plan.injected).toBe(1);
    expect(await subjects('escalation')).toEqual([
      `Escalation L1: case ${silent.caseNumber} (response_overdue)`,
      `Escalation L1: case ${silent.caseNumber} (response_overdue) reminder 2`,
      `Escalation L1: case ${silent.caseNumber} (response_overdue) reminder 3`,
    ]);
  });

  it('escalates to level 2 and then 3 once each although Escalate times out before publishing and SNS is unavailable', async () => {
    await stack.request('POST', `/staff/complaints/${silent.id}/escalations/ack`, { token: stack.supervisorToken, body: { level: 1 } });
    faults.clear();
    // EscalateComplaint's first read (level 2, at the resolution deadline) never answers.
    const escalateRead = faults.inject({
      command: 'GetItem',
      fault: 'hang',
      when: (input) => inFunction('EscalateComplaint')() && complaintRead(silent.id)(input),
      calls: [1],
    });
    const unavailable = faults.inject({ command: 'Publish', fault: 'ServiceUnavailable', when: snsMessage('escalation', silent.caseNumber), calls: [2, 3] });
    await stack.advanceTo('2025-10-20T16:00:02.000Z');

    expect([escalateRead.injected, unavailable.injected]).toEqual([1, 2]);
    const all = await subjects('escalation');
    expect(all.filter((s) => s.startsWith('Escalation L2'))).toEqual([
      `Escalation L2: case ${silent.caseNumber} (resolution_overdue)`,
      `Escalation L2: case ${silent.caseNumber} (resolution_overdue) reminder 2`,
      `Escalation L2: case ${silent.caseNumber} (resolution_overdue) reminder 3`,
      `Escalation L2: case ${silent.caseNumber} (resolution_overdue) reminder 4`,
      `Escalation L2: case ${silent.caseNumber} (resolution_overdue) reminder 5`,
    ]);
    expect(all.filter((s) => s.startsWith('Escalation L3'))).toEqual([`Escalation L3: case ${silent.caseNumber} (still_unresolved)`]);
  });

  it('publishes every escalation it recorded exactly once, and leaves nothing stuck', async () => {
    const staffCase = await stack.staffCase(silent.id);
    const recorded = staffCase.escalations as StoredEscalation[];
    expect(recorded.every((e) => e.publishedAt)).toBe(true);
    expect(new Set(recorded.map((e) => `${e.level}/${e.window}`)).size).toBe(recorded.length);
    expect(staffCase.timeline.filter((e) => e.type === 'escalated')).toHaveLength(recorded.length);
    const published = await subjects('escalation');
    expect(published).toHaveLength(recorded.length);
    expect(new Set(published).size).toBe(published.length);
    expect(await stack.operationsAlerts()).toEqual([]);
    expect(await workflowHealth(stack)).toEqual({ running: [silent.id], stuck: [], failed: [] });
  });
});
