import type { Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteDeclaration } from '#declarations/routes.ts';
import { apiHandler } from '#handlers/http/api-handler.ts';
import { malformedEscape } from '#handlers/http/query-encoding.ts';
import { type ApiLambda, createHttpFront } from '#local/http-front.ts';
import { aLambdaContext, anApiEvent } from '../support/api-events.ts';

const route: RouteDeclaration = {
  method: 'GET',
  path: '/things',
  handler: 'test/things',
  functionName: 'Things',
  access: 'public',
  summary: 'things',
  tag: 'Customer',
  request: {},
  responses: { 200: { description: 'things' } },
  capabilities: [],
};

/** A handler behind the real wrapper that echoes the query it was given: what both paths, AWS and local, share. */
const things = apiHandler(async (request) => Promise.resolve({ statusCode: 200, body: { query: request.event.queryStringParameters } }), {
  readsQuery: true,
});

const englishDetail = (at: string) =>
  `The query string has a malformed percent-encoding at \`${at}\`; encode \`%\` as \`%25\` and non-ASCII text as UTF-8 percent-encoding`;

describe('Function: malformedEscape', () => {
  it.each([
    ['%zz', '%zz'],
    ['%E0%A4%A', '%E0%A4%A'],
    ['abc%', '%'],
    ['%E0%A4', '%E0%A4'],
    ['ok%20then%ZZ', '%ZZ'],
  ])('finds %j malformed at %j', (text, at) => {
    expect(malformedEscape(text)).toBe(at);
  });

  it.each([['投诉'], ['plain'], ['%E6%8A%95'], ['a%20b'], ['']])('finds nothing wrong in %j', (text) => {
    expect(malformedEscape(text)).toBeUndefined();
  });
});

describe('Handler wrapper: a query string API Gateway passes on undecoded', () => {
  const call = async (query: Record<string, string>, headers: Record<string, string> = {}) => {
    const event: APIGatewayProxyEvent = {
      ...anApiEvent({ path: '/things', headers }),
      queryStringParameters: query,
      multiValueQueryStringParameters: Object.fromEntries(Object.entries(query).map(([k, v]) => [k, [v]])),
    };
    const result = await things(event, aLambdaContext);
    return {
      status: result.statusCode,
      contentType: String(result.headers?.['content-type']),
      body: JSON.parse(result.body) as Record<string, unknown>,
    };
  };

  it('answers 400 problem details saying what to encode for a malformed escape, naming the parameter', async () => {
    const refused = await call({ cursor: '%E0%A4%A' });
    expect(refused).toEqual({
      status: 400,
      contentType: 'application/problem+json; charset=utf-8',
      body: {
        type: 'https://closeloop.dev/problems/invalid',
        title: 'Invalid request',
        status: 400,
        detail: englishDetail('%E0%A4%A'),
        errors: [{ field: 'cursor', problem: 'is not valid percent-encoding' }],
      },
    });
  });

  it('says it in Chinese when asked', async () => {
    const refused = await call({ q: '%zz' }, { 'accept-language': 'zh-CN,zh;q=0.9' });
    expect(refused.status).toBe(400);
    expect(refused.body.detail).toBe('查询字符串在 `%zz` 处的百分号编码无效；请将 `%` 编码为 `%25`，非 ASCII 文本按 UTF-8 百分号编码');
    expect(refused.body.errors).toEqual([{ field: 'q', problem: '百分号编码无效' }]);
  });

  it('takes decoded text, Chinese included', async () => {
    expect(await call({ q: '投诉 物流' })).toMatchObject({ status: 200, body: { query: { q: '投诉 物流' } } });
  });
});

describe('Local HTTP front + handler wrapper: bad query encodings', () => {
  let server: Server;
  let port: number;

  beforeAll(async () => {
    server = createHttpFront({ routes: [route], lambdaFor: () => Promise.resolve(things as unknown as ApiLambda) });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** fetch encodes whatever it sends, so these go over a raw socket as a careless client sends them. */
  const rawGet = (target: Buffer, headers = '') =>
    new Promise<{ status: number; contentType: string; body: Record<string, unknown> }>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () =>
        socket.end(
          Buffer.concat([Buffer.from('GET '), target, Buffer.from(` HTTP/1.1\r\nHost: 127.0.0.1\r\n${headers}Connection: close\r\n\r\n`)]),
        ),
      );
      const chunks: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      socket.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const [head, body] = [text.slice(0, text.indexOf('\r\n\r\n')), text.slice(text.indexOf('\r\n\r\n') + 4)];
        resolve({
          status: Number(/^HTTP\/1\.1 (\d+)/.exec(head)?.[1]),
          contentType: /\r\ncontent-type: ([^\r\n]*)/i.exec(head)?.[1] ?? '',
          body: JSON.parse(body) as Record<string, unknown>,
        });
      });
      socket.on('error', reject);
    });

  it.each([
    ['/things?cursor=%E0%A4%A', '%E0%A4%A', 'cursor'],
    ['/things?q=%zz', '%zz', 'q'],
  ])(
    'answers %s with the 400 that says what to encode (it reached the handler repaired with U+FFFD, or as search text)',
    async (target, at, field) => {
      const answer = await rawGet(Buffer.from(target));
      expect(answer.status).toBe(400);
      expect(answer.contentType).toBe('application/problem+json; charset=utf-8');
      expect(answer.body).toMatchObject({ detail: englishDetail(at), errors: [{ field, problem: 'is not valid percent-encoding' }] });
    },
  );

  it('answers raw non-ASCII text in the query with the encoding to send, in the caller\'s language (was a bare "Bad Request")', async () => {
    const english = await rawGet(Buffer.from('/things?q=投诉'));
    expect(english).toEqual({
      status: 400,
      contentType: 'application/problem+json; charset=utf-8',
      body: {
        type: 'https://closeloop.dev/problems/invalid',
        title: 'Invalid request',
        status: 400,
        detail: 'The query string has unencoded non-ASCII text at `投诉`; send it as UTF-8 percent-encoding (`%E6%8A%95%E8%AF%89`)',
        errors: [{ field: 'q', problem: 'has unencoded non-ASCII text' }],
      },
    });
    const chinese = await rawGet(Buffer.from('/things?limit=5&q=投诉'), 'Accept-Language: zh-CN\r\n');
    expect(chinese.body).toMatchObject({
      title: '请求无效',
      detail: '查询字符串含有未编码的非 ASCII 文本 `投诉`；请将其按 UTF-8 百分号编码后发送（即 `%E6%8A%95%E8%AF%89`）',
      errors: [{ field: 'q', problem: '含有未编码的非 ASCII 文本' }],
    });
  });

  it('still hands a well-encoded query to the handler decoded', async () => {
    const answer = await rawGet(Buffer.from('/things?q=%E6%8A%95%E8%AF%89+a%2Bb'));
    expect(answer).toMatchObject({ status: 200, body: { query: { q: '投诉 a+b' } } });
  });
});
