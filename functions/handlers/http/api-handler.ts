import { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { Clock } from '#domain/clock.ts';
import { DomainError } from '#domain/errors.ts';
import { currentClock } from '#adapters/clock.ts';
import {
  type ApiLocale,
  ProblemError,
  domainProblem,
  localeFromHeader,
  problem,
  type ProblemDetails,
} from './problem.ts';

export const logger = new Logger({ serviceName: 'closeloop' });

export interface ApiRequest {
  event: APIGatewayProxyEvent;
  locale: ApiLocale;
  clock: Clock;
  /** The parsed JSON body; undefined when there is none. */
  body: unknown;
  header(name: string): string | undefined;
  pathParameter(name: string): string;
}

export interface ApiAnswer {
  statusCode: number;
  body?: unknown;
  headers?: Record<string, string>;
}

const json = (statusCode: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyResult => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  body: JSON.stringify(body),
});

const problemResponse = (details: ProblemDetails): APIGatewayProxyResult => ({
  statusCode: details.status,
  headers: { 'content-type': 'application/problem+json; charset=utf-8' },
  body: JSON.stringify(details),
});

function headerOf(event: APIGatewayProxyEvent, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === wanted && value !== undefined) return value;
  }
  return undefined;
}

function parseBody(event: APIGatewayProxyEvent, locale: ApiLocale): unknown {
  if (event.body === null || event.body === undefined || event.body === '') return undefined;
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ProblemError(
      problem('invalid', locale, locale === 'zh-CN' ? '请求正文不是有效的 JSON' : 'The request body is not valid JSON', {
        errors: [{ field: '(body)', problem: locale === 'zh-CN' ? '不是有效的 JSON' : 'is not valid JSON' }],
      }),
    );
  }
}

/**
 * The one place where errors become HTTP answers: a validation or domain error
 * becomes its problem document; anything else is logged and answered as a 500
 * without internals, so a customer never sees a stack trace.
 */
export function apiHandler(run: (request: ApiRequest) => Promise<ApiAnswer>) {
  return middy<APIGatewayProxyEvent, APIGatewayProxyResult>().handler(async (event) => {
    const locale = localeFromHeader(headerOf(event, 'accept-language'));
    try {
      const request: ApiRequest = {
        event,
        locale,
        clock: currentClock(),
        body: parseBody(event, locale),
        header: (name) => headerOf(event, name),
        pathParameter: (name) => {
          const value = event.pathParameters?.[name];
          if (!value) throw new ProblemError(problem('invalid', locale, `missing path parameter ${name}`));
          return decodeURIComponent(value);
        },
      };
      const answer = await run(request);
      return json(answer.statusCode, answer.body ?? {}, answer.headers);
    } catch (error) {
      if (error instanceof ProblemError) return problemResponse(error.problem);
      if (error instanceof DomainError) return problemResponse(domainProblem(error, locale));
      logger.error('unhandled error', { error: error as Error, path: event.path, method: event.httpMethod });
      return problemResponse(problem('internal', locale, locale === 'zh-CN' ? '服务暂时出错，请稍后重试' : 'Something went wrong on our side; please retry'));
    }
  });
}
