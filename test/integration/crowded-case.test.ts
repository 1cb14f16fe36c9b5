import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueStaffToken } from '#local/staff-tokens.ts';
import { aFilingBody } from '../support/builders.ts';
import { LocalStack } from '../support/local-stack.ts';

/*
 * Many people acting on one case at the same moment: a customer replying while
 * supervisors re-grade, escalate and re-categorise and agents claim and answer.
 * Each write retries its lost races; none may fail as a 500 (36 writers on one
 * case used to exhaust five attempts), and every write answered as done is on
 * the timeline.
 */
describe('One case, 36 writes at once, on the local engines', () => {
  let stack: LocalStack;

  beforeAll(async () => {
    // Mon 2025-11-03 10:00 Shanghai.
    stack = await LocalStack.start('2025-11-03T02:00:00.000Z');
  });
  afterAll(async () => stack.stop());

  it('answers every write as done or refused with a 4xx problem, never a 5xx, and loses none it answered as done', async () => {
    const agent = await issueStaffToken('agent', 'agent-1');
    const supervisor = stack.supervisorToken;
    const filed = await stack.request<{ id: string; accessToken: string }>('POST', '/complaints', {
      body: aFilingBody({ customer: { id: 'c-crowd', name: 'Crowd', email: 'crowd@example.com', locale: 'en' } }),
    });
    expect(filed.status).toBe(201);
    const { id, accessToken } = filed.body;

    const writes: { path: string; token: string; body: Record<string, unknown> }[] = [];
    for (let i = 0; i < 4; i++) {
      writes.push(
        {
          path: `/staff/complaints/${id}/category`,
          token: supervisor,
          body: { category: i % 2 ? 'billing_dispute' : 'logistics', reason: 'customer called' },
        },
        { path: `/complaints/${id}/replies`, token: accessToken, body: { message: `Here is photo ${i + 1}` } },
        { path: `/staff/complaints/${id}/escalations`, token: supervisor, body: { level: 1 + (i % 3), note: 'customer called twice' } },
        { path: `/staff/complaints/${id}/escalations/ack`, token: supervisor, body: { level: 1 } },
        { path: `/staff/complaints/${id}/responses`, token: agent, body: { message: 'We are on it' } },
        { path: `/staff/complaints/${id}/severity`, token: supervisor, body: { severity: i % 2 ? 'L2' : 'L3', reason: 'safety' } },
        { path: `/staff/complaints/${id}/claim`, token: agent, body: {} },
        { path: `/staff/complaints/${id}/info-requests`, token: agent, body: { question: 'Which order?' } },
        { path: `/staff/complaints/${id}/assignment`, token: supervisor, body: { agentId: 'agent-2', reason: 'holiday' } },
      );
    }

    const answers = await Promise.all(
      writes.map(async (w) => ({ ...w, answer: await stack.request('POST', w.path, { token: w.token, body: w.body }) })),
    );

    expect(answers.filter(({ answer }) => answer.status >= 500).map(({ path, answer }) => `${path} ${answer.status}`)).toEqual([]);
    for (const { answer } of answers.filter(({ answer }) => answer.status >= 400)) {
      expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(answer.body).toMatchObject({ status: answer.status, title: expect.any(String), detail: expect.any(String) });
    }
    // The four replies do not conflict with anything: each is taken, and each is on the timeline once.
    const replies = answers.filter(({ path }) => path.endsWith('/replies'));
    expect(replies.map(({ answer }) => answer.status)).toEqual([201, 201, 201, 201]);
    const timeline = (await stack.staffCase(id)).timeline;
    const replied = timeline.filter((e) => e.type === 'replied').map((e) => e.details.message);
    expect(replied.sort()).toEqual(['Here is photo 1', 'Here is photo 2', 'Here is photo 3', 'Here is photo 4']);
  });
});
