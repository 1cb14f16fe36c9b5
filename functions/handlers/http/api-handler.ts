import { MIMEType } from 'node:util';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { withOwnStoreMemory } from '#adapters/stores/store-memory.ts';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import * as z from 'zod';
import type { Clock } from '#domain/clock.ts';
import { DomainError } from '#domain/errors.ts';
import { currentClock } from '#adapters/clock.ts';
import { logger } from '#adapters/logger.ts';
import {
  type ApiLocale,
  ProblemError,
  domainProblem,
  fieldPath,
  localeFromHeader,
  parseOrThrow,
  problem,
  type ProblemDetails,
} from './problem.ts';
import { assertQueryEncoding } from './query-encoding.ts';

export { logger } from '#adapters/logger.ts';

export interface ApiRequest {
  event: APIGatewayProxyEvent;
  locale: ApiLocale;
  clock: Clock;
  /** The parsed object of an application/json body; undefined when there is none. */
  body: unknown;
  /** The body as sent, for a handler that takes more than JSON; undefined when there is none. */
  content: { mediaType: string; text: string } | undefined;
  header(name: string): string | undefined;
  /** The decoded path parameter; a value without the given shape is refused with 400 naming the parameter. */
  pathParameter(name: string, shape: z.ZodType<string>): string;
}

export interface ApiAnswer {
  statusCode: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** A body sent as it is (an HTML page), with its content type in `headers`; `body` is then ignored. */
  raw?: string;
}

/** What a handler accepts besides its path parameters. */
export interface ApiHandlerOptions {
  /** Media types of the body, without parameters; application/json bodies are parsed into `body`. */
  mediaTypes?: readonly string[];
  /** The largest body, in bytes as sent. */
  maxBodyBytes?: number;
  /** The handler validates its own query string; without this any query parameter is refused. */
  readsQuery?: boolean;
}

// A complaint is a few KB: 64 KiB leaves room for any form without letting one request hold a function.
const defaults: Required<ApiHandlerOptions> = { mediaTypes: ['application/json'], maxBodyBytes: 64 * 1024, readsQuery: false };

/** The shapes of path parameters: a value of another shape is refused before anything is read. */
export const pathShapes = {
  /** file-complaint names complaints with ULIDs. */
  complaintId: z.ulid({ error: 'is not a complaint id (a 26-character ULID)' }),
  /** A link from an email: one base64url token, or a signed `payload.signature` (tokens.ts refuses longer than 512). */
  linkToken: z
    .string()
    .max(512, { error: 'is not a link token (too long)' })
    .regex(/^[\w-]+(?:\.[\w-]+)?$/, { error: 'is not a link token' }),
};

/** The body of an action that takes none: nothing, or an empty JSON object; any field is refused. */
export const NoBody = z.strictObject({}).optional();

/** A whole number in a query string: digits only, so `0x10`, `1e3`, ` 7` or an empty value are refused, not coerced. */
export const queryInteger = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, { error: 'is not a whole number' })
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

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
    if (key.toLowerCase() === wanted && typeof value === 'string') return value;
  }
  return undefined;
}

/** A 400 about one field, in the caller's language. */
function invalid(locale: ApiLocale, field: string, text: Record<ApiLocale, { problem: string; detail: string }>): ProblemError {
  const { problem: what, detail } = text[locale];
  return new ProblemError(problem('invalid', locale, detail, { errors: [{ field, problem: what }] }));
}

// RFC 9110 gives a GET or HEAD body no meaning; API Gateway passes one on, and it is ignored.
const methodsWithBody = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// Fatal: a body with bytes that are not UTF-8 is refused, never repaired with U+FFFD into something else.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
// In a u-mode pattern a paired surrogate is one code point, so this finds only lone halves.
const loneSurrogate = /\p{Surrogate}/u;

