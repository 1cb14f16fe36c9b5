import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KpiReport } from '#contract/report-schemas.ts';
import type { ComplaintInput } from '#domain/complaint.ts';
import { issueStaffToken } from '#local/staff-tokens.ts';
import { deskCalendar } from '#adapters/desk-settings.ts';
import { monthSnapshot } from '#adapters/stores/report-cohorts.ts';
import { settleReportMonths } from '#use-cases/read-report-cohort.ts';
import { report as reportCli } from '../../bin/cli/report.ts';
import { aFilingBody } from '../support/builders.ts';
import { LocalStack } from '../support/local-stack.ts';

/*
 * A scripted cohort with known outcomes, driven through the real API and the
 * real workflow from Fri 2025-09-26 10:00 Shanghai, across National Day
 * (1–8 October off; Sun 28 September and Sat 11 October are make-up working
 * days), and every figure of the report asserted exactly.
 */
interface Filed {
  id: string;
  caseNumber: string;
  accessToken: string;
  email: string;
}

const T0 = '2025-09-26T02:00:00.000Z';
const reportAt = '2025-10-14T04:00:00.000Z';
const period = 'from=2025-09-26&to=2025-10-14';

describe('KPI report of a scripted cohort (DOMAIN.md, KPIs)', () => {
  let stack: LocalStack;
  let ann: string;
  let bob: string;
  let cy: string;
  const cohort: Record<string, Filed> = {};

  const file = async (name: string, overrides: Partial<ComplaintInput>, customerId = `kpi-${name}`) => {
    const email = `${customerId}@example.com`;
    const answer = await stack.request<Filed>('POST', '/complaints', {
      body: aFilingBody({
        customer: { id: customerId, name: `Customer ${name}`, email, locale: 'en' },
        subject: 'A parcel question',
        description: 'Please look into my order, thank you.',
        ...overrides,
      }),
    });
    expect(answer.status).toBe(201);
    cohort[name] = { ...answer.body, email };
    return cohort[name];
  };
  const ok = async (method: string, path: string, token: string | undefined, body?: unknown) => {
    const answer = await stack.request(method, path, { ...(token ? { token } : {}), ...(body !== undefined ? { body } : {}) });
    expect(answer.status, `${method} ${path}: ${JSON.stringify(answer.body)}`).toBeLessThan(300);
    return answer;
  };
  const respond = (c: Filed, token = ann) => ok('POST', `/staff/complaints/${c.id}/responses`, token, { message: 'We are on it.' });
  const resolve = (c: Filed, rootCause: string, token = ann) =>
    ok('POST', `/staff/complaints/${c.id}/resolution`, token, { rootCause, resolution: 'Refunded the difference.' });
  const decide = (c: Filed, body: unknown) => ok('POST', `/complaints/${c.id}/confirmation`, c.accessToken, body);
  const answerSurvey = async (c: Filed, csat: number, nps: number) => {
    const survey = (await stack.emailsTo(c.email)).find((m) => m.subject.startsWith('How did we do'));
    const token = /\/surveys\/([\w-]+\.[\w-]+)/.exec(survey?.text ?? '')?.[1];
    expect(token, `survey of ${c.caseNumber}`).toBeDefined();
    await ok('POST', `/surveys/${token}`, undefined, { csat, nps });
  };
  const report = async (query = '', token = stack.supervisorToken, locale = 'en') => {
    const answer = await stack.request<Record<string, unknown>>('GET', `/staff/reports/kpi?${period}${query}`, {
      token,
      headers: { 'accept-language': locale },
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return KpiReport.parse(answer.body);
  };

  beforeAll(async () => {
    stack = await LocalStack.start(T0);
    ann = await issueStaffToken('agent', 'ann', 30 * 24 * 3600, 'north');
    bob = await issueStaffToken('agent', 'bob', 30 * 24 * 3600, 'south');
    // An agent of no team.
    cy = await issueStaffToken('agent', 'cy', 30 * 24 * 3600);
    await ok('PUT', '/staff/customers/kpi-G', stack.supervisorToken, { tier: 'vip' });

    const A = await file('A', { category: 'product_quality' });
    const B = await file('B', { category: 'logistics', channel: 'phone' });
    const C = await file('C', { category: 'billing_dispute', channel: 'app' });
    const D = await file('D', { category: 'service_process' });
    const E = await file('E', { category: 'service_attitude' });
    // The same customer and category as A, within 30 days: a repeat.
    const F = await file('F', { category: 'product_quality' }, 'kpi-A');

    // One hour in: A answered and resolved, accepted at once; C, D, E, F answered; D paused; E rejected once.
    await stack.advanceTo('2025-09-26T03:00:00.000Z');
    await respond(A);
    await resolve(A, 'Wrong size shipped');
    await decide(A, { decision: 'accept' });
    for (const c of [C, D, E]) await respond(c);
    await respond(F, bob);
    await ok('POST', `/staff/complaints/${D.id}/info-requests`, ann, { question: 'Which size did you order?' });
    await resolve(E, 'Rude reply on the phone');
    await decide(E, { decision: 'reject', reason: 'Nobody apologised.' });

    // Two hours in: D's customer answers (one working hour paused), D and E resolved and accepted.
    await stack.advanceTo('2025-09-26T04:00:00.000Z');
    await ok('POST', `/complaints/${D.id}/replies`, D.accessToken, { message: 'Size M.' });
    await resolve(D, 'Wrong size shipped');
    await decide(D, { decision: 'accept' });
    await resolve(E, 'Rude reply on the phone');
    await decide(E, { decision: 'accept' });

    // B is first answered 50 hours in (Sun 28 Sep 12:00, a make-up working day): level 1 at 48 hours.
    await stack.advanceTo('2025-09-28T04:00:00.000Z');
    await respond(B, cy);
    await resolve(B, 'Courier lost the parcel', cy);
    await decide(B, { decision: 'accept' });
    // Surveys go out a day after closing.
    await stack.advanceTo('2025-09-30T04:00:00.000Z');
    await answerSurvey(A, 5, 10);
    await answerSurvey(B, 3, 6);

    // A supervisor escalates F to level 3 by hand; C's and F's resolution deadline (Mon 13 Oct, end of day) passes: level 2.
    await ok('POST', `/staff/complaints/${F.id}/escalations`, stack.supervisorToken, { level: 3, note: 'Customer calls daily' });
    await stack.advanceTo('2025-10-14T02:00:00.000Z');
    await resolve(C, 'Double charge at checkout');
    await decide(C, { decision: 'accept' });
    // G, a VIP, arrives an hour before the report: nothing is due yet.
    await stack.advanceTo('2025-10-14T03:00:00.000Z');
    await file('G', { category: 'other' });
    await stack.advanceTo(reportAt);
  }, 120_000);
  afterAll(async () => stack?.stop());

  it('every figure of the period, exactly', async () => {
    const severities = await Promise.all(Object.values(cohort).map(async (c) => (await stack.staffCase(c.id)).severity as string));
    const bySeverity = {
      L1: 0,
      L2: 0,
      L3: 0,
      ...Object.fromEntries(['L1', 'L2', 'L3'].map((s) => [s, severities.filter((x) => x === s).length])),
    };
    const figures = await report();
    expect(figures).toMatchObject({
      period: { from: '2025-09-26', to: '2025-10-14', timeZone: 'Asia/Shanghai' },
      generatedAt: reportAt,
      scope: { team: null, agent: null },
      received: 7,
      open: 2,
      closed: 5,
      resolvedRate: 0.7143,
      byCategory: { product_quality: 2, logistics: 1, service_attitude: 1, billing_dispute: 1, service_process: 1, other: 1 },
      byChannel: { web: 5, app: 1, phone: 1, email: 0, social: 0 },
      bySeverity,
      byTier: { standard: 6, vip: 1 },
      // B answered late; G not yet due.
      firstResponse: { met: 5, breached: 1, pending: 1, metRate: 0.8333 },
      // C resolved late, F not resolved and past due, G not yet due. Working days of A 1 h, D 1 h (its pause not
      // counted), E 2 h, B 26 h (Fri 14 h, Sat off, Sun a make-up day), C 192 h (8 working days across the holiday).
      resolution: { met: 4, breached: 2, pending: 1, metRate: 0.6667, meanWorkingDays: 1.85, medianWorkingDays: 0.08 },
      escalated: { any: 4, level1: 1, level2: 3, level3: 1, rate: 0.5714 },
      reopened: { count: 1, rate: 0.2 },
      repeat: { count: 1, rate: 0.1429 },
      firstContactResolutionRate: 0.8,
      surveys: { sent: 4, answered: 2, responseRate: 0.5, csatMean: 4, satisfiedRate: 0.5, nps: 0 },
      noFeedback: 0,
    });
    expect(figures.labels.category.billing_dispute).toBe('Billing dispute');
    expect((await report('', stack.supervisorToken, 'zh-CN')).labels.category.billing_dispute).toBe('收费争议');
  });

  it('groups by team and agent, and series by week (Monday to Sunday) and month', async () => {
    const byTeam = await report('&groupBy=team');
    expect(byTeam.groups!.map((g) => [g.key, g.received, g.closed])).toEqual([
      ['north', 4, 4],
      ['south', 1, 0],
      ['unassigned', 2, 1],
    ]);
    const byAgent = await report('&groupBy=agent', stack.supervisorToken, 'zh-CN');
    expect(byAgent.groups!.map((g) => [g.key, g.label, g.received])).toEqual([
      ['ann', 'ann', 4],
      ['bob', 'bob', 1],
      ['cy', 'cy', 1],
      ['unassigned', '未分配', 1],
    ]);
    const byCategory = await report('&groupBy=category');
    expect(byCategory.groups!.map((g) => [g.key, g.received])).toEqual([
      ['product_quality', 2],
      ['logistics', 1],
      ['service_attitude', 1],
      ['billing_dispute', 1],
      ['service_process', 1],
      ['other', 1],
      // Every category is a row even at 0, the cases still waiting on a pick too.
      ['uncertain', 0],
    ]);
    expect(byCategory.groups![0]).toMatchObject({ label: 'Product quality', repeat: { count: 1, rate: 0.5 } });

    const weekly = await report('&interval=week');
    expect(weekly.series!.map((s) => [s.from, s.to, s.received])).toEqual([
      ['2025-09-26', '2025-09-28', 6],
      ['2025-09-29', '2025-10-05', 0],
      ['2025-10-06', '2025-10-12', 0],
      ['2025-10-13', '2025-10-14', 1],
    ]);
    expect(weekly.series![1]).toMatchObject({
      resolvedRate: null,
      firstResponse: { metRate: null },
      surveys: { csatMean: null, nps: null },
    });
    const monthly = await report('&interval=month');
    expect(monthly.series!.map((s) => [s.from, s.to, s.received, s.closed])).toEqual([
      ['2025-09-26', '2025-09-30', 6, 5],
      ['2025-10-01', '2025-10-14', 1, 0],
    ]);
  });

  it("an agent reads the same figures for their own team's complaints, or without a team their own", async () => {
    const north = await report('', ann);
    expect(north).toMatchObject({ scope: { team: 'north', agent: null }, received: 4, closed: 4, reopened: { count: 1, rate: 0.25 } });
    // An agent of no team reads their own cases.
    expect(await report('', cy)).toMatchObject({ scope: { team: null, agent: 'cy' }, received: 1, firstResponse: { breached: 1 } });
  });

  it('answers CSV with a BOM and headers in the caller language, a row per group', async () => {
    const answer = await stack.request<{ text: string }>('GET', `/staff/reports/kpi?${period}&groupBy=tier&format=csv`, {
      token: stack.supervisorToken,
      headers: { 'accept-language': 'zh-CN' },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(answer.headers.get('content-disposition')).toBe('attachment; filename="closeloop-kpi-2025-09-26-2025-10-14.csv"');
    const raw = new Uint8Array(
      await (
        await fetch(`${stack.runtime.url}/staff/reports/kpi?${period}&groupBy=tier&format=csv`, {
          headers: { authorization: `Bearer ${stack.supervisorToken}`, 'accept-language': 'zh-CN' },
        })
      ).arrayBuffer(),
    );
    expect([...raw.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = answer.body.text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]!.startsWith('开始日期,结束日期,分组,名称,受理量,未结案,已结案,投诉解决率,')).toBe(true);
    expect(lines[1]!.startsWith('2025-09-26,2025-10-14,standard,普通客户,6,1,5,0.8333,')).toBe(true);
    expect(lines[2]).toMatch(/^2025-09-26,2025-10-14,vip,大客户,1,1,0,0,/);
  });

  it('lists every missed deadline of the period, earliest due first, paged', async () => {
    const { C, F, B } = cohort;
    const page = async (query: string) => {
      const answer = await stack.request<{ items: Record<string, unknown>[]; cursor?: string }>(
        'GET',
        `/staff/reports/breaches?${period}${query}`,
        {
          token: stack.supervisorToken,
        },
      );
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      return answer.body;
    };
    const first = await page('&limit=2');
    const second = await page(`&limit=2&cursor=${first.cursor}`);
    const cBreach = expect.objectContaining({
      id: C!.id,
      deadline: 'resolution',
      dueAt: '2025-10-13T15:59:59.999Z',
      doneAt: '2025-10-14T02:00:00.000Z',
      overdueHours: 10,
      overdueWorkingDays: 0.42,
      escalationLevel: 2,
    });
    const fBreach = expect.objectContaining({
      id: F!.id,
      owner: 'bob',
      team: 'south',
      deadline: 'resolution',
      dueAt: '2025-10-13T15:59:59.999Z',
      doneAt: null,
      overdueHours: 12,
      overdueWorkingDays: 0.5,
      escalationLevel: 3,
    });
    // C and F fall due at the same instant: the case id decides, as it does on every page.
    const sameDue = C!.id < F!.id ? [cBreach, fBreach] : [fBreach, cBreach];
    expect([...first.items, ...second.items]).toEqual([
      {
        id: B!.id,
        caseNumber: B!.caseNumber,
        category: 'logistics',
        owner: 'cy',
        team: null,
        deadline: 'firstResponse',
        dueAt: '2025-09-28T02:00:00.000Z',
        doneAt: '2025-09-28T04:00:00.000Z',
        overdueHours: 2,
        overdueWorkingDays: null,
        escalationLevel: 1,
      },
      ...sameDue,
    ]);
    expect(first.items).toHaveLength(2);
    expect(second.cursor).toBeUndefined();
    const foreign = await stack.request('GET', `/staff/reports/breaches?from=2025-09-01&to=2025-10-14&cursor=${first.cursor}`, {
      token: stack.supervisorToken,
    });
    expect(foreign.status).toBe(400);
  });

  it('refuses a period that is backwards or longer than a year, naming the field', async () => {
    const backwards = await stack.request<{ errors: { field: string }[] }>('GET', '/staff/reports/kpi?from=2025-10-02&to=2025-10-01', {
      token: stack.supervisorToken,
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors).toEqual([{ field: 'from', problem: 'from must not be after to' }]);
    const long = await stack.request<{ detail: string }>('GET', '/staff/reports/kpi?from=2024-01-01&to=2025-01-01', {
      token: stack.supervisorToken,
      headers: { 'accept-language': 'zh-CN' },
    });
    expect(long.status).toBe(400);
    expect(long.body.detail).toBe('报表期间最长 366 天');
    const badDate = await stack.request('GET', '/staff/reports/kpi?from=2025-13-01&to=2025-10-01', { token: stack.supervisorToken });
    expect(badDate.status).toBe(400);
  });

  it('closeloop report prints the same figures from the running desk', async () => {
    const printed = await reportCli(
      [
        '--from',
        '2025-09-26',
        '--to',
        '2025-10-14',
        '--group-by',
        'team',
        '--api',
        stack.runtime.url,
        '--token',
        stack.supervisorToken,
        '--lang',
        'en',
      ],
      {},
    );
    expect(printed.exitCode, printed.stderr).toBe(0);
    expect(printed.stdout).toMatch(/Received\s+7\b/);
    expect(printed.stdout).toMatch(/north\s+4\s+4\b/);
    const csv = await reportCli(
      ['--from', '2025-09-26', '--to', '2025-10-14', '--format', 'csv', '--api', stack.runtime.url, '--token', stack.supervisorToken],
      {},
    );
    expect(csv.stdout.startsWith('\uFEFFfrom,to,group,name,received')).toBe(true);
  });

  // Last: it moves the clock two months on.
  it('stores a settled month once, and its figures no longer move; an open month is read live', async () => {
    const september = async () => {
      const answer = await stack.request<Record<string, unknown>>('GET', '/staff/reports/kpi?from=2025-09-01&to=2025-09-30', {
        token: stack.supervisorToken,
      });
      const { generatedAt: _at, ...figures } = KpiReport.parse(answer.body);
      return figures;
    };
    const october = async () =>
      KpiReport.parse(
        (await stack.request('GET', '/staff/reports/kpi?from=2025-10-01&to=2025-10-31', { token: stack.supervisorToken })).body,
      );
    // F is still open: September is not settled until 60 days after its end (29 November).
    await stack.advanceTo('2025-11-28T02:00:00.000Z');
    expect(await settleReportMonths(stack.clock.now(), await deskCalendar())).not.toContain('2025-09');
    // Settled from 00:00 on 30 November desk time; read live before the daily 09:00 run stores it.
    await stack.advanceTo('2025-11-29T17:00:00.000Z');
    const live = await september();
    const stored = await settleReportMonths(stack.clock.now(), await deskCalendar());
    expect(stored).toContain('2025-09');
    expect(stored).not.toContain('2025-10');
    expect((await monthSnapshot('2025-09'))?.rows).toHaveLength(6);
    expect(await september()).toEqual(live);
    // Settling again, by hand or by the daily 09:00 run, stores nothing twice.
    expect(await settleReportMonths(stack.clock.now(), await deskCalendar())).toEqual([]);
    await stack.advanceTo('2025-11-30T02:00:00.000Z');
    expect(await settleReportMonths(stack.clock.now(), await deskCalendar())).toEqual([]);

    // F and G are resolved now: September's stored figures stay as settled, October (open) moves.
    const { F, G } = cohort;
    await resolve(F!, 'Supplier defect', bob);
    await decide(F!, { decision: 'accept' });
    await respond(G!);
    await resolve(G!, 'Misunderstanding');
    await decide(G!, { decision: 'accept' });
    expect(await september()).toEqual(live);
    expect((await september()).closed).toBe(5);
    expect((await october()).closed).toBe(1);
  });
});
