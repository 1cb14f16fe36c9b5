import * as z from 'zod';
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

const statusByKind: Record<ProblemKind | 'internal', number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  internal: 500,
};

const titles: Record<ProblemKind | 'internal', Record<ApiLocale, string>> = {
  invalid: { en: 'Invalid request', 'zh-CN': '请求无效' },
  unauthorized: { en: 'Authentication required', 'zh-CN': '需要身份验证' },
  forbidden: { en: 'Not allowed', 'zh-CN': '无权执行此操作' },
  not_found: { en: 'Not found', 'zh-CN': '未找到' },
  conflict: { en: 'Conflict with the current state', 'zh-CN': '与当前状态冲突' },
  unprocessable: { en: 'Request cannot be processed', 'zh-CN': '请求无法处理' },
  internal: { en: 'Internal error', 'zh-CN': '内部错误' },
};

/** The customer's language from Accept-Language; English unless Chinese is preferred. */
export function localeFromHeader(acceptLanguage: string | undefined): ApiLocale {
  return acceptLanguage?.trim().toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function problem(
  kind: ProblemKind | 'internal',
  locale: ApiLocale,
  detail: string,
  extra: Partial<ProblemDetails> = {},
): ProblemDetails {
  return {
    type: `https://closeloop.dev/problems/${kind.replace('_', '-')}`,
    title: titles[kind][locale],
    status: statusByKind[kind],
    detail,
    ...extra,
  };
}

/** A field path as a client writes it: `customer.email`, `items[2].name`; the body itself is `(body)`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(body)';
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`))
    .join('');
}

export function validationProblem(error: z.ZodError, locale: ApiLocale, where = 'body'): ProblemDetails {
  const errors = error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        field: fieldPath([...issue.path, key]),
        problem: locale === 'zh-CN' ? '不允许的字段' : 'is not an accepted field',
      }));
    }
    return [{ field: fieldPath(issue.path), problem: issue.message }];
  });
  const detail =
    locale === 'zh-CN'
      ? `请求${where === 'body' ? '正文' : where}有 ${errors.length} 处错误：${errors.map((e) => `${e.field} ${e.problem}`).join('；')}`
      : `The request ${where} has ${errors.length} error(s): ${errors.map((e) => `${e.field}: ${e.problem}`).join('; ')}`;
  return problem('invalid', locale, detail, { errors });
}

export function domainProblem(error: DomainError, locale: ApiLocale): ProblemDetails {
  return problem(error.kind, locale, error.message, { code: error.name, ...error.detail });
}

export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, locale: ApiLocale, where = 'body'): z.infer<T> {
  const result = schema.safeParse(value, locale === 'zh-CN' ? { error: z.locales.zhCN().localeError } : undefined);
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