function mediaTypeOf(event: APIGatewayProxyEvent, accepted: readonly string[], locale: ApiLocale): string {
  const header = headerOf(event, 'content-type');
  let type: MIMEType | undefined;
  try {
    type = header === undefined ? undefined : new MIMEType(header);
  } catch {
    type = undefined;
  }
  const charset = type?.params.get('charset')?.toLowerCase();
  if (type && accepted.includes(type.essence) && (charset === undefined || charset === 'utf-8')) return type.essence;
  const list = accepted.join(locale === 'zh-CN' ? '、' : ' or ');
  throw new ProblemError(
    problem(
      'unsupported_media_type',
      locale,
      locale === 'zh-CN'
        ? `请求正文须为 ${list}（UTF-8），收到的 Content-Type 为 ${header === undefined ? '（无）' : JSON.stringify(header)}`
        : `The body must be ${list} (UTF-8); the Content-Type was ${header === undefined ? 'missing' : JSON.stringify(header)}`,
      { accepted: [...accepted] },
    ),
  );
}

function readContent(event: APIGatewayProxyEvent, options: Required<ApiHandlerOptions>, locale: ApiLocale): ApiRequest['content'] {
  if (!methodsWithBody.has(event.httpMethod.toUpperCase()) || !event.body) return undefined;
  // API Gateway hands over a string, or base64 when it took the body for binary.
  const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : undefined;
  const size = raw ? raw.length : Buffer.byteLength(event.body, 'utf8');
  if (size > options.maxBodyBytes) {
    const kib = Math.floor(options.maxBodyBytes / 1024);
    throw new ProblemError(
      problem(
        'content_too_large',
        locale,
        locale === 'zh-CN' ? `请求正文超过 ${kib} KiB 上限` : `The body is larger than the limit of ${kib} KiB`,
        { maxBytes: options.maxBodyBytes },
      ),
    );
  }
  const mediaType = mediaTypeOf(event, options.mediaTypes, locale);
  let text: string | undefined;
  try {
    text = raw ? utf8.decode(raw) : event.body;
  } catch {
    text = undefined;
  }
  if (text === undefined || loneSurrogate.test(text)) {
    throw invalid(locale, '(body)', {
      en: { problem: 'is not UTF-8 text', detail: 'The request body is not valid UTF-8' },
      'zh-CN': { problem: '不是 UTF-8 文本', detail: '请求正文不是有效的 UTF-8 文本' },
    });
  }
  return { mediaType, text };
}

/** The first place in a JSON value holding a lone surrogate (from a `\ud800` escape), as a field path. */
function loneSurrogateField(value: unknown): string | undefined {
  // A stack, not recursion: 64 KiB of `[` nests deeper than the call stack goes.
  const pending: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  while (pending.length) {
    const { value: current, path } = pending.pop()!;
    if (typeof current === 'string' && loneSurrogate.test(current)) return fieldPath(path);
    if (Array.isArray(current)) current.forEach((item, i) => pending.push({ value: item, path: [...path, i] }));
    else if (current && typeof current === 'object') {
      for (const [key, item] of Object.entries(current)) {
        if (loneSurrogate.test(key)) return fieldPath([...path, key]);
        pending.push({ value: item, path: [...path, key] });
      }
    }
  }
  return undefined;
}

function parseJsonObject(text: string, locale: ApiLocale): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid(locale, '(body)', {
      en: { problem: 'is not valid JSON', detail: 'The request body is not valid JSON' },
      'zh-CN': { problem: '不是有效的 JSON', detail: '请求正文不是有效的 JSON' },
    });
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw invalid(locale, '(body)', {
      en: { problem: 'must be a JSON object', detail: 'The request body must be a JSON object' },
      'zh-CN': { problem: '须为 JSON 对象', detail: '请求正文须为 JSON 对象' },
    });
  }
  const field = loneSurrogateField(value);
  if (field !== undefined) {
    throw invalid(locale, field, {
      en: {
        problem: 'is not valid Unicode text (a lone surrogate)',
        detail: `The request body has text that is not valid Unicode at ${field}`,
      },
      'zh-CN': { problem: '含有无效的 Unicode 字符（孤立代理项）', detail: `请求正文 ${field} 处含有无效的 Unicode 字符` },
    });
  }
  return value as Record<string, unknown>;
}

