import type { Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteDeclaration } from '#declarations/routes.ts';
import { createHttpFront } from '#local/http-front.ts';

const echoContract = { tag: 'Customer', request: {}, responses: { 200: { description: 'echo' } }, capabilities: [] } as const;
const routes: RouteDeclaration[] = [
  { method: 'POST', path: '/echo/{id}', handler: 'test/echo', functionName: 'Echo', access: 'public', summary: 'echo', ...echoContract },
  {
    method: 'GET',
    path: '/staff/echo',
    handler: 'test/echo',
    functionName: 'StaffEcho',
    access: 'staff',
    groups: ['agents'],
    summary: 'echo',
    ...echoContract,
  },
];

/** The proxy event the front built, as the handler received it. */
interface Echo {
  query: APIGatewayProxyEvent['queryStringParameters'];
  multiQuery: APIGatewayProxyEvent['multiValueQueryStringParameters'];
  body: string | null;
  isBase64Encoded: boolean;
}

describe('Local HTTP front: bad requests', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createHttpFront({
      routes,
      lambdaFor: () =>
        Promise.resolve((event: APIGatewayProxyEvent) =>
          Promise.resolve({
            statusCode: 200,
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              query: event.queryStringParameters,
              multiQuery: event.multiValueQueryStringParameters,
              body: event.body,
              isBase64Encoded: event.isBase64Encoded,
            } satisfies Echo),
          }),
        ),
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const expectProblem = async (response: Response, status: number) => {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toMatchObject({ type: expect.any(String), title: expect.any(String), status, detail: expect.any(String) });
  };

  it('answers a query naming __proto__ or constructor, passing them on as parameters (the request hung unanswered)', async () => {
    // Fuzz counterexample: POST /surveys/…?__proto__=1 — a TypeError in building the event, never answered.
    const response = await fetch(`${base}/echo/1?__proto__=1&constructor=x&constructor=y`, { method: 'POST', signal: AbortSignal.timeout(5000) });

    expect(response.status).toBe(200);
    const echo = (await response.json()) as Echo;
    expect(Object.entries(echo.query ?? {})).toEqual([
      ['__proto__', '1'],
      ['constructor', 'y'],
    ]);
    expect(Object.entries(echo.multiQuery ?? {})).toEqual([
      ['__proto__', ['1']],
      ['constructor', ['x', 'y']],
    ]);
  });

  it('hands a body that is not UTF-8 to the handler as base64, never repaired with U+FFFD', async () => {
    const bytes = Buffer.from([0x7b, 0xc0, 0xaf, 0x7d]);
    const echo = (await (await fetch(`${base}/echo/1`, { method: 'POST', body: bytes })).json()) as Echo;
    expect(echo).toMatchObject({ isBase64Encoded: true, body: bytes.toString('base64') });

    const text = (await (await fetch(`${base}/echo/1`, { method: 'POST', body: '{"a":"长"}' })).json()) as Echo;
    expect(text).toMatchObject({ isBase64Encoded: false, body: '{"a":"长"}' });
  });

  it('answers a wrong method with 405 problem details and Allow (was plain JSON)', async () => {
    const response = await fetch(`${base}/echo/1`, { method: 'DELETE' });
    expect(response.headers.get('allow')).toBe('POST');
    await expectProblem(response, 405);
  });

  it('answers a request line over 16 KiB with 431 problem details (Node answered with no body)', async () => {
    await expectProblem(await fetch(`${base}/echo/1?q=${'x'.repeat(20_000)}`, { method: 'POST' }), 431);
  });

  it('answers a request target URL cannot parse with 400 (it threw in the request listener and took the process down)', async () => {
    // fetch normalises every URL it sends, so this one goes over a raw socket.
    const port = (server.address() as AddressInfo).port;
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.end('GET //[ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n'));
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    expect(raw).toMatch(/content-type: application\/problem\+json/i);
  });

  it('answers no route, no staff sign-in and a body over 10 MiB with problem details', async () => {
    await expectProblem(await fetch(`${base}/nowhere`), 404);
    await expectProblem(await fetch(`${base}/staff/echo`), 401);
    await expectProblem(await fetch(`${base}/echo/1`, { method: 'POST', body: new Uint8Array(10 * 1024 * 1024 + 1) }), 413);
  });
});
