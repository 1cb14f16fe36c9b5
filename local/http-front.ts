import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, STATUS_CODES, createServer } from 'node:http';
import type { Duplex } from 'node:stream';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { RouteDeclaration } from '#declarations/routes.ts';
import { localeFromHeader } from '#handlers/http/problem.ts';
import { queryEncodingProblem } from '#handlers/http/query-encoding.ts';
import { verifyStaffToken } from './staff-tokens.ts';

export type ApiLambda = (event: APIGatewayProxyEvent, context: unknown) => Promise<APIGatewayProxyResult>;

interface CompiledRoute {
  route: RouteDeclaration;
  pattern: RegExp;
  parameterNames: string[];
}

/** API Gateway's own payload limit; each handler refuses more than its own, smaller limit with a 413 problem. */
const maxBodyBytes = 10 * 1024 * 1024;

function compile(route: RouteDeclaration): CompiledRoute {
  const parameterNames: string[] = [];
  const source = route.path
    .split('/')
    .map((segment) => {
      const parameter = /^\{(\w+)\}$/.exec(segment);
      if (!parameter) return segment.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
      parameterNames.push(parameter[1]!);
      return '([^/]+)';
    })
    .join('/');
  return { route, pattern: new RegExp(`^${source}/?$`), parameterNames };
}

function send(response: ServerResponse, status: number, body: string, headers: Record<string, string>): void {
  response.writeHead(status, { 'content-length': Buffer.byteLength(body), ...headers });
  response.end(body);
}

/**
 * What API Gateway itself answers before any function runs (no route, no
 * sign-in, too large). CDK gives its gateway responses the same
 * problem+json shape, so a client reads one error format everywhere.
 */
const gatewayProblem = (status: number, message: string) =>
  JSON.stringify({ type: `https://closeloop.dev/problems/gateway-${status}`, title: message, status, detail: message });

const gatewayError = (response: ServerResponse, status: number, message: string, headers: Record<string, string> = {}) =>
  send(response, status, gatewayProblem(status, message), { 'content-type': 'application/problem+json', ...headers });

/**
 * The whole body, or `tooLarge`. A body over the limit is still read to its
 * end and dropped, so the client gets the 413 rather than a reset connection.
 */
async function readBody(request: IncomingMessage): Promise<{ bytes: Buffer | null; tooLarge: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size <= maxBodyBytes) chunks.push(chunk as Buffer);
  }
  if (size > maxBodyBytes) return { bytes: null, tooLarge: true };
  return { bytes: chunks.length ? Buffer.concat(chunks) : null, tooLarge: false };
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * As API Gateway hands a body to a function: text when it is UTF-8, and
 * otherwise base64 with `isBase64Encoded`, never decoded leniently (bytes
 * replaced with U+FFFD would reach the handler as a different, valid body).
 */
function proxyBody(bytes: Buffer | null): { body: string | null; isBase64Encoded: boolean } {
  if (!bytes) return { body: null, isBase64Encoded: false };
  try {
    return { body: utf8.decode(bytes), isBase64Encoded: false };
  } catch {
    return { body: bytes.toString('base64'), isBase64Encoded: true };
  }
}

/**
 * As API Gateway reads a query string: each name and value decoded when it
 * decodes, and passed on as sent when it does not (URLSearchParams would
 * turn `%E0%A4%A` into U+FFFD and `%A`, a different, valid value), so the
 * handler sees what the client sent and can say what to encode.
 */
function queryParameters(search: string): [string, string][] {
  const decoded = (text: string) => {
    try {
      return decodeURIComponent(text.replaceAll('+', ' '));
    } catch {
      return text;
    }
  };
  return search
    .replace(/^\?/, '')
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const equals = part.indexOf('=');
      return equals < 0 ? [decoded(part), ''] : [decoded(part.slice(0, equals)), decoded(part.slice(equals + 1))];
    });
}

/**
 * Node refuses a request target with raw non-ASCII bytes before any handler
 * runs (`?q=投诉` typed into a tool that does not encode). API Gateway passes
 * it on; here the front answers what the handler would say: which text, and
 * its encoding. Undefined when the fault is elsewhere (the path, a header).
 */
function rawQueryTextProblem(packet: Buffer | undefined): string | undefined {
  if (!packet) return undefined;
  const head = packet.toString('utf8');
  const target = /^[A-Z]+ (\S+) HTTP\//.exec(head)?.[1];
  const query = target?.includes('?') ? target.slice(target.indexOf('?') + 1) : undefined;
  if (!query) return undefined;
  for (const part of query.split('&')) {
    const raw = /[^\p{ASCII}]+/u.exec(part)?.[0];
    if (raw === undefined) continue;
    const locale = localeFromHeader(/\r\naccept-language:[ \t]*([^\r\n]*)/i.exec(head)?.[1]);
    const field = part.split('=')[0]!;
    return JSON.stringify(queryEncodingProblem(locale, { kind: 'raw_non_ascii', field, at: raw }));
  }
  return undefined;
}

