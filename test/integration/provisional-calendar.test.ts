import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aFilingBody } from '../support/builders.ts';
import { LocalStack } from '../support/local-stack.ts';

interface Filed {
  id: string;
  caseNumber: string;
  resolutionDueAt: string;
  deadlinesProvisional: boolean;
}

describe('A deadline in a year the calendar lacks, on the local engines', () => {
  let stack: LocalStack;
  let filed: Filed;

  beforeAll(async () => {
    // Mon 2026-12-28 10:00 Shanghai: seven working days later is in 2027, which the statutory data lacks.
    stack = await LocalStack.start('2026-12-28T02:00:00.000Z');
  });
  afterAll(async () => stack.stop());

  it('accepts the complaint, marks its deadline provisional and alerts operations', async () => {
    const answer = await stack.request<Filed>('POST', '/complaints', { body: aFilingBody() });
    expect(answer.status).toBe(201);
    filed = answer.body;
    // Counted Monday to Friday in 2027: 29, 30, 31, Fri 01-01, Mon 04, Tue 05, Wed 06.
    expect(filed).toMatchObject({ deadlinesProvisional: true, resolutionDueAt: '2027-01-06T15:59:59.999Z' });
    expect((await stack.staffCase(filed.id)).deadlinesProvisional).toEqual({ missingYears: [2027] });

    const alerts = await stack.operationsAlerts();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.attributes).toEqual({ kind: 'provisional_deadline', missingYears: '2027' });
    expect(alerts[0]!.message).toContain('【节假日数据缺失】');
  });

  it('refuses a calendar file that is not valid, naming the problem', async () => {
    const bad = await stack.request('PUT', '/staff/calendar', {
      token: stack.supervisorToken,
      body: { fileName: 'broken.json', content: '{"entries":[{"date":"2027-02-30","kind":"holiday","name":"x"}]}' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ errors: [{ field: 'content' }] });
    expect((await stack.request('PUT', '/staff/calendar', { token: stack.agentToken, body: { fileName: 'a.json', content: '{}' } })).status).toBe(403);
  });

  it('recomputes the provisional deadline when the 2027 calendar is loaded, and the workflow follows', async () => {
    const content = await readFile(new URL('../fixtures/calendar-2027.json', import.meta.url), 'utf8');
    const loaded = await stack.request('PUT', '/staff/calendar', {
      token: stack.supervisorToken,
      body: { fileName: 'calendar-2027.json', content },
    });
    expect(loaded.status).toBe(200);
    expect(loaded.body).toMatchObject({ coveredYears: [2027], recomputed: 1, stillProvisional: 0 });

    const staffCase = await stack.staffCase(filed.id);
    // 29, 30, 31, then 01-01..03 off (New Year), Mon 04, Tue 05, Wed 06, Thu 07.
    expect(staffCase.resolutionDueAt).toBe('2027-01-07T15:59:59.999Z');
    expect(staffCase.deadlinesProvisional).toBeUndefined();
    expect(staffCase.timeline.find((e) => e.type === 'deadline_changed')?.details).toEqual({
      deadline: 'resolution',
      from: '2027-01-06T15:59:59.999Z',
      to: '2027-01-07T15:59:59.999Z',
      why: 'calendar_loaded',
    });

    const later = await stack.request<Filed>('POST', '/complaints', { body: aFilingBody({ subject: '又一件' }) });
    expect(later.body).toMatchObject({ deadlinesProvisional: false, resolutionDueAt: '2027-01-07T15:59:59.999Z' });

    // The execution plans on the new deadline: level 2 comes at the end of 01-07, not of 01-06.
    await stack.request('POST', `/staff/complaints/${filed.id}/responses`, { token: stack.agentToken, body: { message: '处理中' } });
    await stack.advanceTo('2027-01-06T16:00:01.000Z');
    expect((await stack.escalations(filed.caseNumber)).filter((m) => m.attributes.level === '2')).toEqual([]);
    await stack.advanceTo('2027-01-07T16:00:01.000Z');
    expect((await stack.escalations(filed.caseNumber)).filter((m) => m.attributes.level === '2')).toHaveLength(1);
  });
});
