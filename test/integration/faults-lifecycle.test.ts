import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aFilingBody } from '../support/builders.ts';
import { FaultInjector, complaintRead, complaintWrite, dynamoItem } from '../support/faults.ts';
import { LocalStack } from '../support/local-stack.ts';
import { storedWaitIsOpen, workflowHealth } from '../support/workflow-health.ts';

interface Filed {
  id: string;
  caseNumber: string;
  accessToken: string;
}

const customer = { id: 'c-fault-1', name: 'Fang', email: 'fang@example.com', locale: 'zh-CN' as const };

/**
 * One complaint through the whole closed loop while DynamoDB, Step Functions
 * and SES throttle or fail, and a workflow function times out. Each fault is
 * aimed at one call of this complaint, so the test says which step met what.
 */
describe('The closed loop on the local engines, with faults injected', () => {
  const faults = new FaultInjector({ seed: 11 }).install();
  let stack: LocalStack;
  let filed: Filed;

  beforeAll(async () => {
    // Mon 2025-11-24 10:00 Shanghai.
    stack = await LocalStack.start('2025-11-24T02:00:00.000Z', { workflowIn: 'process' });
  });
  afterAll(async () => stack.stop());

  const emailSubjects = async () => (await stack.emailsTo(customer.email)).map((m) => m.subject);

  it('acknowledges once although the start is throttled, SES fails once and the record of the email is throttled past the SDK default', async () => {
    const start = faults.inject({ command: 'StartExecution', fault: 'ThrottlingException', calls: [1, 2] });
    const send = faults.inject({ command: 'SendEmail', fault: 'InternalServerError', calls: [1] });
    // Five in a row: one more than the DynamoDB client's default four attempts.
    const record = faults.inject({
      command: 'PutItem',
      fault: 'ProvisionedThroughputExceededException',
      when: complaintWrite((c) => c.acknowledgedAt !== undefined),
      calls: [1, 2, 3, 4, 5],
    });

    const answer = await stack.request<Filed>('POST', '/complaints', { body: aFilingBody({ customer }) });
    expect(answer.status).toBe(201);
    filed = answer.body;

    expect([start.injected, send.injected, record.injected]).toEqual([2, 1, 5]);
    expect(await emailSubjects()).toEqual([`【投诉受理】案件编号 ${filed.caseNumber}`]);
    const staffCase = await stack.staffCase(filed.id);
    expect(staffCase.phase).toBe('AWAITING_RESPONSE');
    expect(staffCase.timeline.filter((e) => e.type === 'acknowledgement_sent')).toHaveLength(1);
    expect(staffCase.wait).toMatchObject({ kind: 'response' });
    expect(await storedWaitIsOpen(stack, filed.id)).toBe(true);
    expect(await workflowHealth(stack)).toEqual({ running: [filed.id], stuck: [], failed: [] });
  });

  it('moves on at once after the first response, although SendTaskSuccess is throttled past the SDK default', async () => {
    faults.clear();
    await stack.advanceBy(3);
    const recorded = faults.inject({
      command: 'PutItem',
      fault: 'ThrottlingException',
      when: complaintWrite((c) => c.firstRespondedAt !== undefined && c.phase === 'AWAITING_RESOLUTION'),
      calls: [1, 2],
    });
    // Four in a row: one more than the Step Functions client's default three attempts.
    const wake = faults.inject({ command: 'SendTaskSuccess', fault: 'ThrottlingException', calls: [1, 2, 3, 4] });

    const answer = await stack.request('POST', `/staff/complaints/${filed.id}/responses`, {
      token: stack.agentToken,
      body: { message: '您好，我们已联系承运商核实。' },
    });

    expect(answer.status).toBe(201);
    expect([recorded.injected, wake.injected]).toEqual([2, 4]);
    const staffCase = await stack.staffCase(filed.id);
    expect(staffCase.phase).toBe('AWAITING_RESOLUTION');
    // The workflow planned again at once: it waits for the resolution, not for the response warning.
    expect(staffCase.wait).toMatchObject({ kind: 'resolution' });
    expect(staffCase.timeline.filter((e) => e.type === 'responded')).toHaveLength(1);
    expect(await storedWaitIsOpen(stack, filed.id)).toBe(true);
    expect((await workflowHealth(stack)).stuck).toEqual([]);
  });

  it('records the resolution once although DynamoDB applied its write and answered 500', async () => {
    faults.clear();
    await stack.advanceBy(20);
    // An ambiguous 5xx: the write landed, the answer was lost, the SDK's retry meets its own write.
    const ambiguous = faults.inject({
      command: 'PutItem',
      fault: 'InternalServerError',
      afterApplied: true,
      when: complaintWrite((c) => c.phase === 'AWAITING_CONFIRMATION' && c.resolvedAt !== undefined),
      calls: [1],
    });
    const wakeAfterResolution = faults.inject({ command: 'SendTaskSuccess', fault: 'ServiceUnavailable', calls: [1] });
    const resolved = await stack.request('POST', `/staff/complaints/${filed.id}/resolution`, {
      token: stack.agentToken,
      body: { rootCause: '承运商分拣延误', resolution: '已补发并退还运费' },
    });

    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ phase: 'AWAITING_CONFIRMATION' });
    expect([ambiguous.injected, wakeAfterResolution.injected]).toEqual([1, 1]);
    const staffCase = await stack.staffCase(filed.id);
    expect(staffCase.timeline.filter((e) => e.type === 'resolved')).toHaveLength(1);
    expect(staffCase.wait).toMatchObject({ kind: 'confirmation' });
  });

  it('closes once, confirmed, although the confirmation write fails after DynamoDB applied it and CloseComplaint times out', async () => {
    faults.clear();

    const ambiguous = faults.inject({
      command: 'PutItem',
      fault: 'InternalServerError',
      afterApplied: true,
      when: complaintWrite((c) => c.confirmation !== undefined && c.phase === 'AWAITING_CONFIRMATION'),
      calls: [1],
    });
    // The library entry's write never answers: CloseComplaint runs out its function timeout.
    const hungLibraryWrite = faults.inject({
      command: 'PutItem',
      fault: 'hang',
      when: (input) => dynamoItem(input).entity === 'case',
      calls: [1],
    });
    const accepted = await stack.request('POST', `/complaints/${filed.id}/confirmation`, {
      token: filed.accessToken,
      body: { decision: 'accept' },
    });

    expect(accepted.status).toBe(200);
    expect([ambiguous.injected, hungLibraryWrite.injected]).toEqual([1, 1]);
    const staffCase = await stack.staffCase(filed.id);
    expect(staffCase).toMatchObject({ phase: 'CLOSED', closeOutcome: 'confirmed' });
    expect(staffCase.timeline.filter((e) => e.type === 'confirmed')).toHaveLength(1);
    expect(staffCase.timeline.filter((e) => e.type === 'closed')).toHaveLength(1);
    const library = await stack.request('GET', '/staff/cases?category=logistics', { token: stack.agentToken });
    expect(JSON.stringify(library.body)).toContain(filed.caseNumber);
    expect(await workflowHealth(stack)).toEqual({ running: [], stuck: [], failed: [] });
  });

  it('the hourly schedule sends the survey once although its read is unavailable and SES throttles it', async () => {
    faults.clear();
    const read = faults.inject({ command: 'GetItem', fault: 'ServiceUnavailable', when: complaintRead(filed.id), calls: [1] });
    const ses = faults.inject({ command: 'SendEmail', fault: 'ThrottlingException', calls: [1, 2] });
    await stack.advanceBy(26);
    expect([read.injected, ses.injected]).toEqual([1, 2]);
    expect((await stack.staffCase(filed.id)).timeline.filter((e) => e.type === 'survey_sent')).toHaveLength(1);

    const subjects = await emailSubjects();
    expect(subjects.filter((s) => s.includes('满意度'))).toHaveLength(1);
    // Every email the customer got, each once: acknowledgement, the answer, the resolution, the survey.
    expect(new Set(subjects).size).toBe(subjects.length);
    expect(await stack.staffAlerts()).toEqual([]);
    expect(await stack.operationsAlerts()).toEqual([]);
  });
});