function toProxyEvent(
  request: IncomingMessage,
  url: URL,
  matched: CompiledRoute,
  parameters: Record<string, string>,
  body: Buffer | null,
  claims: Record<string, string> | undefined,
): APIGatewayProxyEvent {
  // Maps, then Object.fromEntries: a parameter or header named `__proto__` or
  // `constructor` must become an entry like any other, not reach the prototype.
  const headerValues = new Map<string, string[]>();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headerValues.set(name, Array.isArray(value) ? value : [value]);
  }
  const queryValues = new Map<string, string[]>();
  for (const [name, value] of queryParameters(url.search)) queryValues.set(name, [...(queryValues.get(name) ?? []), value]);
  const headers = Object.fromEntries([...headerValues].map(([name, values]) => [name, values.join(',')]));
  const multiValueHeaders = Object.fromEntries(headerValues);
  // API Gateway keeps the last value of a repeated parameter.
  const query = Object.fromEntries([...queryValues].map(([name, values]) => [name, values[values.length - 1]!]));
  const multiQuery = Object.fromEntries(queryValues);
  const now = Date.now();
  return {
    resource: matched.route.path,
    path: url.pathname,
    httpMethod: request.method ?? 'GET',
    headers,
    multiValueHeaders,
    queryStringParameters: Object.keys(query).length ? query : null,
    multiValueQueryStringParameters: Object.keys(multiQuery).length ? multiQuery : null,
    pathParameters: Object.keys(parameters).length ? parameters : null,
    stageVariables: null,
    ...proxyBody(body),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      authorizer: claims ? { claims } : null,
      httpMethod: request.method ?? 'GET',
      identity: { sourceIp: request.socket.remoteAddress ?? '127.0.0.1', userAgent: headers['user-agent'] ?? null },
      path: `/local${url.pathname}`,
      protocol: `HTTP/${request.httpVersion}`,
      requestId: randomUUID(),
      requestTimeEpoch: now,
      resourceId: 'local',
      resourcePath: matched.route.path,
      stage: 'local',
    } as APIGatewayProxyEvent['requestContext'],
  };
}

export interface HttpFrontOptions {
  routes: readonly RouteDeclaration[];
  lambdaFor(route: RouteDeclaration): Promise<ApiLambda>;
  /** Extra, non-product endpoints of the local runtime (clock control), tried before the routes. */
  control?: (
    request: IncomingMessage,
    url: URL,
    body: string | null,
  ) => Promise<{ status: number; body: unknown } | undefined>;
  /** Pages and documents served beside the API (the OpenAPI document, its reference page), tried before the routes. */
  pages?: (method: string | undefined, pathname: string) => Promise<{ status: number; headers: Record<string, string>; body: string | Buffer } | undefined>;
  /** Counts requests in flight, so a manual clock waits for them before moving. */
  track?: <T>(work: Promise<T>) => Promise<T>;
}

/**
 * Turns HTTP requests into REST proxy events for the same handlers, from the
 * same route table as CDK. Staff routes verify a bearer token and fill the
 * authorizer claims as the Cognito authorizer does; 401 otherwise, like API Gateway.
 */
export function createHttpFront(options: HttpFrontOptions): Server {
  const compiled = options.routes.map(compile);
  const track = options.track ?? (<T>(work: Promise<T>) => work);

  const server = createServer((request, response) => {
    let url: URL;
    try {
      url = new URL(request.url ?? '/', 'http://127.0.0.1');
    } catch {
      request.resume();
      return gatewayError(response, 400, 'Bad Request');
    }
    // Control requests are not tracked: advancing the clock waits for tracked work to settle.
    const isControl = url.pathname.startsWith('/__local/');
    const run = async () => {
      const { bytes, tooLarge } = await readBody(request);
      if (tooLarge) return gatewayError(response, 413, 'Request Entity Too Large');
      const control = isControl ? await options.control?.(request, url, bytes?.toString('utf8') ?? null) : undefined;
      if (control) {
        return send(response, control.status, JSON.stringify(control.body), { 'content-type': 'application/json' });
      }
      const page = isControl ? undefined : await options.pages?.(request.method, url.pathname);
      if (page) {
        response.writeHead(page.status, { 'content-length': Buffer.byteLength(page.body), ...page.headers });
        return void response.end(request.method === 'HEAD' ? undefined : page.body);
      }
      const onPath = compiled.filter((c) => c.pattern.test(url.pathname));
      if (onPath.length === 0) return gatewayError(response, 404, `No route for ${url.pathname}`);
      const matched = onPath.find((c) => c.route.method === request.method);
      if (!matched) {
        return gatewayError(response, 405, 'Method Not Allowed', { allow: onPath.map((c) => c.route.method).join(', ') });
      }
      const values = matched.pattern.exec(url.pathname)!.slice(1);
      const parameters = Object.fromEntries(matched.parameterNames.map((name, i) => [name, values[i]!]));

      let claims: Record<string, string> | undefined;
      if (matched.route.access === 'staff') {
        const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
        claims = token ? await verifyStaffToken(token) : undefined;
        if (!claims) return gatewayError(response, 401, 'Unauthorized');
      }

      const event = toProxyEvent(request, url, matched, parameters, bytes, claims);
      const lambda = await options.lambdaFor(matched.route);
      const result = await lambda(event, {
        awsRequestId: event.requestContext.requestId,
        functionName: matched.route.functionName,
      });
      const headers = Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k, String(v)]));
      send(response, result.statusCode, result.body, headers);
    };
    const answered = run().catch((error: unknown) => {
      // A handler that throws is a 502 at API Gateway too; ours never should (they answer problems),
      // and neither should the front: a request that is never answered hangs its client.
      console.error('request crashed', error);
      if (!response.headersSent) gatewayError(response, 502, 'Internal server error');
      else response.destroy();
    });
    void (isControl ? answered : track(answered));
  });
  // What Node cannot parse (a request line and headers over 16 KiB, broken syntax) gets a problem
  // document too, as API Gateway answers such requests itself.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
    const rawText = error.code === 'HPE_INVALID_URL' ? rawQueryTextProblem((error as { rawPacket?: Buffer }).rawPacket) : undefined;
    const body = rawText ?? gatewayProblem(status, STATUS_CODES[status]!);
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/problem+json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  });
  return server;
}
