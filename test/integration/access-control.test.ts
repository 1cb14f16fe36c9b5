import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '#declarations/routes.ts';
import { issueStaffToken } from '#local/staff-tokens.ts';
import { aFilingBody } from '../support/builders.ts';
import { type Answer, LocalStack } from '../support/local-stack.ts';

/**
 * Every route against every kind of caller. A new route without a row here
 * fails the completeness check, so access is decided on purpose, not by
 * default.
 */
const principals = ['anonymous', 'customer', 'otherCustomer', 'owner', 'teammate', 'otherTeamAgent', 'supervisor'] as const;
type Principal = (typeof principals)[number];
type Expectation = Record<Principal, number>;

/** The state a case must be in for the route to make sense. */
type CaseState = 'owned' | 'resolved' | 'paused' | 'escalated';

interface Case {
  id: string;
  accessToken: string;
  caseNumber: string;
}

interface Row {
  method: string;
  path: string;
  state?: CaseState;
  body?: unknown;
  query?: string;
  /** The path after `{id}` is substituted (customer routes use the case's customer id). */
  pathFor?: (c: Case) => string;
  expect: Expectation;
}

const customerOnly = (ok: number): Expectation => ({
  anonymous: 401,
  customer: ok,
  // Another customer's or a staff token is simply not this case's token: like an unknown case.
  otherCustomer: 404,
  owner: 404,
  teammate: 404,
  otherTeamAgent: 404,
  supervisor: 404,
});
const staffOnCase = (ok: number): Expectation => ({
  anonymous: 401,
  customer: 401,
  otherCustomer: 401,
  owner: ok,
  teammate: ok,
  otherTeamAgent: 403,
  supervisor: ok,
});
const owningTeamChanges = (ok: number): Expectation => ({
  anonymous: 401,
  customer: 401,
  otherCustomer: 401,
  owner: ok,
  teammate: ok,
  otherTeamAgent: 403,
  supervisor: 403,
});
const supervisorsOnly = (ok: number): Expectation => ({
  anonymous: 401,
  customer: 401,
  otherCustomer: 401,
  owner: 403,
  teammate: 403,
  otherTeamAgent: 403,
  supervisor: ok,
});
const anyStaff = (ok: number): Expectation => ({
  anonymous: 401,
  customer: 401,
  otherCustomer: 401,
  owner: ok,
  teammate: ok,
  otherTeamAgent: ok,
  supervisor: ok,
});

