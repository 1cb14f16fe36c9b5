import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { RouteDeclaration } from '#declarations/routes.ts';
import { verifyStaffToken } from './staff-tokens.ts';

export type ApiLambda = (event: APIGatewayProxyEvent, context: unknown) => Promise<APIGatewayProxyResult>;

interface CompiledRoute {
  route: RouteDeclaration;
  pattern: RegExp;
  parameterNames: string[];
}

/** API Gateway's own limit is 10 MB; a complaint is a few KB, so 1 MB is generous. */
const maxBodyBytes = 1024 * 1024;

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

const gatewayError = (response: ServerResponse, status: number, message: string) =>
  send(response, status, JSON.stringify({ message }), { 'content-type': 'application/json' });

async function readBody(request: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) throw new RangeError('body too large');
    chunks.push(chunk as Buffer);
  }
  return chunks.length ? Buffer.concat(chunks).toString('utf8') : null;
}

function toProxyEvent(
  request: IncomingMessage,
  url: URL,
  matched: CompiledRoute,
  parameters: Record<string, string>,
  body: string | null,
  claims: Record<string, string> | undefined,
): APIGatewayProxyEvent {
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    headers[name] = values.join(',');
    multiValueHeaders[name] = values;
  }
  const query: Record<string, string> = {};
  const multiQuery: Record<string, string[]> = {};
  for (const [name, value] of url.searchParams) {
    query[name] = value;
    (multiQuery[name] ??= []).push(value);
  }
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
    body,
    isBase64Encoded: false,
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

  return createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    // Control requests are not tracked: advancing the clock waits for tracked work to settle.
    const isControl = url.pathname.startsWith('/__local/');
    const run = async () => {
      let body: string | null;
      try {
        body = await readBody(request);
      } catch {
        return gatewayError(response, 413, 'Request Entity Too Large');
      }
      const control = isControl ? await options.control?.(request, url, body) : undefined;
      if (control) {
        return send(response, control.status, JSON.stringify(control.body), { 'content-type': 'application/json' });
      }
      const onPath = compiled.filter((c) => c.pattern.test(url.pathname));
      if (onPath.length === 0) return gatewayError(response, 404, `No route for ${url.pathname}`);
      const matched = onPath.find((c) => c.route.method === request.method);
      if (!matched) {
        return send(response, 405, JSON.stringify({ message: 'Method Not Allowed' }), {
          'content-type': 'application/json',
          allow: onPath.map((c) => c.route.method).join(', '),
        });
      }
      const values = matched.pattern.exec(url.pathname)!.slice(1);
      const parameters = Object.fromEntries(matched.parameterNames.map((name, i) => [name, values[i]!]));

      let claims: Record<string, string> | undefined;
      if (matched.route.access === 'staff') {
        const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
        claims = token ? await verifyStaffToken(token) : undefined;
        if (!claims) return gatewayError(response, 401, 'Unauthorized');
      }

      const event = toProxyEvent(request, url, matched, parameters, body, claims);
      try {
        const lambda = await options.lambdaFor(matched.route);
        const result = await lambda(event, {
          awsRequestId: event.requestContext.requestId,
          functionName: matched.route.functionName,
        });
        const headers = Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k, String(v)]));
        send(response, result.statusCode, result.body, headers);
      } catch (error) {
        // A handler that throws is a 502 at API Gateway too; ours never should (they answer problems).
        console.error('handler crashed', error);
        gatewayError(response, 502, 'Internal server error');
      }
    };
    void (isControl ? run() : track(run()));
  });
}
