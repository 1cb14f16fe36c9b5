import type * as z from 'zod';
// One locale by its own path: `z.locales.zhCN` would pull all 64 locales (about 260 KB) into every bundle.
import zhCN from 'zod/v4/locales/zh-CN.js';
import type { DomainError, ProblemKind } from '#domain/errors.ts';

export type ApiLocale = 'zh-CN' | 'en';

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { field: string; problem: string }[];
  [extra: string]: unknown;
}

/** Domain kinds, and the kinds only the HTTP layer meets: a body too large or of the wrong media type. */
export type ApiProblemKind = ProblemKind | 'internal' | 'content_too_large' | 'unsupported_media_type';

const statusByKind: Record<ApiProblemKind, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  gone: 410,
  conflict: 409,
  unprocessable: 422,
  content_too_large: 413,
  unsupported_media_type: 415,
  internal: 500,
};

const titles: Record<ApiProblemKind, Record<ApiLocale, string>> = {
  invalid: { en: 'Invalid request', 'zh-CN': '请求无效' },
  unauthorized: { en: 'Authentication required', 'zh-CN': '需要身份验证' },
  forbidden: { en: 'Not allowed', 'zh-CN': '无权执行此操作' },
  not_found: { en: 'Not found', 'zh-CN': '未找到' },
  gone: { en: 'Link no longer valid', 'zh-CN': '链接已失效' },
  conflict: { en: 'Conflict with the current state', 'zh-CN': '与当前状态冲突' },
  unprocessable: { en: 'Request cannot be processed', 'zh-CN': '请求无法处理' },
  content_too_large: { en: 'Request body too large', 'zh-CN': '请求正文过大' },
  unsupported_media_type: { en: 'Unsupported media type', 'zh-CN': '不支持的媒体类型' },
  internal: { en: 'Internal error', 'zh-CN': '内部错误' },
};

/** The customer's language from Accept-Language; English unless Chinese is preferred. */
export function localeFromHeader(acceptLanguage: string | undefined): ApiLocale {
  return acceptLanguage?.trim().toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function problem(
  kind: ApiProblemKind,
  locale: ApiLocale,
  detail: string,
  extra: Partial<ProblemDetails> = {},
): ProblemDetails {
  return {
    type: `https://closeloop.dev/problems/${kind.replaceAll('_', '-')}`,
    title: titles[kind][locale],
    status: statusByKind[kind],
    detail,
    ...extra,
  };
}

/**
 * A field path as a client writes it: `customer.email`, `items[2].name`. The
 * value itself is `root`: `(body)`, or the name of the header or parameter.
 */
export function fieldPath(path: readonly PropertyKey[], root = '(body)'): string {
  if (path.length === 0) return root;
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`))
    .join('');
}

export function validationProblem(error: z.ZodError, locale: ApiLocale, where = 'body'): ProblemDetails {
  const root = where === 'body' ? '(body)' : where;
  const errors = error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        field: fieldPath([...issue.path, key], root),
        problem: locale === 'zh-CN' ? '不允许的字段' : 'is not an accepted field',
      }));
    }
    return [{ field: fieldPath(issue.path, root), problem: issue.message }];
  });
  const detail =
    locale === 'zh-CN'
      ? `请求${where === 'body' ? '正文' : where}有 ${errors.length} 处错误：${errors.map((e) => `${e.field} ${e.problem}`).join('；')}`
      : `The request ${where} has ${errors.length} error(s): ${errors.map((e) => `${e.field}: ${e.problem}`).join('; ')}`;
  return problem('invalid', locale, detail, { errors });
}

export function domainProblem(error: DomainError, locale: ApiLocale): ProblemDetails {
  // A domain error about one input field lists it like a validation error, so a client reads one shape.
  const field = error.kind === 'invalid' && typeof error.detail.field === 'string' ? error.detail.field : undefined;
  const message = error.messageIn(locale);
  return problem(error.kind, locale, message, {
    code: error.name,
    ...error.detail,
    ...(field !== undefined ? { errors: [{ field, problem: message }] } : {}),
  });
}

const chineseErrors = zhCN().localeError;

export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, locale: ApiLocale, where = 'body'): z.infer<T> {
  const result = schema.safeParse(value, locale === 'zh-CN' ? { error: chineseErrors } : undefined);
  if (!result.success) throw new ProblemError(validationProblem(result.error, locale, where));
  return result.data;
}

/** A fully formed answer thrown from deep inside a handler. */
export class ProblemError extends Error {
  override readonly name = 'ProblemError';
  constructor(readonly problem: ProblemDetails) {
    super(problem.detail);
  }
}
