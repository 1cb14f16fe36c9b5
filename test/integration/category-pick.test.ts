import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

interface Report {
  received: number;
  byCategory: Record<string, number>;
  uncertainAtFiling: { count: number; rate: number | null };
  labels: { category: Record<string, string> };
}

// The desk answers logistics faster: the pick of that category must move the deadlines of an uncertain case.
const policy = {
  version: 'pick-2025',
  defaults: { firstResponseHours: 48, resolutionWorkingDays: 7, confirmationWorkingDays: 3, surveyDelayHours: 24, warningThreshold: 0.75 },
  category: { logistics: { firstResponseHours: 24, resolutionWorkingDays: 5 } },
};

describe('An uncertain case and the agent who picks its category, on the local engines', () => {
  let stack: LocalStack;
  let alice: string;
  const customer = { id: 'c-unsure', name: '周先生', email: 'zhou@example.com', locale: 'zh-CN' as const };
  const filed: Record<string, Filed> = {};

  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'closeloop-pick-'));
    const policyFile = join(dir, 'sla-policy.json');
    await writeFile(policyFile, JSON.stringify(policy));
    // Mon 2025-11-03 10:00 Shanghai.
    stack = await LocalStack.start('2025-11-03T02:00:00.000Z', { policyFile });
    alice = await issueStaffToken('agent', 'alice');
  });
  afterAll(async () => stack.stop());

  /** Words the model was never trained on, and no pick: triage cannot say what it is about. */
  const fileUncertain = async (name: string, text = { subject: '？？？', description: '……' }) => {
    const { category: _none, ...body } = aFilingBody({ customer, ...text });
    const answer = await stack.request<Filed>('POST', '/complaints', { body });
    expect(answer.status).toBe(201);
    filed[name] = answer.body;
    return answer.body;
  };
  const kpi = async () =>
    (
      await stack.request<Report>('GET', '/staff/reports/kpi?from=2025-11-01&to=2025-11-30', {
        token: stack.supervisorToken,
        headers: { 'accept-language': 'en' },
      })
    ).body;
  const uncertainQueue = async () =>
    (
      await stack.request<{ items: { id: string; category: string }[] }>('GET', '/staff/queue?scope=unassigned&category=uncertain', {
        token: alice,
      })
    ).body.items;

  it('files a text triage cannot read as uncertain, with no category targets, and queues it for a pick', async () => {
    const parcel = await stack.request<Filed>('POST', '/complaints', {
      body: aFilingBody({ customer, category: 'logistics', subject: '快递丢了', description: '包裹显示签收但没收到。' }),
    });
    filed.earlierParcel = parcel.body;
    await stack.advanceBy(24);
    const unsure = await fileUncertain('unsure');

    const staffCase = await stack.staffCase(unsure.id);
    expect(staffCase).toMatchObject({
      category: 'uncertain',
      categorySource: 'classified',
      triage: { category: { value: 'uncertain', source: 'classified', evidence: [] } },
      policy: { version: 'pick-2025', applied: ['defaults'] },
      // 48 hours: an uncertain case gets no category's targets.
      responseDueAt: '2025-11-06T02:00:00.000Z',
    });
    // Not a repeat of the logistics complaint: nobody knows yet that it is about logistics.
    expect(staffCase.repeatOf).toBeUndefined();
    const queued = await uncertainQueue();
    expect(queued).toEqual([expect.objectContaining({ id: unsure.id, category: 'uncertain' })]);
    const report = await kpi();
    expect(report).toMatchObject({ received: 2, byCategory: { logistics: 1, uncertain: 1 }, uncertainAtFiling: { count: 1, rate: 0.5 } });
    expect(report.labels.category.uncertain).toBe("Needs an agent's pick");
    const customerView = await stack.request<{ category: string }>('GET', `/complaints/${unsure.id}`, { token: unsure.accessToken });
    expect(customerView.body.category).toBe('uncertain');
  });

  it("takes an agent's pick: the category's targets from the receipt, the repeat judged again, both on the timeline", async () => {
    const unsure = filed.unsure!;
    const picked = await stack.request('POST', `/staff/complaints/${unsure.id}/category`, {
      token: alice,
      body: { category: 'logistics', reason: '客户来电：包裹仍未收到' },
    });

    expect(picked.status).toBe(200);
    expect(picked.body).toMatchObject({
      id: unsure.id,
      category: 'logistics',
      // Received Tue 4 Nov 10:00: 24 hours, and 5 working days to Tue 11 Nov.
      responseDueAt: '2025-11-05T02:00:00.000Z',
      resolutionDueAt: '2025-11-11T15:59:59.999Z',
      policy: { applied: ['defaults', 'category:logistics'] },
    });
    const staffCase = await stack.staffCase(unsure.id);
    expect(staffCase).toMatchObject({
      category: 'logistics',
      categorySource: 'agent',
      triage: { category: { value: 'uncertain' } },
      repeatOf: { id: filed.earlierParcel!.id, caseNumber: filed.earlierParcel!.caseNumber },
    });
    expect(staffCase.owner).toBeUndefined();
    const events = staffCase.timeline.filter(
      (e) => e.type === 'category_changed' || (e.type === 'deadline_changed' && e.details.why === 'category_changed'),
    );
    expect(events.map((e) => [e.type, e.details.deadline ?? e.details.to])).toEqual([
      ['category_changed', 'logistics'],
      ['deadline_changed', 'response'],
      ['deadline_changed', 'resolution'],
    ]);
    expect(events[0]!.details).toMatchObject({
      from: 'uncertain',
      to: 'logistics',
      reason: '客户来电：包裹仍未收到',
      repeatOf: filed.earlierParcel!.caseNumber,
    });
    expect((events[0] as unknown as { actor: unknown }).actor).toEqual({ kind: 'agent', id: 'alice' });

    const customerView = await stack.request<{ category: string; timeline: { type: string }[] }>('GET', `/complaints/${unsure.id}`, {
      token: unsure.accessToken,
    });
    expect(customerView.body.category).toBe('logistics');
    expect(customerView.body.timeline.map((e) => e.type)).toContain('deadline_changed');
    expect(customerView.body.timeline.map((e) => e.type)).not.toContain('category_changed');

    expect(await uncertainQueue()).toEqual([]);
    // The cohort moves out of `uncertain`; that triage filed it so is still counted.
    expect(await kpi()).toMatchObject({ byCategory: { logistics: 2, uncertain: 0 }, uncertainAtFiling: { count: 1, rate: 0.5 } });
  });

  it('the workflow waits on the moved deadline: the first response escalates at the 24 hours of logistics', async () => {
    const unsure = filed.unsure!;
    await stack.advanceTo('2025-11-05T01:59:00.000Z');
    expect(await stack.escalations(unsure.caseNumber)).toEqual([]);
    await stack.advanceTo('2025-11-05T02:01:00.000Z');
    const [escalation] = await stack.escalations(unsure.caseNumber);
    expect(escalation?.attributes).toMatchObject({ kind: 'escalation', level: '1', category: 'logistics', reason: 'response_overdue' });
  });

  it('files a case closed before anyone picked under `uncertain` in the library, and refuses a pick of it in both languages', async () => {
    const closing = await fileUncertain('closedUncertain', { subject: 'Hmm', description: 'Hmm.' });
    await stack.request('POST', `/staff/complaints/${closing.id}/resolution`, {
      token: alice,
      body: { rootCause: '客户误操作', resolution: '已电话说明' },
    });
    await stack.request('POST', `/complaints/${closing.id}/confirmation`, { token: closing.accessToken, body: { decision: 'accept' } });
    expect((await stack.staffCase(closing.id)).phase).toBe('CLOSED');

    const library = await stack.request<{ results: { caseNumber: string; category: string }[] }>('GET', '/staff/cases?category=uncertain', {
      token: alice,
    });
    expect(library.status).toBe(200);
    expect(library.body.results).toEqual([expect.objectContaining({ caseNumber: closing.caseNumber, category: 'uncertain' })]);

    const refusedZh = await stack.request<{ detail: string }>('POST', `/staff/complaints/${closing.id}/category`, {
      token: alice,
      body: { category: 'other' },
      headers: { 'accept-language': 'zh-CN' },
    });
    const refusedEn = await stack.request<{ detail: string }>('POST', `/staff/complaints/${closing.id}/category`, {
      token: alice,
      body: { category: 'other' },
      headers: { 'accept-language': 'en' },
    });
    expect([refusedZh.status, refusedZh.body.detail]).toEqual([409, '投诉当前处于 CLOSED 阶段，无法选择分类']);
    expect([refusedEn.status, refusedEn.body.detail]).toEqual([409, 'cannot pick the category of a complaint in phase CLOSED']);
    const notPickable = await stack.request<{ errors: { field: string }[] }>('POST', `/staff/complaints/${filed.unsure!.id}/category`, {
      token: alice,
      body: { category: 'uncertain' },
    });
    expect(notPickable.status).toBe(400);
    expect(notPickable.body.errors[0]!.field).toBe('category');
  });
});
