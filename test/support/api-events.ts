import type { APIGatewayProxyEvent, Context } from 'aws-lambda';

/** A REST proxy event as API Gateway builds it; staff claims as the Cognito authorizer fills them. */
export function anApiEvent(options: {
  method?: string;
  path?: string;
  resource?: string;
  body?: unknown;
  headers?: Record<string, string>;
  pathParameters?: Record<string, string>;
  staff?: { username: string; groups: string[] };
}): APIGatewayProxyEvent {
  return {
    resource: options.resource ?? options.path ?? '/',
    path: options.path ?? '/',
    httpMethod: options.method ?? 'GET',
    headers: { 'content-type': 'application/json', ...(options.headers ?? {}) },
    multiValueHeaders: {},
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: options.pathParameters ?? null,
    stageVariables: null,
    body: options.body === undefined ? null : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
    isBase64Encoded: false,
    requestContext: {
      authorizer: options.staff
        ? { claims: { sub: options.staff.username, 'cognito:username': options.staff.username, 'cognito:groups': options.staff.groups.join(',') } }
        : null,
      requestId: 'req-1',
    } as unknown as APIGatewayProxyEvent['requestContext'],
  };
}

export const aLambdaContext = { awsRequestId: 'req-1', functionName: 'test', getRemainingTimeInMillis: () => 30_000 } as unknown as Context;
