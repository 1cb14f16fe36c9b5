import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueStaffToken } from '#local/staff-tokens.ts';
import { aFilingBody } from '../support/builders.ts';
import { LocalStack } from '../support/local-stack.ts';

interface Filed {
  id: string;
  caseNumber: string;
  accessToken: string;
  phase: string;
  responseDueAt: string;
  resolutionDueAt: string;
}

describe('Lifecycle on the local engines: happy path', () => {
  let stack: LocalStack;
  let filed: Filed;

  beforeAll(async () => {
    // Mon 2025-11-24 10:00 Shanghai.
    stack = await LocalStack.start('2025-11-24T02:00:00.000Z');
  });
  afterAll(async () => stack.stop());

  it('files the complaint with the deadlines of DOMAIN.md and acknowledges it by email in Chinese', async () => {
    const answer = await stack.request<Filed>('POST', '/complaints', { body: aFilingBody() });
    expect(answer.status).toBe(201);
    filed = answer.body;
    expect(filed).toMatchObject({
      caseNumber: 'CL-20251124-0001',
      phase: 'RECEIVED',
      responseDueAt: '2025-11-26T02:00:00.000Z',
      resolutionDueAt: '2025-12-03T15:59:59.999Z',
    });

    const mail = await stack.emailsTo('li@example.com');
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toBe('【投诉受理】案件编号 CL-20251124-0001');
    expect(mail[0]!.text).toContain('2025年12月3日');

    const staffCase = await stack.staffCase(filed.id);
    expect(staffCase.phase).toBe('AWAITING_RESPONSE');
    // The first instant ahead is the warning at 75 % of the 48 hours.
    expect(staffCase.wait).toMatchObject({ kind: 'response', until: '2025-11-25T14:00:00.000Z' });
    expect(staffCase.timeline.map((e) => e.type)).toEqual(['received', 'triaged', 'acknowledgement_sent', 'waiting']);
  });

  it('gives the case to the first agent who claims it and refuses a second with 409', async () => {
    expect((await stack.request('POST', `/staff/complaints/${filed.id}/claim`, { token: stack.agentToken })).status).toBe(200);
    const bob = await issueStaffToken('agent', 'bob');
    const second = await stack.request('POST', `/staff/complaints/${filed.id}/claim`, { token: bob });
    expect(second.status).toBe(409);
    expect(second.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(second.body).toMatchObject({ code: 'AlreadyClaimed', owner: 'agent-1' });
  });

  it('the first response completes the 48-hour wait and the workflow waits for the resolution', async () => {
    await stack.advanceBy(3);
    const answer = await stack.request('POST', `/staff/complaints/${filed.id}/responses`, {
      token: stack.agentToken,
      body: { message: '您好，我们已联系承运商核实。' },
    });
    expect(answer.status).toBe(201);
    const staffCase = await stack.staffCase(filed.id);
    expect(staffCase).toMatchObject({ phase: 'AWAITING_RESOLUTION', firstRespondedAt: '2025-11-24T05:00:00.000Z' });
    // 75 % of the 182 working hours from Mon 10:00 to the end of Wed 12-03: Tue 12-02 02:30 Shanghai.
    expect(staffCase.wait).toMatchObject({ kind: 'resolution', until: '2025-12-01T18:30:00.000Z' });
  });

  it('the resolution asks the customer to confirm; the customer sees the answers, not the internals', async () => {
    await stack.advanceBy(20);
    const resolved = await stack.request('POST', `/staff/complaints/${filed.id}/resolution`, {
      token: stack.agentToken,
      body: { rootCause: '承运商分拣延误', resolution: '已补发并退还运费', compensation: '20 元优惠券' },
    });
    expect(resolved.status).toBe(200);
    // Tue 2025-11-25 09:00 Shanghai + 3 working days = end of Fri 2025-11-28.
    expect(resolved.body).toMatchObject({ phase: 'AWAITING_CONFIRMATION', confirmationDueAt: '2025-11-28T15:59:59.999Z' });

    const seen = await stack.request<{ timeline: { type: string; details: Record<string, unknown> }[] }>(
      'GET',
      `/complaints/${filed.id}`,
      { token: filed.accessToken },
    );
    expect(seen.status).toBe(200);
    expect(seen.body.timeline.map((e) => e.type)).toEqual(['received', 'acknowledgement_sent', 'claimed', 'responded', 'resolved']);
    expect(JSON.stringify(seen.body)).not.toContain('agent-1');
    expect((await stack.request('GET', `/complaints/${filed.id}`, { token: 'wrong' })).status).toBe(404);
    expect((await stack.request('GET', `/complaints/${filed.id}`)).status).toBe(401);
  });

  it('closes into the case library when the customer accepts, with no escalation', async () => {
    const accepted = await stack.request('POST', `/complaints/${filed.id}/confirmation`, {
      token: filed.accessToken,
      body: { decision: 'accept' },
    });
    expect(accepted.status).toBe(200);
    const staffCase = await stack.staffCase(filed.id);
    expect(staffCase).toMatchObject({
      phase: 'CLOSED',
      closeOutcome: 'confirmed',
      closedAt: '2025-11-25T01:00:00.000Z',
      surveyDueAt: '2025-11-26T01:00:00.000Z',
    });

    const dynamodb = new DynamoDBClient({ endpoint: stack.runtime.endpoints.dynamodb, region: 'eu-west-1', credentials: { accessKeyId: 'l', secretAccessKey: 'l' } });
    const { Item } = await dynamodb.send(
      new GetItemCommand({ TableName: 'closeloop-complaints', Key: { pk: { S: `COMPLAINT#${filed.id}` }, sk: { S: 'CASE' } } }),
    );
    dynamodb.destroy();
    expect(unmarshall(Item!)).toMatchObject({
      entity: 'case',
      caseNumber: 'CL-20251124-0001',
      category: 'logistics',
      rootCause: '承运商分拣延误',
      resolution: '已补发并退还运费',
      compensation: '20 元优惠券',
      outcome: 'confirmed',
      libraryPk: 'LIBRARY#logistics',
    });
    expect(await stack.staffAlerts()).toEqual([]);
  });

  it('the hourly schedule sends the survey once, 24 h after closing, and takes one answer', async () => {
    await stack.advanceTo('2025-11-26T00:59:59.000Z');
    expect((await stack.emailsTo('li@example.com')).filter((m) => m.subject.includes('满意度'))).toHaveLength(0);

    await stack.advanceBy(2);
    await stack.runtime.runSurveySender();
    await stack.advanceBy(3);
    const surveys = (await stack.emailsTo('li@example.com')).filter((m) => m.subject.includes('满意度'));
    expect(surveys).toHaveLength(1);
    const token = /\/surveys\/([\w-]+\.[\w-]{43})/.exec(surveys[0]!.text ?? '')?.[1];
    expect(token).toBeDefined();

    const answer = await stack.request('POST', `/surveys/${token}`, { body: { csat: 5, nps: 9, comment: '处理很及时' } });
    expect(answer.status).toBe(201);
    const again = await stack.request('POST', `/surveys/${token}`, { body: { csat: 1, nps: 0 } });
    expect(again.status).toBe(409);
    const bad = await stack.request('POST', `/surveys/${token}`, { body: { csat: 6, nps: 9 } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ errors: [{ field: 'csat' }] });

    const staffCase = await stack.staffCase(filed.id);
    expect(staffCase.survey).toMatchObject({ csat: 5, nps: 9, comment: '处理很及时' });
    expect(staffCase.timeline.filter((e) => e.type === 'survey_sent')).toHaveLength(1);
  });
});
