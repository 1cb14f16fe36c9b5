import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useClock } from '#adapters/clock.ts';
import { fixedClock } from '#domain/clock.ts';
import { DomainError, type DomainErrorName, chineseDomainText, phaseActions, phaseConflict, type PhaseAction } from '#domain/errors.ts';
import { handler as getComplaint } from '#handlers/api/get-complaint.ts';
import { handler as getStaffQueue } from '#handlers/api/get-staff-queue.ts';
import { handler as loadCalendar } from '#handlers/api/load-calendar.ts';
import { handler as reassign } from '#handlers/api/reassign-complaint.ts';
import { type ApiProblemKind, chineseIssueText, domainProblem, problem } from '#handlers/http/problem.ts';
import { aLambdaContext, anApiEvent } from '../support/api-events.ts';

const han = /\p{Script=Han}/u;
const root = join(import.meta.dirname, '../../functions');
const sources = (readdirSync(root, { recursive: true, encoding: 'utf8' }))
  .filter((file) => file.endsWith('.ts'))
  .map((file) => readFileSync(join(root, file), 'utf8'));

/** A detail such as each error carries where it is thrown. */
const sampleDetail: Record<DomainErrorName, Record<string, unknown>> = {
  ComplaintNotFound: { complaintId: '01JDTEST000000000000000000' },
  PhaseConflict: { phase: 'CLOSED' },
  AlreadyClaimed: { owner: 'alice' },
  NotOwner: { owner: 'alice', team: 'east' },
  SurveyAlreadyAnswered: {},
  SurveyBeingSent: {},
  NothingToAcknowledge: { level: 2 },
  AlreadyWaitingOnCustomer: { requestId: 'r-1' },
  NoticeNotOwed: {},
  NoticeBeingSent: {},
  AccessTokenChanged: {},
  IdempotencyKeyReused: { idempotencyKey: 'k-1' },
  InvalidCursor: { field: 'cursor' },
};

const expectChineseAndEnglish = (zh: string, en: string) => {
  expect(zh).toMatch(han);
  expect(zh).not.toBe(en);
  expect(en).not.toMatch(han);
};

