import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueStaffToken } from '#local/staff-tokens.ts';
import { aFilingBody } from '../support/builders.ts';
import { LocalStack } from '../support/local-stack.ts';

interface Filed {
  id: string;
  caseNumber: string;
  accessToken: string;
  responseDueAt: string;
  resolutionDueAt: string;
}

describe('Pausing the clock across the Spring Festival, and policies, on the local engines', () => {
  let stack: LocalStack;
  let paused: Filed;
  let forgotten: Filed;

  beforeAll(async () => {
    // Mon 2026-02-09 10:00 Shanghai; 02-15..02-23 is the Spring Festival, Sat 02-14 and Sat 02-28 are worked.
    stack = await LocalStack.start('2026-02-09T02:00:00.000Z');
  });
  afterAll(async () => stack.stop());

  it('files with the default policy stored on the complaint', async () => {
    paused = (await stack.request<Filed>('POST', '/complaints', { body: aFilingBody() })).body;
    forgotten = (await stack.request<Filed>('POST', '/complaints', {
      body: aFilingBody({ customer: { id: 'c-9', name: 'Zhou', email: 'zhou@example.com', locale: 'en' } }),
    })).body;
    // 10, 11, 12, 13, Sat 14 (make-up), then 24 and 25 after the holiday: end of Wed 02-25.
    expect(paused.resolutionDueAt).toBe('2026-02-25T15:59:59.999Z');
    const staffCase = await stack.staffCase(paused.id);
    expect(staffCase.policy).toMatchObject({ version: 'default-2025', applied: ['defaults'], targets: { firstResponseHours: 48, resolutionWorkingDays: 7 } });
  });

  it('an information request answers the customer by email and stops the resolution clock', async () => {
    await stack.advanceTo('2026-02-12T02:00:00.000Z');
    for (const filed of [paused, forgotten]) {
      const asked = await stack.request('POST', `/staff/complaints/${filed.id}/info-requests`, {
        token: stack.agentToken,
        body: { question: '请提供订单截图和物流单号。' },
      });
      expect(asked.status).toBe(201);
    }
    // 5 working days of working time from Thu 10:00: Thu, Fri, Sat 14, Tue 24, Wed 25, then Thu 26 10:00.
    expect((await stack.staffCase(paused.id)).pause).toMatchObject({ expiresAt: '2026-02-26T02:00:00.000Z' });
    const mail = await stack.emailsTo('li@example.com');
    expect(mail.map((m) => m.subject)).toContain(`【需要您补充信息】案件编号 ${paused.caseNumber}`);
    const again = await stack.request('POST', `/staff/complaints/${paused.id}/info-requests`, {
      token: stack.agentToken,
      body: { question: '再问一次' },
    });
    expect(again.status).toBe(409);
  });

  it('no breach while paused: the original deadline passes without a level 2', async () => {
    await stack.advanceTo('2026-02-26T01:00:00.000Z');
    // Level 1 fell due 48 h after receipt (and repeated once, unacknowledged, until the request answered the
    // customer on 02-12); level 2 never comes while paused, though the original deadline passed.
    const levels = (await stack.escalations(paused.caseNumber)).map((m) => m.attributes.level);
    expect(levels).toEqual(['1', '1']);
  });

  it('the reply resumes the clock and moves the deadline by exactly the working time paused', async () => {
    const reply = await stack.request<{ resolutionDueAt: string }>('POST', `/complaints/${paused.id}/replies`, {
      token: paused.accessToken,
      body: { message: '截图已上传，物流单号 SF123。' },
    });
    expect(reply.status).toBe(201);
    // Paused Thu 02-12 10:00 to Thu 02-26 09:00: 14+24+24 (Sat 14) +24+24+9 = 119 working hours,
    // added to the end of Wed 02-25: Thu, Fri, Sat 28, Mon, then 23 h into Tue 03-03.
    expect(reply.body.resolutionDueAt).toBe('2026-03-03T14:59:59.999Z');
    const timeline = (await stack.staffCase(paused.id)).timeline;
    expect(timeline.find((e) => e.type === 'resumed')?.details).toMatchObject({ pausedWorkingMs: 119 * 3_600_000, why: 'customer_replied' });
    expect(timeline.find((e) => e.type === 'deadline_changed')?.details).toMatchObject({
      from: '2026-02-25T15:59:59.999Z',
      to: '2026-03-03T14:59:59.999Z',
    });
    const customerView = await stack.request<{ timeline: { type: string }[] }>('GET', `/complaints/${paused.id}`, { token: paused.accessToken });
    expect(customerView.body.timeline.map((e) => e.type)).toEqual(
      expect.arrayContaining(['info_requested', 'replied', 'resumed', 'deadline_changed']),
    );
  });

  it('an unanswered request ends after 5 working days and notifies the owner', async () => {
    await stack.advanceTo('2026-02-26T02:00:01.000Z');
    const notices = (await stack.staffAlerts()).filter((m) => m.attributes.kind === 'notice');
    expect(notices).toHaveLength(1);
    expect(notices[0]!.attributes).toMatchObject({ notice: 'info_request_expired', owner: 'agent-1' });
    const staffCase = await stack.staffCase(forgotten.id);
    expect(staffCase.pause).toBeUndefined();
    // 120 working hours paused (Thu 10:00 to Thu 10:00): end of Wed 02-25 + 120 h = 10:00 on Tue 03-03... less 14 h: see the timeline.
    expect(staffCase.timeline.find((e) => e.type === 'resumed')?.details).toMatchObject({ why: 'request_expired', pausedWorkingMs: 120 * 3_600_000 });
  });

  it('the resolution warning after the pause is pushed by the paused working time', async () => {
    // The window is 182 working hours (Mon 10:00 to the end of Wed 02-25); 75 % = 136.5 h, plus 119 h paused,
    // from Mon 02-09 10:00: 14 + 5 days + 2 days + Thu, Fri, Sat 28, then 1.5 h into Mon 03-02 (01:30 Shanghai).
    await stack.advanceTo('2026-03-01T17:29:59.000Z');
    expect((await stack.warnings(paused.caseNumber)).filter((w) => w.attributes.window === 'resolution')).toEqual([]);
    await stack.advanceTo('2026-03-01T17:30:01.000Z');
    expect((await stack.warnings(paused.caseNumber)).filter((w) => w.attributes.window === 'resolution')).toHaveLength(1);
  });

  it('shows the policy in force, and a VIP set by a supervisor gets 24 h / 3 working days from then on', async () => {
    const policies = await stack.request<{ timeZone: string; policy: { tier: { vip: unknown } } }>('GET', '/staff/policies', { token: stack.agentToken });
    expect(policies.status).toBe(200);
    expect(policies.body).toMatchObject({ timeZone: 'Asia/Shanghai', policy: { tier: { vip: { firstResponseHours: 24, resolutionWorkingDays: 3 } } } });
    // The review targets in force, the built-in ones included, for the reports page to draw.
    expect((policies.body.policy as { reviewTargets?: unknown }).reviewTargets).toEqual({
      resolvedRate: 0.95,
      firstResponseMetRate: 0.95,
      resolutionMetRate: 0.95,
      meanWorkingDays: 2,
      escalatedRate: 0.05,
      reopenedRate: 0.05,
      repeatRate: 0.05,
      firstContactResolutionRate: 0.9,
      surveyResponseRate: 0.3,
      satisfiedRate: 0.95,
      nps: 30,
    });

    expect((await stack.request('PUT', '/staff/customers/c-vip', { token: stack.agentToken, body: { tier: 'vip' } })).status).toBe(403);
    const set = await stack.request('PUT', '/staff/customers/c-vip', { token: stack.supervisorToken, body: { tier: 'vip' } });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ customerId: 'c-vip', previous: 'standard', tier: 'vip' });

    // Mon 2026-03-02 10:00 Shanghai.
    await stack.advanceTo('2026-03-02T02:00:00.000Z');
    const vip = await stack.request<Filed>('POST', '/complaints', {
      body: aFilingBody({ customer: { id: 'c-vip', name: 'Qian', email: 'qian@example.com', locale: 'zh-CN' } }),
    });
    expect(vip.body.responseDueAt).toBe('2026-03-03T02:00:00.000Z');
    expect(vip.body.resolutionDueAt).toBe('2026-03-05T15:59:59.999Z');
    expect((await stack.staffCase(vip.body.id)).policy).toMatchObject({ applied: ['defaults', 'tier:vip'] });
  });

  it('a supervisor escalates by hand and reassigns; both are on the timeline', async () => {
    const manual = await stack.request('POST', `/staff/complaints/${forgotten.id}/escalations`, {
      token: stack.supervisorToken,
      body: { level: 2, note: '客户已向媒体投诉，请经理跟进' },
    });
    expect(manual.status).toBe(202);
    const published = (await stack.escalations(forgotten.caseNumber)).filter((m) => m.attributes.reason === 'manual');
    expect(published).toHaveLength(1);
    expect(published[0]!.attributes.level).toBe('2');
    expect(published[0]!.message).toContain('客户已向媒体投诉，请经理跟进');

    const bob = await issueStaffToken('agent', 'bob');
    const moved = await stack.request('POST', `/staff/complaints/${forgotten.id}/assignment`, {
      token: stack.supervisorToken,
      body: { agentId: 'bob', reason: '原负责人休假' },
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ owner: { agentId: 'bob' } });
    const timeline = (await stack.staffCase(forgotten.id)).timeline;
    expect(timeline.find((e) => e.type === 'reassigned')?.details).toEqual({ from: 'agent-1', to: 'bob', reason: '原负责人休假' });
    const byBob = await stack.request('POST', `/staff/complaints/${forgotten.id}/resolution`, {
      token: bob,
      body: { rootCause: '物流丢件', resolution: '重新发货' },
    });
    expect(byBob.status).toBe(200);
  });

  it('a supervisor re-grades a complaint to L3: 24 h / 5 working days from receipt, and supervisors are told at once', async () => {
    const routine = (await stack.request<Filed>('POST', '/complaints', {
      body: aFilingBody({ customer: { id: 'c-l3', name: 'Wu', email: 'wu@example.com', locale: 'zh-CN' }, subject: '充电器接触不良', description: '充电器插上以后时好时坏，麻烦处理一下。' }),
    })).body;
    expect(routine.resolutionDueAt).toBe('2026-03-11T15:59:59.999Z');
    const refused = await stack.request('POST', `/staff/complaints/${routine.id}/severity`, { token: stack.supervisorToken, body: { severity: 'L4', reason: 'x' } });
    expect(refused.status).toBe(400);
    const regraded = await stack.request('POST', `/staff/complaints/${routine.id}/severity`, {
      token: stack.supervisorToken,
      body: { severity: 'L3', reason: '客户电话补充：充电器曾冒烟，有安全隐患' },
    });
    expect(regraded.status).toBe(200);
    // Received Mon 03-02 10:00 Shanghai: 5 working days are 3, 4, 5, 6 and Mon 9.
    expect(regraded.body).toMatchObject({
      severity: 'L3',
      responseDueAt: '2026-03-03T02:00:00.000Z',
      resolutionDueAt: '2026-03-09T15:59:59.999Z',
      policy: { applied: ['defaults', 'severity:L3'] },
    });
    const told = (await stack.escalations(routine.caseNumber)).filter((m) => m.attributes.reason === 'major_complaint');
    expect(told).toHaveLength(1);
    expect(told[0]!.attributes).toMatchObject({ level: '1', severity: 'L3' });
    const timeline = (await stack.staffCase(routine.id)).timeline;
    expect(timeline.filter((e) => e.type === 'deadline_changed').map((e) => e.details.deadline)).toEqual(['response', 'resolution']);
  });
});
