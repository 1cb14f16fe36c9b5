import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aFilingBody } from '../support/builders.ts';
import { LocalStack } from '../support/local-stack.ts';

interface Filed {
  id: string;
  caseNumber: string;
  accessToken: string;
}

describe('Escalation on the local engines', () => {
  let stack: LocalStack;

  beforeAll(async () => {
    // Tue 2025-09-30 10:00 Shanghai, the eve of National Day (10-01..10-08 off, 09-28 and 10-11 worked).
    stack = await LocalStack.start('2025-09-30T02:00:00.000Z');
  });
  afterAll(async () => stack.stop());

  let silent: Filed;
  let answered: Filed;

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

  it('publishes nothing a second before the 48-hour response deadline', async () => {
    await stack.advanceTo('2025-10-02T01:59:59.000Z');
    expect(await stack.escalations()).toEqual([]);
  });

  it('escalates the unanswered complaint to level 1 exactly once at 48 hours, with its SNS attributes', async () => {
    await stack.advanceTo('2025-10-02T02:00:00.000Z');
    await stack.advanceBy(30);
    const published = await stack.escalations();
    expect(published).toHaveLength(1);
    expect(published[0]!.attributes).toEqual({ level: '1', category: 'billing_dispute', tier: 'standard', reason: 'response_overdue' });
    expect(published[0]!.subject).toBe('Escalation L1: case CL-20250930-0001 (response_overdue)');
    expect(published[0]!.message).toContain('【1 级升级 → 主管】');
    expect(published[0]!.at.toISOString() >= '2025-10-02T02:00:00.000Z').toBe(true);

    const staffCase = await stack.staffCase(silent.id);
    expect(staffCase).toMatchObject({ escalationLevel: 1, phase: 'AWAITING_RESPONSE' });
    expect(staffCase.timeline.filter((e) => e.type === 'escalated')).toHaveLength(1);
  });

  it('escalates both to level 2 at the end of the 7th working day across National Day, not before', async () => {
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
    expect((await stack.staffCase(answered.id)).escalationLevel).toBe(2);
  });

  it('keeps waiting after level 2 without publishing again, and the late resolution still completes the wait', async () => {
    await stack.advanceBy(24 * 5);
    expect(await stack.escalations()).toHaveLength(3);

    const resolved = await stack.request('POST', `/staff/complaints/${answered.id}/resolution`, {
      token: stack.agentToken,
      body: { rootCause: '账单系统重复扣款', resolution: '已退款' },
    });
    expect(resolved.status).toBe(200);
    expect((await stack.staffCase(answered.id)).wait).toMatchObject({ kind: 'confirmation' });
  });
});