const matrix: Row[] = [
  {
    method: 'POST',
    path: '/complaints',
    // Public: a bearer of any kind is ignored, nobody is refused.
    expect: { anonymous: 201, customer: 201, otherCustomer: 201, owner: 201, teammate: 201, otherTeamAgent: 201, supervisor: 201 },
  },
  { method: 'GET', path: '/complaints/{id}', state: 'owned', expect: customerOnly(200) },
  { method: 'GET', path: '/complaints/{id}/timeline', state: 'owned', expect: customerOnly(200) },
  { method: 'POST', path: '/complaints/{id}/confirmation', state: 'resolved', body: { decision: 'accept' }, expect: customerOnly(200) },
  { method: 'GET', path: '/complaints/{id}/confirmation', state: 'resolved', expect: customerOnly(200) },
  { method: 'GET', path: '/complaints/{id}/status', state: 'owned', expect: customerOnly(200) },
  { method: 'POST', path: '/complaints/{id}/replies', state: 'paused', body: { message: '订单号是 SO-88123，照片已补充。' }, expect: customerOnly(201) },
  { method: 'POST', path: '/complaints/{id}/access-token', state: 'owned', expect: customerOnly(201) },
  { method: 'GET', path: '/staff/complaints/{id}', state: 'owned', expect: staffOnCase(200) },
  { method: 'GET', path: '/staff/complaints/{id}/timeline', state: 'owned', expect: staffOnCase(200) },
  {
    method: 'POST',
    path: '/staff/complaints/{id}/claim',
    state: 'owned',
    // The owner's repeat is harmless; anybody else finds the case taken.
    expect: { anonymous: 401, customer: 401, otherCustomer: 401, owner: 200, teammate: 409, otherTeamAgent: 409, supervisor: 403 },
  },
  { method: 'POST', path: '/staff/complaints/{id}/responses', state: 'owned', body: { message: '您好，我们正在核实。' }, expect: owningTeamChanges(201) },
  {
    method: 'POST',
    path: '/staff/complaints/{id}/resolution',
    state: 'owned',
    body: { rootCause: '承运商延误', resolution: '补偿 50 元优惠券' },
    expect: owningTeamChanges(200),
  },
  { method: 'POST', path: '/staff/complaints/{id}/info-requests', state: 'owned', body: { question: '请提供外包装照片。' }, expect: owningTeamChanges(201) },
  { method: 'POST', path: '/staff/complaints/{id}/escalations', state: 'owned', body: { level: 2, note: '客户情绪激动' }, expect: supervisorsOnly(202) },
  { method: 'POST', path: '/staff/complaints/{id}/escalations/ack', state: 'escalated', body: {}, expect: supervisorsOnly(200) },
  {
    method: 'POST',
    path: '/staff/complaints/{id}/assignment',
    state: 'owned',
    body: { agentId: 'tom', team: 'north', reason: 'ann is on leave' },
    expect: supervisorsOnly(200),
  },
  { method: 'POST', path: '/staff/complaints/{id}/severity', state: 'owned', body: { severity: 'L2', reason: '涉及多次投诉' }, expect: supervisorsOnly(200) },
  // Picking a category is triage work: whoever may act on the case, without claiming it; supervisors on any.
  { method: 'POST', path: '/staff/complaints/{id}/category', state: 'owned', body: { category: 'billing_dispute' }, expect: staffOnCase(200) },
  { method: 'POST', path: '/staff/complaints/{id}/access-revocation', state: 'owned', body: { reason: 'token posted on a forum' }, expect: supervisorsOnly(202) },
  { method: 'GET', path: '/staff/policies', expect: anyStaff(200) },
  { method: 'GET', path: '/staff/queue', expect: anyStaff(200) },
  { method: 'GET', path: '/staff/cases', query: '?category=logistics', expect: anyStaff(200) },
  { method: 'GET', path: '/staff/reports/kpi', query: '?from=2025-11-01&to=2025-11-30', expect: anyStaff(200) },
  { method: 'GET', path: '/staff/reports/breaches', query: '?from=2025-11-01&to=2025-11-30', expect: anyStaff(200) },
  { method: 'PUT', path: '/staff/customers/{id}', body: { tier: 'vip' }, pathFor: () => '/staff/customers/c-matrix', expect: supervisorsOnly(200) },
  { method: 'PUT', path: '/staff/calendar', body: 'calendar', expect: supervisorsOnly(200) },
  { method: 'GET', path: '/staff/calendar', expect: anyStaff(200) },
  { method: 'GET', path: '/staff/escalations', query: '?level=1', expect: supervisorsOnly(200) },
];

