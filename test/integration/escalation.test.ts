import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aFilingBody } from '../support/builders.ts';
import { LocalStack } from '../support/local-stack.ts';

interface Filed {
  id: string;
  caseNumber: string;
  accessToken: string;
}

describe('Warnings and the three escalation levels on the local engines', () => {
  let stack: LocalStack;
  let silent: Filed;
  let answered: Filed;

  beforeAll(async () => {
    // Tue 2025-09-30 10:00 Shanghai, the eve of National Day (10-01..10-08 off, 09-28 and 10-11 worked).
    stack = await LocalStack.start('2025-09-30T02:00:00.000Z');
  });
  afterAll(async () => stack.stop());

  it('files two complaints: one nobody answers, one answered within the hour', async () => {
    const body = aFilingBody({ customer: { id: 'c-2001', name: 'Ann Lee', email: 'ann@example.com', locale: 'en' }, category: 'billing_dispute' });
    silent = (await stack.request<Filed>('POST', '/complaints', { body })).body;
    answered = (await stack.request<Filed>('POST', '/complaints', { body: aFilingBody() })).body;
    expect(silent.caseNumber).toBe('CL-20250930-0001');
    expect(answered.caseNumber).toBe('CL-20250930-0002');
    const ack = await stack.emailsTo('ann@example.com');
    expect(ack.map((m) => m.subject)).toEqual(['We received your complaint: case CL-20250930-0001']);

    await stack.advanceBy(1);
    const response = await stack.request('POST', `/staff/complaints/${answered.id}/responses`, {
      token: stack.agentToken,
      body: { message: '已收到，正在处理。' },
    });
    expect(response.status).toBe(201);
  });

  it('warns once when 75 % of the 48-hour response window has passed, only for the unanswered one', async () => {
    await stack.advanceTo('2025-10-01T13:59:59.000Z');
    expect(await stack.warnings()).toEqual([]);
    await stack.advanceTo('2025-10-01T14:00:00.000Z');
    await stack.advanceBy(1);
    const warnings = await stack.warnings();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.attributes).toMatchObject({ kind: 'warning', window: 'response', level: '0', severity: 'L1' });
    expect(warnings[0]!.subject).toBe('Warning: case CL-20250930-0001 response window 75% used');
    expect(warnings[0]!.message).toContain('【时限预警】');
  });

  it('escalates the unanswered complaint to level 1 exactly once at 48 hours, with its SNS attributes', async () => {
    await stack.advanceTo('2025-10-02T01:59:59.000Z');
    expect(await stack.escalations()).toEqual([]);
    await stack.advanceTo('2025-10-02T02:00:00.000Z');
    await stack.advanceBy(23);
    const published = await stack.escalations();
    expect(published).toHaveLength(1);
    expect(published[0]!.attributes).toEqual({
      kind: 'escalation',
      level: '1',
      category: 'billing_dispute',
      severity: 'L1',
      tier: 'standard',
      reason: 'response_overdue',
    });
    expect(published[0]!.subject).toBe('Escalation L1: case CL-20250930-0001 (response_overdue)');
    expect(published[0]!.message).toContain('【1 级升级 → 主管】');
    const staffCase = await stack.staffCase(silent.id);
    expect(staffCase).toMatchObject({ escalationLevel: 1, phase: 'AWAITING_RESPONSE' });
  });

  it('repeats an unacknowledged escalation daily, and the acknowledgement stops the repeats', async () => {
    await stack.advanceTo('2025-10-03T02:00:01.000Z');
    const repeated = await stack.escalations(silent.caseNumber);
    expect(repeated.map((m) => m.subject)).toEqual([
      'Escalation L1: case CL-20250930-0001 (response_overdue)',
      'Escalation L1: case CL-20250930-0001 (response_overdue) reminder 2',
    ]);

    const ack = await stack.request('POST', `/staff/complaints/${silent.id}/escalations/ack`, {
      token: stack.supervisorToken,
      body: { level: 1 },
    });
    expect(ack.status).toBe(200);
    await stack.advanceBy(72);
    expect(await stack.escalations(silent.caseNumber)).toHaveLength(2);
    const timeline = (await stack.staffCase(silent.id)).timeline;
    expect(timeline.filter((e) => e.type === 'escalation_acknowledged')).toHaveLength(1);
  });

  it('warns at 75 % of the resolution window in working time, across National Day', async () => {
    // 182 working hours from Tue 09-30 10:00 to the end of Thu 10-16; 75 % is reached Wed 10-15 02:30 Shanghai.
    await stack.advanceTo('2025-10-14T18:29:59.000Z');
    expect((await stack.warnings()).filter((w) => w.attributes.window === 'resolution')).toEqual([]);
    await stack.advanceTo('2025-10-14T18:30:01.000Z');
    const resolutionWarnings = (await stack.warnings()).filter((w) => w.attributes.window === 'resolution');
    expect(resolutionWarnings.map((w) => w.subject).sort()).toEqual([
      'Warning: case CL-20250930-0001 resolution window 75% used',
      'Warning: case CL-20250930-0002 resolution window 75% used',
    ]);
  });

  it('escalates both to level 2 at the end of the 7th working day, not before', async () => {
    // 10-09 (1), 10-10 (2), Sat 10-11 make-up (3), 10-13..10-16 (4..7): due end of Thu 2025-10-16.
    await stack.advanceTo('2025-10-16T15:59:58.000Z');
    expect((await stack.escalations()).filter((m) => m.attributes.level === '2')).toEqual([]);
    await stack.advanceTo('2025-10-16T16:00:01.000Z');
    const levelTwo = (await stack.escalations()).filter((m) => m.attributes.level === '2');
    expect(levelTwo.map((m) => m.subject).sort()).toEqual([
      'Escalation L2: case CL-20250930-0001 (resolution_overdue)',
      'Escalation L2: case CL-20250930-0002 (resolution_overdue)',
    ]);
    expect(levelTwo.every((m) => m.attributes.reason === 'resolution_overdue')).toBe(true);
  });

  it('escalates to level 3 two working days after level 2 (Fri and Mon), still unresolved', async () => {
    const ackAnswered = await stack.request('POST', `/staff/complaints/${answered.id}/escalations/ack`, {
      token: stack.supervisorToken,
      body: {},
    });
    expect(ackAnswered.status).toBe(200);
    await stack.advanceTo('2025-10-20T15:59:59.000Z');
    expect((await stack.escalations()).filter((m) => m.attributes.level === '3')).toEqual([]);
    await stack.advanceTo('2025-10-20T16:00:02.000Z');
    const levelThree = (await stack.escalations()).filter((m) => m.attributes.level === '3');
    expect(levelThree.map((m) => m.subject).sort()).toEqual([
      'Escalation L3: case CL-20250930-0001 (still_unresolved)',
      'Escalation L3: case CL-20250930-0002 (still_unresolved)',
    ]);
    expect(levelThree[0]!.message).toContain('总监');
    // The acknowledged level 2 of the answered case was not repeated.
    const answeredLevelTwo = (await stack.escalations(answered.caseNumber)).filter((m) => m.attributes.level === '2');
    expect(answeredLevelTwo).toHaveLength(1);
    const silentLevels = (await stack.escalations(silent.caseNumber)).map((m) => m.attributes.level);
    expect(silentLevels.indexOf('1')).toBeLessThan(silentLevels.indexOf('2'));
    expect(silentLevels.indexOf('2')).toBeLessThan(silentLevels.indexOf('3'));
  });

  it('the late resolution still completes the wait and stops every repeat', async () => {
    const resolved = await stack.request('POST', `/staff/complaints/${answered.id}/resolution`, {
      token: stack.agentToken,
      body: { rootCause: '账单系统重复扣款', resolution: '已退款' },
    });
    expect(resolved.status).toBe(200);
    expect((await stack.staffCase(answered.id)).wait).toMatchObject({ kind: 'confirmation' });
    const before = (await stack.escalations(answered.caseNumber)).length;
    await stack.advanceBy(48);
    expect(await stack.escalations(answered.caseNumber)).toHaveLength(before);
  });
});
