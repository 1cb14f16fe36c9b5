import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aFilingBody } from '../support/builders.ts';
import { LocalStack } from '../support/local-stack.ts';

interface Filed {
  id: string;
  caseNumber: string;
  accessToken: string;
}

interface Clock {
  deadline: string;
  dueAt: string;
  basis: string;
  remainingMs: number;
  running: boolean;
  paused: boolean;
  provisional: boolean;
  changesAt: string | null;
}

interface Clocks {
  asOf: string;
  next: Clock | null;
  response: Clock | null;
  resolution: Clock | null;
}

interface DeskCalendar {
  timeZone: string;
  coveredYears: number[];
  nextYearMissing: boolean;
  provisionalFrom: string | null;
  provisionalComplaints: number;
  years: { year: number; source: string; holidays: { date: string }[]; makeUpWorkingDays: { date: string }[] }[];
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** What the desk console reads: clocks on the queue and the case, the calendar, the escalations, the customer's page. */
describe('The desk console API on the local engines', () => {
  let stack: LocalStack;
  let national: Filed;
  let lateToken: string;

  beforeAll(async () => {
    // Tue 2026-09-29 10:00 Shanghai, two days before National Day.
    stack = await LocalStack.start('2026-09-29T02:00:00.000Z');
  });
  afterAll(async () => stack.stop());

  const file = async (customerId: string): Promise<Filed> => {
    const answer = await stack.request<Filed>('POST', '/complaints', {
      body: aFilingBody({ customer: { id: customerId, name: '李女士', email: `${customerId}@example.com`, locale: 'zh-CN' } }),
    });
    expect(answer.status).toBe(201);
    return answer.body;
  };

  const calendar = async () => {
    const answer = await stack.request<DeskCalendar>('GET', '/staff/calendar', { token: stack.agentToken });
    expect(answer.status).toBe(200);
    return answer.body;
  };

  it('shows the same clocks on the queue and on the case, standing still over National Day', async () => {
    national = await file('c-national');
    await stack.advanceTo('2026-10-02T04:00:00.000Z');

    const staffCase = (await stack.staffCase(national.id)) as unknown as { clocks: Clocks };
    const queue = await stack.request<{ items: { id: string; nextDueAt: string; clocks: Clocks }[] }>('GET', '/staff/queue', {
      token: stack.supervisorToken,
    });
    const item = queue.body.items.find((i) => i.id === national.id)!;

    expect(staffCase.clocks).toEqual({
      asOf: '2026-10-02T04:00:00.000Z',
      next: staffCase.clocks.response,
      response: {
        deadline: 'response',
        dueAt: '2026-10-01T02:00:00.000Z',
        basis: 'calendar',
        remainingMs: -26 * HOUR,
        running: true,
        paused: false,
        provisional: false,
        changesAt: null,
      },
      resolution: {
        deadline: 'resolution',
        dueAt: '2026-10-14T15:59:59.999Z',
        basis: 'working',
        // 10-08, 10-09, make-up Sat 10-10, 10-12, 10-13, 10-14.
        remainingMs: 6 * DAY - 1,
        running: false,
        paused: false,
        provisional: false,
        changesAt: '2026-10-07T16:00:00.000Z',
      },
    });
    expect(item.clocks).toEqual(staffCase.clocks);
    expect(item.clocks.next?.dueAt).toBe(item.nextDueAt);
  });

  it('lists the unacknowledged escalations to supervisors, highest level first then oldest, in pages, until acknowledged', async () => {
    type Item = { complaintId: string; caseNumber: string; level: number; at: string; window: string; reason: string; owner: string | null };
    const list = async (query: string) => {
      const answer = await stack.request<{ items: Item[]; cursor?: string }>('GET', `/staff/escalations${query}`, { token: stack.supervisorToken });
      expect(answer.status).toBe(200);
      return answer.body;
    };
    const byHand = await file('c-by-hand');
    const escalated = await stack.request('POST', `/staff/complaints/${byHand.id}/escalations`, {
      token: stack.supervisorToken,
      body: { level: 2, note: '客户情绪激动' },
    });
    expect(escalated.status).toBe(202);
    await stack.advanceBy(0.1);

    const all = await list('?limit=100');
    // The supervisor's level 2 first; then the National Day case's missed response (Thu 10-01 10:00) and any repeat of it.
    expect(all.items[0]).toMatchObject({ complaintId: byHand.id, caseNumber: byHand.caseNumber, level: 2, reason: 'manual', owner: null });
    expect(all.items.slice(1).every((i) => i.complaintId === national.id && i.level === 1 && i.reason === 'response_overdue')).toBe(true);
    expect(all.items[1]).toMatchObject({ window: 'response', at: '2026-10-01T02:00:00.000Z' });
    expect(all.items.slice(1).map((i) => i.at)).toEqual(all.items.slice(1).map((i) => i.at).sort());

    const first = await list('?limit=1');
    expect(first.items).toEqual(all.items.slice(0, 1));
    const second = await list(`?limit=1&cursor=${encodeURIComponent(first.cursor!)}`);
    expect(second.items).toEqual(all.items.slice(1, 2));
    expect((await list('?level=1&limit=100')).items).toEqual(all.items.slice(1));
    expect((await list('?level=3')).items).toEqual([]);

    const ack = await stack.request('POST', `/staff/complaints/${national.id}/escalations/ack`, { token: stack.supervisorToken, body: {} });
    expect(ack.status).toBe(200);
    expect((await list('?limit=100')).items).toEqual(all.items.slice(0, 1));

    expect((await stack.request('GET', '/staff/escalations', { token: stack.agentToken })).status).toBe(403);
    const bad = await stack.request<{ errors: { field: string }[]; detail: string }>('GET', '/staff/escalations?level=4', {
      token: stack.supervisorToken,
      headers: { 'accept-language': 'zh-CN' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]!.field).toBe('level');
    const badCursor = await stack.request<{ detail: string }>('GET', '/staff/escalations?cursor=bm90LWEtY3Vyc29y', {
      token: stack.supervisorToken,
      headers: { 'accept-language': 'zh-CN' },
    });
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.detail).toBe('分页游标无效：不是本 API 返回的游标');

    // Both cases resolved, so no more escalations run while the clock moves on to December.
    for (const c of [national, byHand]) {
      expect((await stack.request('POST', `/staff/complaints/${c.id}/claim`, { token: stack.agentToken })).status).toBe(200);
      const resolved = await stack.request('POST', `/staff/complaints/${c.id}/resolution`, {
        token: stack.agentToken,
        body: { rootCause: '承运商延误', resolution: '补偿 50 元优惠券' },
      });
      expect(resolved.status).toBe(200);
    }
    expect((await list('')).items.map((i) => i.complaintId)).toEqual([byHand.id]);
  });

  it('shows the customer the survey with the link the email carried, answered or not', async () => {
    // Auto-confirmed after three working days (10-08, 10-09, 10-10), surveyed a day later.
    await stack.advanceTo('2026-10-20T02:00:00.000Z');
    const closed = await stack.request<{ phase: string; survey?: { token: string; sentAt: string; expiresAt: string; answered: boolean } }>('GET', `/complaints/${national.id}`, {
      token: national.accessToken,
    });
    expect(closed.body.phase).toBe('CLOSED');
    const staffView = await stack.staffCase(national.id);
    expect(closed.body.survey).toEqual({
      token: expect.any(String),
      sentAt: staffView.surveySentAt,
      // The link's 30 days.
      expiresAt: new Date(Math.floor((Date.parse(staffView.surveySentAt as string) + 30 * DAY) / 1000) * 1000).toISOString(),
      answered: false,
    });
    const emailed = (await stack.emailsTo('c-national@example.com')).find((m) => m.subject.includes('满意度'));
    expect(emailed?.text).toContain(`/surveys/${closed.body.survey!.token}`);
    const answer = await stack.request('POST', `/surveys/${closed.body.survey!.token}`, { body: { csat: 5, nps: 9 } });
    expect(answer.status).toBe(201);
    const answered = await stack.request<{ survey?: { answered: boolean } }>('GET', `/complaints/${national.id}`, { token: national.accessToken });
    expect(answered.body.survey?.answered).toBe(true);
    expect(staffView).not.toHaveProperty('surveyLink');
  });

  it('tells agents in October that 2027 is missing, and counts the complaints whose deadlines are provisional', async () => {
    const october = await calendar();

    expect(october).toMatchObject({
      timeZone: 'Asia/Shanghai',
      nextYearMissing: true,
      provisionalFrom: '2026-12-31',
      provisionalComplaints: 0,
    });
    expect(october.coveredYears.at(-1)).toBe(2026);
    expect(october.years.at(-1)).toMatchObject({ year: 2026, source: 'statutory' });
    expect(october.years.at(-1)!.makeUpWorkingDays.map((d) => d.date)).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
  });

  it('counts a deadline that runs into 2027 in calendar time, flagged, until the year is loaded', async () => {
    await stack.advanceTo('2026-12-24T02:00:00.000Z');
    const late = await file('c-late');
    lateToken = late.accessToken;
    await stack.advanceBy(0.5);

    const before = (await stack.staffCase(late.id)) as unknown as { clocks: Clocks };
    expect(before.clocks.resolution).toEqual({
      deadline: 'resolution',
      // 2027 counted Monday to Friday at filing: due Mon 2027-01-04.
      dueAt: '2027-01-04T15:59:59.999Z',
      basis: 'calendar',
      remainingMs: Date.parse('2027-01-04T15:59:59.999Z') - Date.parse('2026-12-24T02:30:00.000Z'),
      running: true,
      paused: false,
      provisional: true,
      changesAt: null,
    });
    expect((await calendar()).provisionalComplaints).toBe(1);

    const content = await readFile(new URL('../fixtures/calendar-2027.json', import.meta.url), 'utf8');
    const loaded = await stack.request('PUT', '/staff/calendar', { token: stack.supervisorToken, body: { fileName: 'cn-2027.json', content } });
    expect(loaded.status).toBe(200);

    const after = await calendar();
    expect(after).toMatchObject({ nextYearMissing: false, provisionalFrom: '2027-12-31', provisionalComplaints: 0 });
    expect(after.years.at(-1)).toMatchObject({ year: 2027, source: 'loaded' });
    const recomputed = (await stack.staffCase(late.id)) as unknown as { clocks: Clocks };
    expect(recomputed.clocks.resolution).toMatchObject({ basis: 'working', provisional: false });
  }, 180_000);

  it('shows the customer the question waiting on their reply until they answer', async () => {
    const late = (await stack.request<{ items: { id: string; caseNumber: string }[] }>('GET', '/staff/queue?scope=unassigned', { token: stack.agentToken })).body
      .items[0]!;
    expect((await stack.request('POST', `/staff/complaints/${late.id}/claim`, { token: stack.agentToken })).status).toBe(200);
    const asked = await stack.request('POST', `/staff/complaints/${late.id}/info-requests`, {
      token: stack.agentToken,
      body: { question: '请提供外包装照片。' },
    });
    expect(asked.status).toBe(201);
    const pause = (await stack.staffCase(late.id)).pause as { since: string; expiresAt: string };
    const lateCase = await stack.request<{ pendingInformationRequest?: unknown; survey?: unknown }>('GET', `/complaints/${late.id}`, {
      token: lateToken,
    });
    expect(lateCase.body.pendingInformationRequest).toEqual({ question: '请提供外包装照片。', askedAt: pause.since, dueAt: pause.expiresAt });
    expect(lateCase.body.survey).toBeUndefined();
    expect(pause.since).toBe(new Date(stack.clock.now()).toISOString());

    const replied = await stack.request('POST', `/complaints/${late.id}/replies`, { token: lateToken, body: { message: '照片已上传。' } });
    expect(replied.status).toBe(201);
    const after = await stack.request<Record<string, unknown>>('GET', `/complaints/${late.id}`, { token: lateToken });
    expect(after.body).not.toHaveProperty('pendingInformationRequest');
  });

  it('refuses the calendar to a customer and an unknown query parameter in the caller language', async () => {
    expect((await stack.request('GET', '/staff/calendar', { token: national.accessToken })).status).toBe(401);
    const zh = await stack.request<{ status: number; detail: string }>('GET', '/staff/calendar?year=2027', {
      token: stack.agentToken,
      headers: { 'accept-language': 'zh-CN' },
    });
    expect(zh.status).toBe(400);
    expect(zh.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