describe('Access control: every route against every caller', () => {
  let stack: LocalStack;
  let tokens: Record<'owner' | 'teammate' | 'otherTeamAgent' | 'supervisor', string>;
  let otherCustomersCase: Case;
  let calendarUpload: { fileName: string; content: string };
  let filings = 0;

  const file = async (): Promise<Case> => {
    filings++;
    const answer = await stack.request<Case>('POST', '/complaints', {
      body: aFilingBody({ customer: { id: `c-${filings}`, name: '王先生', email: `c${filings}@example.com`, locale: 'zh-CN' } }),
    });
    expect(answer.status).toBe(201);
    return answer.body;
  };

  const ok = (answer: Answer, status: number) => {
    if (answer.status !== status) throw new Error(`expected ${status}, got ${answer.status}: ${JSON.stringify(answer.body)}`);
  };

  async function caseIn(state: CaseState): Promise<Case> {
    const c = await file();
    ok(await stack.request('POST', `/staff/complaints/${c.id}/claim`, { token: tokens.owner }), 200);
    if (state === 'resolved') {
      ok(
        await stack.request('POST', `/staff/complaints/${c.id}/resolution`, {
          token: tokens.owner,
          body: { rootCause: '承运商延误', resolution: '补偿 50 元优惠券' },
        }),
        200,
      );
    }
    if (state === 'paused') {
      ok(await stack.request('POST', `/staff/complaints/${c.id}/info-requests`, { token: tokens.owner, body: { question: '请提供订单号。' } }), 201);
    }
    if (state === 'escalated') {
      ok(await stack.request('POST', `/staff/complaints/${c.id}/escalations`, { token: tokens.supervisor, body: { level: 1, note: '请关注' } }), 202);
    }
    return c;
  }

  const bearerOf = (principal: Principal, c: Case | undefined): string | undefined => {
    switch (principal) {
      case 'anonymous':
        return undefined;
      case 'customer':
        return c?.accessToken ?? otherCustomersCase.accessToken;
      case 'otherCustomer':
        return otherCustomersCase.accessToken;
      default:
        return tokens[principal];
    }
  };

  const version = async (c: Case) => (await stack.staffCase(c.id)).version as number;

  beforeAll(async () => {
    stack = await LocalStack.start('2025-11-24T02:00:00.000Z');
    tokens = {
      owner: await issueStaffToken('agent', 'ann', 3600, 'north'),
      teammate: await issueStaffToken('agent', 'tom', 3600, 'north'),
      otherTeamAgent: await issueStaffToken('agent', 'oz', 3600, 'south'),
      supervisor: await issueStaffToken('supervisor', 'sue', 3600),
    };
    otherCustomersCase = await file();
    calendarUpload = {
      fileName: 'company-closure.json',
      content: await readFile(new URL('../fixtures/company-closure.json', import.meta.url), 'utf8'),
    };
  });
  afterAll(async () => stack.stop());

  it('has a row for every declared route', () => {
    const covered = new Set(matrix.map((row) => `${row.method} ${row.path}`));
    // The survey routes take a signed link instead of a bearer: their own test below.
    const missing = routes.map((r) => `${r.method} ${r.path}`).filter((r) => !covered.has(r) && !r.endsWith(' /surveys/{token}'));
    expect(missing).toEqual([]);
  });

  for (const row of matrix) {
    it(`${row.method} ${row.path}`, async () => {
      const refusedCase = row.state ? await caseIn(row.state) : undefined;
      for (const principal of principals) {
        const expected = row.expect[principal];
        const refused = expected >= 400;
        // A refusal is tried on a shared case, which must not change; each success gets a fresh case.
        const c = row.state ? (refused ? refusedCase : await caseIn(row.state)) : undefined;
        const before = c && refused ? await version(c) : undefined;
        const path = (row.pathFor && c ? row.pathFor(c) : row.pathFor ? row.pathFor({} as Case) : row.path.replace('{id}', c?.id ?? '')) + (row.query ?? '');
        const body =
          row.path === '/complaints'
            ? aFilingBody({ customer: { id: `c-any-${principal}`, name: 'Ann Lee', email: `any-${principal}@example.com`, locale: 'en' } })
            : row.body === 'calendar'
              ? calendarUpload
              : row.body;
        const token = bearerOf(principal, c);
        const answer = await stack.request(row.method, path, { ...(body !== undefined ? { body } : {}), ...(token ? { token } : {}) });
        expect({ principal, status: answer.status }).toEqual({ principal, status: expected });
        if (refused) {
          expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
          expect(answer.body).toMatchObject({ status: expected });
          if (c) expect(await version(c)).toBe(before);
        }
      }
    });
  }

  it('POST /surveys/{token}: the signed link is the credential, whatever else is sent', async () => {
    const cases: Case[] = [];
    for (const _ of principals) {
      const c = await caseIn('resolved');
      ok(await stack.request('POST', `/complaints/${c.id}/confirmation`, { token: c.accessToken, body: { decision: 'accept' } }), 200);
      cases.push(c);
    }
    await stack.advanceBy(26);
    for (const [i, principal] of principals.entries()) {
      const c = cases[i]!;
      const link = await surveyLinkOf(c);
      const token = bearerOf(principal, c);
      const page = await stack.request('GET', `/surveys/${link}`, { ...(token ? { token } : {}) });
      expect({ principal, status: page.status }).toEqual({ principal, status: 200 });
      const answer = await stack.request('POST', `/surveys/${link}`, { body: { csat: 4, nps: 8 }, ...(token ? { token } : {}) });
      expect({ principal, status: answer.status }).toEqual({ principal, status: 201 });
    }
  });

  async function surveyLinkOf(c: Case): Promise<string> {
    const staffCase = await stack.staffCase(c.id);
    const email = (staffCase.customer as { email: string }).email;
    const survey = (await stack.emailsTo(email)).find((m) => m.subject.includes('满意度'));
    const token = /\/surveys\/([\w-]+\.[\w-]+)/.exec(survey?.text ?? '')?.[1];
    if (!token) throw new Error(`no survey link for ${c.caseNumber}`);
    return token;
  }
});