function checkQuery(event: APIGatewayProxyEvent, readsQuery: boolean, locale: ApiLocale): void {
  // API Gateway keeps the last of a repeated parameter in queryStringParameters: refuse rather than guess.
  const repeated = Object.entries(event.multiValueQueryStringParameters ?? {})
    .filter(([, values]) => (values?.length ?? 0) > 1)
    .map(([name]) => name);
  if (repeated.length) {
    throw new ProblemError(
      problem(
        'invalid',
        locale,
        locale === 'zh-CN' ? `查询参数重复：${repeated.join('、')}` : `Query parameters given more than once: ${repeated.join(', ')}`,
        {
          errors: repeated.map((field) => ({ field, problem: locale === 'zh-CN' ? '只能出现一次' : 'is given more than once' })),
        },
      ),
    );
  }
  if (!readsQuery) parseOrThrow(z.strictObject({}), event.queryStringParameters ?? {}, locale, 'query string');
}

function pathParameterOf(event: APIGatewayProxyEvent, locale: ApiLocale, name: string, shape: z.ZodType<string>): string {
  const where = `path parameter ${name}`;
  const raw = event.pathParameters?.[name];
  let value: string | undefined;
  try {
    value = raw === undefined ? undefined : decodeURIComponent(raw);
  } catch {
    throw invalid(locale, where, {
      en: { problem: 'is not valid percent-encoded UTF-8', detail: `The ${where} is not valid percent-encoded UTF-8` },
      'zh-CN': { problem: '不是有效的百分号编码 UTF-8', detail: `路径参数 ${name} 不是有效的百分号编码 UTF-8` },
    });
  }
  return parseOrThrow(shape, value, locale, where);
}

/**
 * The one place where errors become HTTP answers, and where what every
 * request shares is checked before a handler runs: the query string, the
 * body's size, media type, encoding and JSON. A validation or domain error
 * becomes its problem document; anything else is logged and answered as a
 * 500 without internals, so a customer never sees a stack trace.
 */
export function apiHandler(run: (request: ApiRequest) => Promise<ApiAnswer>, options: ApiHandlerOptions = {}) {
  const settings = { ...defaults, ...options };
  return middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler((event) => withOwnStoreMemory(() => answer(event)));

  async function answer(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
    const locale = localeFromHeader(headerOf(event, 'accept-language'));
    try {
      assertQueryEncoding(event, locale);
      checkQuery(event, settings.readsQuery, locale);
      const content = readContent(event, settings, locale);
      const request: ApiRequest = {
        event,
        locale,
        clock: currentClock(),
        body: content?.mediaType === 'application/json' ? parseJsonObject(content.text, locale) : undefined,
        content,
        header: (name) => headerOf(event, name),
        pathParameter: (name, shape) => pathParameterOf(event, locale, name, shape),
      };
      const answer = await run(request);
      if (answer.raw !== undefined) return { statusCode: answer.statusCode, headers: answer.headers ?? {}, body: answer.raw };
      return json(answer.statusCode, answer.body ?? {}, answer.headers);
    } catch (error) {
      if (error instanceof ProblemError) return problemResponse(error.problem);
      if (error instanceof DomainError) return problemResponse(domainProblem(error, locale));
      // Every retry lost a race on the same case: nothing was written, so the caller may simply send it again.
      if (error instanceof Error && error.name === 'ConcurrentUpdateError') {
        const busy = problemResponse(
          problem(
            'busy',
            locale,
            locale === 'zh-CN'
              ? '这件投诉正被多人同时修改，本次请求未生效，请稍后重试'
              : 'This complaint is being changed by several people at once; nothing was saved, please retry',
          ),
        );
        return { ...busy, headers: { ...busy.headers, 'retry-after': '1' } };
      }
      logger.error('unhandled error', { error: error as Error, path: event.path, method: event.httpMethod });
      return problemResponse(
        problem('internal', locale, locale === 'zh-CN' ? '服务暂时出错，请稍后重试' : 'Something went wrong on our side; please retry'),
      );
    }
  }
}
