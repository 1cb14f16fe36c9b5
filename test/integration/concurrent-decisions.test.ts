import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueStaffToken } from '#local/staff-tokens.ts';
import { aFilingBody } from '../support/builders.ts';
import { type Answer, LocalStack } from '../support/local-stack.ts';
import { WriteRace } from '../support/write-race.ts';

interface Filed {
  id: string;
  caseNumber: string;
  accessToken: string;
}

type Problem = { status: number; code: string; detail: string } & Record<string, unknown>;

const decisionTypes = new Set(['confirmed', 'rejected']);

describe('Two requests deciding the same thing at the same moment, on the local engines', () => {
  const race = new WriteRace().install();
  /** Both requests decided on the same version: the gate saw their two writes meet. */
  async function together<T>(id: string, requests: () => Promise<T>[]): Promise<T[]> {
    const before = race.raced;
    race.arm(id);
    const answers = await Promise.all(requests());
    expect(race.raced).toBe(before + 1);
    return answers;
  }
  let stack: LocalStack;
  let customers = 0;
  let otherAgent: string;
  let otherSupervisor: string;

  beforeAll(async () => {
    stack = await LocalStack.start('2025-11-24T02:00:00.000Z');
    [otherAgent, otherSupervisor] = await Promise.all([issueStaffToken('agent', 'agent-2'), issueStaffToken('supervisor', 'supervisor-2')]);
  });
  afterAll(async () => stack.stop());

  async function file(): Promise<Filed> {
    const n = ++customers;
    const filed = await stack.request<Filed>('POST', '/complaints', {
      body: aFilingBody({ customer: { id: `c-race-${n}`, name: 'Chen', email: `race-${n}@example.com`, locale: 'en' } }),
    });
    expect(filed.status).toBe(201);
    return filed.body;
  }

  async function resolved(): Promise<Filed> {
    const filed = await file();
    const answer = await stack.request('POST', `/staff/complaints/${filed.id}/resolution`, {
      token: stack.agentToken,
      body: { rootCause: 'carrier delay', resolution: 'refunded the delivery fee' },
    });
    expect(answer.status).toBe(200);
    return filed;
  }

  const confirm = (filed: Filed, body: Record<string, unknown>, language = 'en') =>
    stack.request('POST', `/complaints/${filed.id}/confirmation`, {
      token: filed.accessToken,
      body,
      headers: { 'accept-language': language },
    });

  describe('Route: POST /complaints/{id}/confirmation', () => {
    it('answers one of an accept and a reject sent together and refuses the other with 409 naming the decision that stands', async () => {
      const filed = await resolved();
      const [accept, reject] = (await together(filed.id, () => [
        confirm(filed, { decision: 'accept' }),
        confirm(filed, { decision: 'reject', reason: 'the fee is still on my bill' }),
      ])) as [Answer, Answer];

      expect([accept.status, reject.status].sort()).toEqual([200, 409]);
      const [won, lost, standing] =
        accept.status === 200 ? ([accept, reject, 'accept'] as const) : ([reject, accept, 'reject'] as const);
      const staffCase = await stack.staffCase(filed.id);
      const decisions = staffCase.timeline.filter((e) => decisionTypes.has(e.type));
      expect(decisions.map((e) => e.type)).toEqual([standing === 'accept' ? 'confirmed' : 'rejected']);
      expect(decisions[0]!.at).toBe('2025-11-24T02:00:00.000Z');
      expect(won.body).toEqual({
        id: filed.id,
        decision: standing,
        decidedAt: '2025-11-24T02:00:00.000Z',
        phase: standing === 'accept' ? 'CLOSED' : 'AWAITING_RESOLUTION',
        reopenCount: standing === 'accept' ? 0 : 1,
      });
      expect((lost as Answer<Problem>).body).toMatchObject({
        status: 409,
        code: 'DecisionAlreadyTaken',
        standing,
        decidedAt: '2025-11-24T02:00:00.000Z',
        detail: `The resolution was already ${standing === 'accept' ? 'accepted' : 'rejected'} on 24 November 2025 at 10:00.`,
      });
      expect(staffCase.phase).toBe(standing === 'accept' ? 'CLOSED' : 'AWAITING_RESOLUTION');
    });

    it('says in Chinese which decision stands to a caller who reads Chinese', async () => {
      const filed = await resolved();
      expect((await confirm(filed, { decision: 'reject', reason: '还是没退款' })).status).toBe(200);
      const late = await confirm(filed, { decision: 'accept' }, 'zh-CN,zh;q=0.9');
      expect(late.status).toBe(409);
      expect(late.body).toMatchObject({ code: 'DecisionAlreadyTaken', standing: 'reject', detail: '该处理结果已于 2025年11月24日 10:00 被拒绝。' });
    });

    it('answers two accepts sent together alike, with one decision on the timeline and the phase the case is now in', async () => {
      const filed = await resolved();
      const [first, second] = (await together(filed.id, () => [confirm(filed, { decision: 'accept' }), confirm(filed, { decision: 'accept' })])) as [Answer, Answer];

      expect([first.status, second.status]).toEqual([200, 200]);
      expect(first.body).toEqual({ id: filed.id, decision: 'accept', decidedAt: '2025-11-24T02:00:00.000Z', phase: 'CLOSED', reopenCount: 0 });
      expect(second.body).toEqual(first.body);
      const staffCase = await stack.staffCase(filed.id);
      expect(staffCase.timeline.filter((e) => decisionTypes.has(e.type)).map((e) => e.type)).toEqual(['confirmed']);
      expect(staffCase).toMatchObject({ phase: 'CLOSED', closeOutcome: 'confirmed' });

      const later = await confirm(filed, { decision: 'accept' });
      expect([later.status, later.body]).toEqual([200, first.body]);
    });

    it('answers two rejections sent together alike: the case reopens once and escalates once', async () => {
      const filed = await resolved();
      const [first, second] = (await together(filed.id, () => [
        confirm(filed, { decision: 'reject', reason: 'not refunded' }),
        confirm(filed, { decision: 'reject', reason: 'not refunded' }),
      ])) as [Answer, Answer];

      expect([first.status, second.status]).toEqual([200, 200]);
      expect(first.body).toEqual({ id: filed.id, decision: 'reject', decidedAt: '2025-11-24T02:00:00.000Z', phase: 'AWAITING_RESOLUTION', reopenCount: 1 });
      expect(second.body).toEqual(first.body);
      const staffCase = await stack.staffCase(filed.id);
      expect(staffCase.timeline.filter((e) => decisionTypes.has(e.type)).map((e) => e.type)).toEqual(['rejected']);
      expect(staffCase).toMatchObject({ phase: 'AWAITING_RESOLUTION', reopenCount: 1 });
      expect(await stack.escalations(filed.caseNumber)).toHaveLength(1);
    });
  });

  const staff = (method: string, path: string, token: string, body?: unknown) =>
    stack.request(method, path, { token, ...(body !== undefined ? { body } : {}), headers: { 'accept-language': 'en' } });
  const typesOf = async (id: string, types: string[]) =>
    (await stack.staffCase(id)).timeline.filter((e) => types.includes(e.type)).map((e) => e.type);

  describe('Route: POST /staff/complaints/{id}/claim', () => {
    it('gives the case to one of two agents claiming at once and refuses the other with 409 naming the owner', async () => {
      const filed = await file();
      const [first, second] = (await together(filed.id, () => [
        staff('POST', `/staff/complaints/${filed.id}/claim`, stack.agentToken),
        staff('POST', `/staff/complaints/${filed.id}/claim`, otherAgent),
      ])) as [Answer, Answer];

      expect([first.status, second.status].sort()).toEqual([200, 409]);
      const [won, lost] = first.status === 200 ? [first, second] : [second, first];
      const owner = first.status === 200 ? 'agent-1' : 'agent-2';
      expect(won.body).toEqual({ id: filed.id, owner: { agentId: owner, claimedAt: '2025-11-24T02:00:00.000Z' }, phase: 'AWAITING_RESPONSE' });
      expect(lost.body).toMatchObject({
        status: 409,
        code: 'AlreadyClaimed',
        owner,
        decidedAt: '2025-11-24T02:00:00.000Z',
        detail: `The case was already claimed by ${owner} on 24 November 2025 at 10:00.`,
      });
      expect(await typesOf(filed.id, ['claimed'])).toEqual(['claimed']);
      const again = await staff('POST', `/staff/complaints/${filed.id}/claim`, owner === 'agent-1' ? stack.agentToken : otherAgent);
      expect([again.status, again.body]).toEqual([200, won.body]);
    });
  });

  describe('Route: POST /staff/complaints/{id}/resolution', () => {
    const resolution = { rootCause: 'carrier delay', resolution: 'refunded the delivery fee' };

    it('records one of two different resolutions sent at once and refuses the other with 409 naming who recorded it', async () => {
      const filed = await file();
      expect((await staff('POST', `/staff/complaints/${filed.id}/claim`, stack.agentToken)).status).toBe(200);
      const [first, second] = (await together(filed.id, () => [
        staff('POST', `/staff/complaints/${filed.id}/resolution`, stack.agentToken, resolution),
        staff('POST', `/staff/complaints/${filed.id}/resolution`, stack.agentToken, { ...resolution, compensation: 'a 50 CNY voucher' }),
      ])) as [Answer, Answer];

      expect([first.status, second.status].sort()).toEqual([200, 409]);
      const lost = first.status === 200 ? second : first;
      expect(lost.body).toMatchObject({
        code: 'DecisionAlreadyTaken',
        by: 'agent-1',
        decidedAt: '2025-11-24T02:00:00.000Z',
        detail: 'A different resolution was already recorded by agent-1 on 24 November 2025 at 10:00.',
      });
      expect(await typesOf(filed.id, ['resolved'])).toEqual(['resolved']);
    });

    it('answers the same resolution sent twice at once alike, with one resolution on the timeline', async () => {
      const filed = await file();
      const [first, second] = (await together(filed.id, () => [
        staff('POST', `/staff/complaints/${filed.id}/resolution`, stack.agentToken, resolution),
        staff('POST', `/staff/complaints/${filed.id}/resolution`, stack.agentToken, resolution),
      ])) as [Answer, Answer];

      expect([first.status, second.status]).toEqual([200, 200]);
      expect(first.body).toEqual({ id: filed.id, phase: 'AWAITING_CONFIRMATION', confirmationDueAt: '2025-11-27T15:59:59.999Z' });
      expect(second.body).toEqual(first.body);
      expect(await typesOf(filed.id, ['resolved'])).toEqual(['resolved']);
      expect((await stack.emailsTo(`race-${customers}@example.com`)).filter((m) => m.text?.includes('confirmation?token='))).toHaveLength(1);
    });
  });

  describe('Route: POST /staff/complaints/{id}/escalations/ack', () => {
    it('lets one of two supervisors acknowledge at once, tells the other who did, and answers a repeat as before', async () => {
      const filed = await file();
      expect((await staff('POST', `/staff/complaints/${filed.id}/escalations`, stack.supervisorToken, { level: 2, note: 'VIP' })).status).toBe(202);
      const [first, second] = (await together(filed.id, () => [
        staff('POST', `/staff/complaints/${filed.id}/escalations/ack`, stack.supervisorToken, {}),
        staff('POST', `/staff/complaints/${filed.id}/escalations/ack`, otherSupervisor, {}),
      ])) as [Answer, Answer];

      expect([first.status, second.status].sort()).toEqual([200, 409]);
      const [won, lost, by, token] =
        first.status === 200 ? [first, second, 'supervisor-1', stack.supervisorToken] : [second, first, 'supervisor-2', otherSupervisor];
      expect(lost.body).toMatchObject({
        code: 'EscalationsAlreadyAcknowledged',
        by,
        detail: `The escalations were already acknowledged by ${by} on 24 November 2025 at 10:00.`,
      });
      expect(await typesOf(filed.id, ['escalation_acknowledged'])).toEqual(['escalation_acknowledged']);
      const repeat = await staff('POST', `/staff/complaints/${filed.id}/escalations/ack`, token, {});
      expect([repeat.status, repeat.body]).toEqual([200, won.body]);
    });
  });

  describe('Route: POST /staff/complaints/{id}/severity', () => {
    it('keeps the first of two re-grades sent at once and refuses a different second; the same one is answered alike', async () => {
      const filed = await file();
      const [first, second] = (await together(filed.id, () => [
        staff('POST', `/staff/complaints/${filed.id}/severity`, stack.supervisorToken, { severity: 'L3', reason: 'safety' }),
        staff('POST', `/staff/complaints/${filed.id}/severity`, otherSupervisor, { severity: 'L2', reason: 'complex' }),
      ])) as [Answer, Answer];

      expect([first.status, second.status].sort()).toEqual([200, 409]);
      const [lost, severity, by] = first.status === 200 ? [second, 'L3', 'supervisor-1'] : [first, 'L2', 'supervisor-2'];
      expect(lost.body).toMatchObject({
        code: 'DecisionAlreadyTaken',
        severity,
        by,
        detail: `The complaint was already re-graded to ${severity} by ${by} on 24 November 2025 at 10:00.`,
      });
      expect(await typesOf(filed.id, ['severity_changed'])).toEqual(['severity_changed']);
      expect((await stack.staffCase(filed.id)).severity).toBe(severity);

      const other = await file();
      const [a, b] = (await together(other.id, () => [
        staff('POST', `/staff/complaints/${other.id}/severity`, stack.supervisorToken, { severity: 'L3', reason: 'safety' }),
        staff('POST', `/staff/complaints/${other.id}/severity`, otherSupervisor, { severity: 'L3', reason: 'media threat' }),
      ])) as [Answer, Answer];
      expect([a.status, b.status]).toEqual([200, 200]);
      expect(b.body).toEqual(a.body);
      expect(await typesOf(other.id, ['severity_changed'])).toEqual(['severity_changed']);
    });
  });

  describe('Route: POST /staff/complaints/{id}/category', () => {
    /** Nothing the model knows and no pick: triage files it uncertain. */
    async function fileUncertain(): Promise<Filed> {
      const n = ++customers;
      const { category: _none, ...body } = aFilingBody({ customer: { id: `c-race-${n}`, name: 'Chen', email: `race-${n}@example.com`, locale: 'en' } });
      const filed = await stack.request<Filed>('POST', '/complaints', { body: { ...body, subject: 'Hmm', description: 'Hmm.' } });
      expect(filed.status).toBe(201);
      expect((await stack.staffCase(filed.body.id)).category).toBe('uncertain');
      return filed.body;
    }

    it('keeps the first of two agents picking an uncertain case at once, refuses another pick and answers the same one alike', async () => {
      const filed = await fileUncertain();
      const [first, second] = (await together(filed.id, () => [
        staff('POST', `/staff/complaints/${filed.id}/category`, stack.agentToken, { category: 'logistics' }),
        staff('POST', `/staff/complaints/${filed.id}/category`, otherAgent, { category: 'billing_dispute', reason: 'charged twice' }),
      ])) as [Answer, Answer];

      expect([first.status, second.status].sort()).toEqual([200, 409]);
      const [lost, category, label, by] =
        first.status === 200 ? [second, 'logistics', 'Logistics', 'agent-1'] : [first, 'billing_dispute', 'Billing dispute', 'agent-2'];
      expect(lost.body).toMatchObject({
        code: 'DecisionAlreadyTaken',
        category,
        by,
        detail: `The category was already picked as ${label} by ${by} on 24 November 2025 at 10:00.`,
      });
      expect(await typesOf(filed.id, ['category_changed'])).toEqual(['category_changed']);
      expect((await stack.staffCase(filed.id)).category).toBe(category);

      const other = await fileUncertain();
      const [a, b] = (await together(other.id, () => [
        staff('POST', `/staff/complaints/${other.id}/category`, stack.agentToken, { category: 'logistics' }),
        staff('POST', `/staff/complaints/${other.id}/category`, otherAgent, { category: 'logistics', reason: 'parcel lost' }),
      ])) as [Answer, Answer];
      expect([a.status, b.status]).toEqual([200, 200]);
      expect(b.body).toEqual(a.body);
      expect(await typesOf(other.id, ['category_changed'])).toEqual(['category_changed']);
    });
  });

  describe('Route: POST /complaints/{id}/replies', () => {
    it('takes the same reply to an information request sent twice at once as one reply, and resumes the clock once', async () => {
      const filed = await file();
      expect((await staff('POST', `/staff/complaints/${filed.id}/info-requests`, stack.agentToken, { question: 'Which order?' })).status).toBe(201);
      const reply = () =>
        stack.request('POST', `/complaints/${filed.id}/replies`, { token: filed.accessToken, body: { message: 'Order SO-88123' } });
      const [first, second] = (await together(filed.id, () => [reply(), reply()])) as [Answer, Answer];

      expect([first.status, second.status]).toEqual([201, 201]);
      expect(second.body).toEqual(first.body);
      expect(await typesOf(filed.id, ['replied', 'resumed'])).toEqual(['replied', 'resumed']);
    });

    it('keeps both of two different replies sent at once: a customer\'s words are never dropped', async () => {
      const filed = await file();
      expect((await staff('POST', `/staff/complaints/${filed.id}/info-requests`, stack.agentToken, { question: 'Which order?' })).status).toBe(201);
      const reply = (message: string) => stack.request('POST', `/complaints/${filed.id}/replies`, { token: filed.accessToken, body: { message } });
      const answers = (await together(filed.id, () => [reply('Order SO-88123'), reply('And a photo is attached')])) as [Answer, Answer];

      expect(answers.map((a) => a.status)).toEqual([201, 201]);
      const staffCase = await stack.staffCase(filed.id);
      expect(staffCase.timeline.filter((e) => e.type === 'replied').map((e) => e.details.message).sort()).toEqual(['And a photo is attached', 'Order SO-88123']);
      expect(staffCase.timeline.filter((e) => e.type === 'resumed')).toHaveLength(1);
    });
  });

  // Last: it moves the clock a day on, past the instants the others assert.
  describe('Route: POST /surveys/{token}', () => {
    async function surveyed(): Promise<{ filed: Filed; token: string }> {
      const filed = await resolved();
      expect((await confirm(filed, { decision: 'accept' })).status).toBe(200);
      await stack.advanceBy(25);
      await stack.runtime.runSurveySender();
      const mail = (await stack.emailsTo(`race-${customers}@example.com`)).find((m) => /\/surveys\//.test(m.text ?? ''));
      const token = /\/surveys\/([\w-]+\.[\w-]+)/.exec(mail?.text ?? '')?.[1];
      expect(token).toBeDefined();
      return { filed, token: token! };
    }
    const answer = (token: string, body: Record<string, unknown>) =>
      stack.request('POST', `/surveys/${token}`, { body, headers: { 'accept-language': 'en' } });

    it('takes one of two different answers sent at once and refuses the other with 409; the same answer again is answered as the first', async () => {
      const { filed, token } = await surveyed();
      const [first, second] = (await together(filed.id, () => [
        answer(token, { csat: 5, nps: 10 }),
        answer(token, { csat: 2, nps: 3, comment: 'slow' }),
      ])) as [Answer, Answer];

      expect([first.status, second.status].sort()).toEqual([201, 409]);
      const [won, lost, scores] = first.status === 201 ? [first, second, { csat: 5, nps: 10 }] : [second, first, { csat: 2, nps: 3 }];
      expect(won.body).toEqual({ caseNumber: filed.caseNumber, ...scores });
      expect(lost.body).toMatchObject({ code: 'SurveyAlreadyAnswered', decidedAt: expect.any(String) as string });
      const staffCase = await stack.staffCase(filed.id);
      expect(staffCase.survey).toMatchObject(scores);
      expect(staffCase.timeline.filter((e) => e.type === 'survey_answered')).toHaveLength(1);

      const repeat = await answer(token, first.status === 201 ? { csat: 5, nps: 10 } : { csat: 2, nps: 3, comment: 'slow' });
      expect([repeat.status, repeat.body]).toEqual([201, won.body]);
    });
  });
});
