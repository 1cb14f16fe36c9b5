import { readFileSync } from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Started, startLocalStack, stopLocalStack } from '../support/child-stack.ts';
import { type Exchange, openApiValidator } from '../support/openapi-validator.ts';

/**
 * The contract test: a whole complaint life, and the refusals a client
 * meets, over HTTP against `npm start`'s program; every request and every
 * answer is checked against the committed OpenAPI document by a standard
 * validator, not by our own zod schemas.
 */
describe('e2e: every request and answer of a complaint life conforms to openapi/closeloop.json', () => {
  let stack: Started;
  const violationsOf = openApiValidator();
  const exchanges: Exchange[] = [];

  beforeAll(async () => {
    stack = await startLocalStack();
  }, 90_000);
  afterAll(async () => stopLocalStack(stack));

  async function call(
    method: string,
    url: string,
    options: {
      body?: unknown;
      token?: string;
      headers?: Record<string, string>;
      expect: number;
    },
  ): Promise<Record<string, unknown>> {
    const headers: Record<string, string> = {
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    };
    const response = await fetch(`${stack.api}${url}`, {
      method,
      headers,
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    const contentType = response.headers.get('content-type') ?? '';
    const text = await response.text();
    const answer: unknown = contentType.includes('json') ? JSON.parse(text) : text;
    exchanges.push({
      method,
      url,
      headers,
      body: options.body,
      status: response.status,
      contentType,
      answer,
    });
    expect({ method, url, status: response.status }).toEqual({
      method,
      url,
      status: options.expect,
    });
    return (typeof answer === 'object' ? answer : { text: answer }) as Record<string, unknown>;
  }
  const barrier = () =>
    call('POST', '/__local/clock/advance', {
      body: { minutes: 1 },
      expect: 200,
    });

  it('serves a valid OpenAPI 3.1 document, the one committed, with every route of the route table', async () => {
    const served = await (await fetch(`${stack.api}/openapi.json`)).json();
    expect(served).toEqual(JSON.parse(readFileSync(new URL('../../openapi/closeloop.json', import.meta.url), 'utf8')));
    const validator = new Validator();
    const result = await validator.validate(served as Record<string, unknown>);
    expect(validator.version).toBe('3.1');
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    const docs = await fetch(`${stack.api}/docs`);
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-security-policy')).not.toContain('unsafe-inline');
    expect(await docs.text()).toContain('/docs/start.js');
    expect(stack.output()).toMatch(/OpenAPI document\s+http:\/\/127\.0\.0\.1:\d+\/openapi\.json/);
    expect(stack.output()).toMatch(/API reference\s+http:\/\/127\.0\.0\.1:\d+\/docs/);
  });

  it('takes a complaint through filing, pause, escalation, re-grade, rejection, acceptance and survey', async () => {
    const filing = {
      customer: {
        id: 'contract-1',
        name: '王芳',
        email: 'wang.fang.contract@example.cn',
        phone: '+86 138 0013 8000',
        locale: 'zh-CN',
      },
      channel: 'web',
      subject: '快递三天没有更新',
      description: '订单显示已发货，但物流信息三天没有更新。',
      orderRef: 'SO-77',
    };
    const filed = await call('POST', '/complaints', {
      body: filing,
      headers: { 'Idempotency-Key': 'contract-key-1' },
      expect: 201,
    });
    await call('POST', '/complaints', {
      body: filing,
      headers: { 'Idempotency-Key': 'contract-key-1' },
      expect: 201,
    });
    const id = filed.id as string;
    const token = filed.accessToken as string;
    const agent = stack.agentToken;
    const supervisor = stack.supervisorToken;

    await call('GET', `/complaints/${id}`, { token, expect: 200 });
    await call('GET', `/complaints/${id}/timeline?limit=10`, {
      token,
      expect: 200,
    });
    await call('GET', '/staff/queue?scope=unassigned&limit=5', {
      token: agent,
      expect: 200,
    });
    await call('GET', '/staff/policies', { token: agent, expect: 200 });
    await call('POST', `/staff/complaints/${id}/claim`, {
      token: agent,
      expect: 200,
    });
    await call('POST', `/staff/complaints/${id}/info-requests`, {
      body: { question: '请提供快递单号。' },
      token: agent,
      expect: 201,
    });
    await call('GET', `/complaints/${id}`, { token, expect: 200 });
    await call('GET', `/staff/complaints/${id}`, { token: agent, expect: 200 });
    await call('POST', `/complaints/${id}/replies`, {
      body: { message: '快递单号是 SF123。' },
      token,
      expect: 201,
    });
    await call('POST', `/staff/complaints/${id}/responses`, {
      body: { message: '已联系快递公司核实。' },
      token: agent,
      expect: 201,
    });
    await call('POST', `/staff/complaints/${id}/escalations`, {
      body: { level: 1, note: '客户很着急' },
      token: supervisor,
      expect: 202,
    });
    await barrier();
    await call('GET', '/staff/escalations?level=1&limit=5', { token: supervisor, expect: 200 });
    await call('POST', `/staff/complaints/${id}/escalations/ack`, {
      body: {},
      token: supervisor,
      expect: 200,
    });
    await call('POST', `/staff/complaints/${id}/severity`, {
      body: { severity: 'L2', reason: '涉及多次延误' },
      token: supervisor,
      expect: 200,
    });
    await call('POST', `/staff/complaints/${id}/category`, {
      body: { category: 'service_process', reason: '实为退换货流程问题' },
      token: agent,
      expect: 200,
    });
    await call('POST', `/staff/complaints/${id}/resolution`, {
      body: { rootCause: '快递中转滞留', resolution: '已催促派送' },
      token: agent,
      expect: 200,
    });
    await call('GET', `/complaints/${id}/confirmation`, {
      token,
      headers: { accept: 'text/html' },
      expect: 200,
    });
    await call('POST', `/complaints/${id}/confirmation`, {
      body: { decision: 'reject', reason: '还没有收到' },
      token,
      expect: 200,
    });
    await barrier();
    await call('POST', `/staff/complaints/${id}/resolution`, {
      body: {
        rootCause: '快递丢件',
        resolution: '已重新发货',
        compensation: '20 元优惠券',
      },
      token: agent,
      expect: 200,
    });
    await call('POST', `/complaints/${id}/confirmation`, {
      body: { decision: 'accept' },
      token,
      expect: 200,
    });
    await barrier();
    const closed = await call('GET', `/staff/complaints/${id}`, {
      token: supervisor,
      expect: 200,
    });
    expect(closed.phase).toBe('CLOSED');
    await call('GET', `/staff/complaints/${id}/timeline?limit=200`, {
      token: supervisor,
      expect: 200,
    });
    await call('GET', `/staff/cases?q=${encodeURIComponent('快递')}&limit=5`, {
      token: agent,
      expect: 200,
    });

    await call('POST', '/__local/clock/advance', {
      body: { hours: 25 },
      expect: 200,
    });
    const store = (await (await fetch(`${stack.mailViewer.replace(/\/$/, '')}/store`)).json()) as {
      emails: { to: string; body: { text: string } }[];
    };
    const surveyLink = store.emails
      .map((m) => /https?:\/\/127\.0\.0\.1:\d+(\/surveys\/[\w.-]+)/.exec(m.body.text)?.[1])
      .find((link) => link !== undefined);
    expect(surveyLink).toBeDefined();
    await call('GET', surveyLink!, {
      headers: { accept: 'text/html' },
      expect: 200,
    });
    await call('POST', surveyLink!, {
      body: { csat: 5, nps: 9, comment: '谢谢' },
      expect: 201,
    });

    await call('GET', `/complaints/${id}`, { token, expect: 200 });
    const rotated = await call('POST', `/complaints/${id}/access-token`, {
      token,
      expect: 201,
    });
    await call('GET', `/complaints/${id}`, { token, expect: 404 });
    await call('GET', `/complaints/${id}`, { token: rotated.accessToken as string, expect: 200 });
    await call('POST', `/staff/complaints/${id}/access-revocation`, {
      body: { reason: '链接被转发' },
      token: supervisor,
      expect: 202,
    });
    await call('PUT', '/staff/customers/contract-1', {
      body: { tier: 'vip' },
      token: supervisor,
      expect: 200,
    });
    const calendar = readFileSync(new URL('../fixtures/calendar-2027.json', import.meta.url), 'utf8');
    await call('PUT', '/staff/calendar', {
      body: { fileName: 'cn-2027.json', content: calendar },
      token: supervisor,
      expect: 200,
    });
    await call('GET', '/staff/calendar', { token: agent, expect: 200 });

    const second = await call('POST', '/complaints', {
      body: {
        customer: {
          id: 'contract-2',
          name: 'Alex',
          email: 'alex.contract@example.com',
          locale: 'en',
        },
        channel: 'app',
        subject: 'Charged twice',
        description: 'Charged twice for order 4471.',
      },
      expect: 201,
    });
    await call('POST', `/staff/complaints/${second.id as string}/assignment`, {
      body: { agentId: 'sam', reason: 'Billing specialist' },
      token: supervisor,
      expect: 200,
    });
  });

  it('reads the KPI report (JSON with groups and series, CSV) and the breach list', async () => {
    const supervisor = stack.supervisorToken;
    await call('GET', '/staff/reports/kpi?from=2020-01-01&to=2020-12-31&groupBy=severity&interval=month', {
      token: supervisor,
      headers: { 'accept-language': 'zh-CN' },
      expect: 200,
    });
    const today = new Date().toISOString().slice(0, 10);
    const report = await call('GET', `/staff/reports/kpi?from=${today.slice(0, 8)}01&to=${today}&groupBy=agent&interval=week`, {
      token: stack.agentToken,
      expect: 200,
    });
    expect(report.received).toBeTypeOf('number');
    const csv = await call('GET', `/staff/reports/kpi?from=${today.slice(0, 8)}01&to=${today}&format=csv`, {
      token: supervisor,
      expect: 200,
    });
    expect(String(csv.text)).toMatch(/^\uFEFF?from,to,group,name,received,/);
    await call('GET', `/staff/reports/breaches?from=${today.slice(0, 8)}01&to=${today}&limit=5`, { token: supervisor, expect: 200 });
    await call('GET', '/staff/reports/kpi?from=2026-02-30&to=2026-03-01', { token: supervisor, expect: 400 });
  });

  it('documents every refusal a client meets, as problem+json', async () => {
    const anId = '01JD8Z6Q2W3E4R5T6Y7V8K9M0P';
    await call('POST', '/complaints', {
      body: { channel: 'web' },
      headers: { 'accept-language': 'zh-CN' },
      expect: 400,
    });
    await call('GET', `/complaints/${anId}`, { expect: 401 });
    await call('GET', `/complaints/${anId}`, {
      token: 'not-the-token',
      expect: 404,
    });
    await call('GET', '/staff/queue?scope=all', {
      token: stack.agentToken,
      expect: 403,
    });
    await call('GET', '/staff/escalations?level=high', {
      token: stack.supervisorToken,
      headers: { 'accept-language': 'zh-CN' },
      expect: 400,
    });
    await call('GET', '/staff/queue?limit=0x10', {
      token: stack.agentToken,
      expect: 400,
    });
    await call('POST', `/staff/complaints/${anId}/claim`, {
      token: stack.supervisorToken,
      expect: 403,
    });
    await call('POST', `/staff/complaints/${anId}/claim`, {
      token: stack.agentToken,
      expect: 404,
    });
    await call('POST', `/staff/complaints/${anId}/category`, {
      body: { category: 'uncertain' },
      token: stack.agentToken,
      headers: { 'accept-language': 'zh-CN' },
      expect: 400,
    });
    await call('POST', `/staff/complaints/${anId}/category`, {
      body: { category: 'logistics' },
      token: stack.agentToken,
      expect: 404,
    });
  });

  it('found no request or answer that departs from the document', () => {
    expect(exchanges.length).toBeGreaterThan(35);
    const api = exchanges.filter((e) => !e.url.startsWith('/__local/'));
    expect(api.flatMap(violationsOf)).toEqual([]);
  });
});
