import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Started, startLocalStack, stopLocalStack } from '../support/child-stack.ts';

describe('e2e: the local stack driven over HTTP', () => {
  let stack: Started;

  beforeAll(async () => {
    stack = await startLocalStack();
  }, 90_000);

  afterAll(async () => stopLocalStack(stack));

  const call = async (method: string, path: string, body?: unknown, token?: string) => {
    const response = await fetch(`${stack.api}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('prints where everything listens, all on 127.0.0.1', () => {
    expect(stack.api).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(stack.mailViewer).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);
    expect(stack.output()).toMatch(/DynamoDB endpoint\s+http:\/\/127\.0\.0\.1:\d+/);
    expect(stack.output()).toMatch(/Step Functions\s+http:\/\/127\.0\.0\.1:\d+/);
  });

  it('takes one complaint through its whole life', async () => {
    const filed = await call('POST', '/complaints', {
      customer: { id: 'e2e-1', name: 'Chen Jie', email: 'chen.jie.e2e@example.com', phone: '+86 138 0013 8000', locale: 'en' },
      channel: 'app',
      subject: 'Charged twice for one order',
      description: 'My card was charged twice for order SO-1.',
      orderRef: 'SO-1',
    });
    expect(filed.status).toBe(201);
    const id = filed.body.id as string;
    const accessToken = filed.body.accessToken as string;
    expect(filed.body.caseNumber).toMatch(/^CL-\d{8}-0001$/);

    expect((await call('POST', `/staff/complaints/${id}/claim`, undefined, stack.agentToken)).status).toBe(200);
    expect((await call('POST', `/staff/complaints/${id}/responses`, { message: 'We are on it.' }, stack.agentToken)).status).toBe(201);
    const resolved = await call('POST', `/staff/complaints/${id}/resolution`, { rootCause: 'Duplicate capture', resolution: 'Refunded the second charge' }, stack.agentToken);
    expect(resolved.body.phase).toBe('AWAITING_CONFIRMATION');
    expect((await call('POST', `/complaints/${id}/confirmation`, { decision: 'accept' }, accessToken)).status).toBe(200);

    // The workflow closes the case asynchronously: poll the case (bounded), as a client would.
    let phase = '';
    for (let attempt = 0; attempt < 100 && phase !== 'CLOSED'; attempt++) {
      phase = (await call('GET', `/complaints/${id}`, undefined, accessToken)).body.phase as string;
      if (phase !== 'CLOSED') await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(phase).toBe('CLOSED');

    const advanced = await call('POST', '/__local/clock/advance', { hours: 25 });
    expect(advanced.status).toBe(200);

    const store = (await (await fetch(`${stack.mailViewer.replace(/\/$/, '')}/store`)).json()) as { emails: { subject: string; body: { text: string } }[] };
    const subjects = store.emails.map((m) => m.subject);
    expect(subjects.filter((s) => s.startsWith('We received your complaint'))).toHaveLength(1);
    const survey = store.emails.find((m) => m.subject.startsWith('How did we do?'));
    expect(survey).toBeDefined();
    const link = /(http:\/\/127\.0\.0\.1:\d+\/surveys\/[\w.-]+)/.exec(survey!.body.text)?.[1];
    expect(link).toBeDefined();

    const answered = await fetch(link!, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ csat: 4, nps: 8 }) });
    expect(answered.status).toBe(201);

    const finalCase = await call('GET', `/complaints/${id}`, undefined, accessToken);
    const types = (finalCase.body.timeline as { type: string }[]).map((e) => e.type);
    // The acknowledgement is sent by the workflow while the agent may already be claiming: only these two may swap.
    expect(types.filter((t) => t !== 'acknowledgement_sent')).toEqual([
      'received',
      'claimed',
      'responded',
      'resolved',
      'confirmed',
      'closed',
      'survey_sent',
      'survey_answered',
    ]);
    expect(types.filter((t) => t === 'acknowledgement_sent')).toHaveLength(1);

    // Personal data never reaches the logs of a whole run.
    expect(stack.output()).not.toContain('chen.jie.e2e@example.com');
    expect(stack.output()).not.toContain('138 0013 8000');
    expect(stack.output()).not.toContain('13800138000');
  });
});