describe('Problem details are in the caller\'s language', () => {
  it('every DomainError thrown anywhere with an English message has a Chinese text', () => {
    // A message given as { en, 'zh-CN' } words both languages itself; one given as a string needs chineseDomainText.
    const thrown = new Set(
      sources.flatMap((source) => [...source.matchAll(/new DomainError\(\s*'\w+',\s*'(\w+)',\s*['`]/g)].map((m) => m[1]!)),
    );
    expect(thrown.size).toBeGreaterThan(10);
    expect([...thrown].filter((name) => !Object.hasOwn(chineseDomainText, name))).toEqual([]);
  });

  it.each(Object.keys(chineseDomainText) as DomainErrorName[])('%s: the zh-CN detail is Chinese, the English one English', (name) => {
    const error = new DomainError('conflict', name, `English text of ${name}`, sampleDetail[name]);
    const zh = domainProblem(error, 'zh-CN');
    const en = domainProblem(error, 'en');
    expectChineseAndEnglish(zh.detail, en.detail);
    expectChineseAndEnglish(zh.title, en.title);
  });

  it('names the refused action in Chinese for every phase conflict thrown', () => {
    const used = new Set(sources.flatMap((source) => [...source.matchAll(/phaseConflict\('([^']+)'/g)].map((m) => m[1]!)));
    expect([...used].filter((action) => !Object.hasOwn(phaseActions, action))).toEqual([]);
    for (const action of Object.keys(phaseActions) as PhaseAction[]) {
      const zh = domainProblem(phaseConflict(action, 'CLOSED'), 'zh-CN').detail;
      expect(zh).toBe(`投诉当前处于 CLOSED 阶段，无法${phaseActions[action]}`);
    }
    expect(domainProblem(phaseConflict('claim', 'CLOSED'), 'en').detail).toBe('cannot claim a complaint in phase CLOSED');
  });

  it('lists a field error of a domain error in the same language', () => {
    const error = new DomainError('invalid', 'InvalidCursor', 'the cursor is not one this API gave out', { field: 'cursor' });
    expect(domainProblem(error, 'zh-CN').errors).toEqual([{ field: 'cursor', problem: '分页游标无效：不是本 API 返回的游标' }]);
  });

  it.each(['invalid', 'unauthorized', 'forbidden', 'not_found', 'gone', 'conflict', 'unprocessable', 'content_too_large', 'unsupported_media_type', 'internal'] satisfies ApiProblemKind[])(
    'the %s title is Chinese in zh-CN',
    (kind) => {
      expectChineseAndEnglish(problem(kind, 'zh-CN', '-').title, problem(kind, 'en', '-').title);
    },
  );

  it('every custom schema message in English has its Chinese text', () => {
    const custom = new Set(
      sources.flatMap((source) => [
        ...[...source.matchAll(/\{ error: '([^']+)' \}/g)].map((m) => m[1]!),
        ...[...source.matchAll(/\.regex\(\/.*\/\w*, '([^']+)'\)/g)].map((m) => m[1]!),
      ]),
    );
    // calendar-file.ts reports on a supervisor's upload inside its own sentence (load-calendar wraps it);
    // config.ts's messages are for the engineer who deployed the function, in its logs, never for a caller.
    const notForCallers = [
      'must not be empty',
      'expected "holiday" or "working"',
      'expected a year such as 2027',
      'a calendar file needs at least one entry',
      'is empty',
      'is not an email address such as complaints@example.com',
      'is not an IANA time zone such as Asia/Shanghai',
    ];
    const handlerMessages = [...custom].filter((m) => !notForCallers.includes(m));
    expect(handlerMessages.filter((m) => !Object.hasOwn(chineseIssueText, m))).toEqual([]);
  });
});

describe('Handlers: refusals in zh-CN are in Chinese', () => {
  const dynamo = mockClient(DynamoDBDocumentClient);
  beforeEach(() => useClock(fixedClock('2025-11-24T02:00:00Z')));
  afterEach(() => dynamo.reset());

  const id = '01JDTEST000000000000000000';
  const agent = { username: 'agent-1', groups: ['agents'] };
  const supervisor = { username: 'supervisor-1', groups: ['supervisors'] };
  type Handler = (event: APIGatewayProxyEvent, context: typeof aLambdaContext) => Promise<{ statusCode: number; body: string }>;

  /** The same request in both languages: each detail, and the status both share. */
  async function both(handler: Handler, event: APIGatewayProxyEvent) {
    const ask = async (language: string) => {
      const result = await handler({ ...event, headers: { ...event.headers, 'accept-language': language } }, aLambdaContext);
      return { status: result.statusCode, body: JSON.parse(result.body) as { detail: string; errors?: { problem: string }[] } };
    };
    const [zh, en] = [await ask('zh-CN'), await ask('en')];
    expect(zh.status).toBe(en.status);
    expect(zh.status).toBeGreaterThanOrEqual(400);
    expectChineseAndEnglish(zh.body.detail, en.body.detail);
    for (const [i, e] of (zh.body.errors ?? []).entries()) expectChineseAndEnglish(e.problem, en.body.errors![i]!.problem);
    return zh.body.detail;
  }

  const queue = (query: Record<string, string>, staff = agent, claims: Record<string, string> = {}) => {
    const event = anApiEvent({ path: '/staff/queue', staff });
    const authorizer = event.requestContext.authorizer as { claims: Record<string, string> };
    return {
      ...event,
      requestContext: { ...event.requestContext, authorizer: { claims: { ...authorizer.claims, ...claims } } },
      queryStringParameters: query,
    } as APIGatewayProxyEvent;
  };

  it('staff sign-in and group refusals', async () => {
    expect(await both(getStaffQueue, anApiEvent({ path: '/staff/queue' }))).toBe('需要员工登录');
    expect(await both(loadCalendar, anApiEvent({ method: 'PUT', path: '/staff/calendar', staff: agent, body: {} }))).toBe(
      '此操作需要以下用户组之一的成员身份：supervisors',
    );
  });

  it('queue scope refusals', async () => {
    expect(await both(getStaffQueue, queue({ scope: 'all' }))).toBe('客服只能查看自己的案件、本团队的案件和待认领案件');
    expect(await both(getStaffQueue, queue({ scope: 'team', team: 'west' }, agent, { 'custom:team': 'east' }))).toBe('客服只能查看本团队的队列');
    expect(await both(getStaffQueue, queue({ scope: 'team' }, supervisor))).toBe('scope=team 须同时提供 team');
    expect(await both(getStaffQueue, queue({ scope: 'team' }))).toBe('您不属于任何团队');
    expect(await both(getStaffQueue, queue({ scope: 'agent' }, supervisor))).toBe('scope=agent 须同时提供 agentId');
  });

  it('validation messages of our own schemas, and where they are', async () => {
    expect(await both(getStaffQueue, queue({ limit: '0x10' }))).toBe('请求查询字符串有 1 处错误：limit 不是整数');
    expect(await both(getComplaint, anApiEvent({ path: '/complaints/x', pathParameters: { id: 'x' } }))).toBe(
      '请求路径参数 id 有 1 处错误：路径参数 id 不是投诉编号（26 位 ULID）',
    );
    await both(reassign, anApiEvent({ method: 'POST', path: `/staff/complaints/${id}/assignment`, pathParameters: { id }, staff: supervisor, body: { agentId: 'a b', reason: 'x' } }));
  });

  it('a calendar file that does not parse', async () => {
    const upload = anApiEvent({ method: 'PUT', path: '/staff/calendar', staff: supervisor, body: { fileName: 'closure.json', content: '{' } });
    expect(await both(loadCalendar, upload)).toMatch(/^日历文件无效：closure\.json: not valid JSON/);
  });
});
