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

/** Domain kinds, and the kinds only the HTTP layer meets: a body too large or of the wrong media type, a case too busy to change. */
export type ApiProblemKind = ProblemKind | 'internal' | 'content_too_large' | 'unsupported_media_type' | 'busy';

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
  busy: 429,
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
  busy: { en: 'Too many changes at once', 'zh-CN': '同时修改过多' },
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

/**
 * The messages schemas give in English (zod's Chinese locale covers only its
 * own): a schema's custom message wins over the locale, so it is translated here.
 */
export const chineseIssueText: Readonly<Record<string, string>> = {
  'is not a complaint id (a 26-character ULID)': '不是投诉编号（26 位 ULID）',
  'is not a link token (too long)': '不是有效的链接令牌（过长）',
  'is not a link token': '不是有效的链接令牌',
  'is not a whole number': '不是整数',
  'an agent user name': '须为客服用户名',
  'a file name ending in .json or .ics': '须为以 .json 或 .ics 结尾的文件名',
  'letters, digits and . _ @ : - only': '只能包含字母、数字和 . _ @ : -',
  'letters, digits and . _ @ : - only, at most 64': '只能包含字母、数字和 . _ @ : -，最多 64 个字符',
  'a phone number such as +86 138 0013 8000': '须为电话号码，例如 +86 138 0013 8000',
  '1 to 128 letters, digits or . _ : -': '须为 1 至 128 个字母、数字或 . _ : -',
  'a team name: letters, digits, _ and -': '须为团队名称：字母、数字、_ 和 -',
};

/** `body`, `query string`, `path parameter id`, `header x` as a Chinese sentence names them. */
function chineseWhere(where: string): string {
  if (where === 'body') return '正文';
  if (where === 'query string') return '查询字符串';
  const named = /^(path parameter|header) (.+)$/.exec(where);
  if (named) return `${named[1] === 'header' ? '头' : '路径参数'} ${named[2]} `;
  return where;
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
    const message = locale === 'zh-CN' ? (chineseIssueText[issue.message] ?? issue.message) : issue.message;
    return [{ field: fieldPath(issue.path, root), problem: message }];
  });
  const detail =
    locale === 'zh-CN'
      ? `请求${chineseWhere(where)}有 ${errors.length} 处错误：${errors.map((e) => `${e.field.replace(/^path parameter /, '路径参数 ')} ${e.problem}`).join('；')}`
      : `The request ${where} has ${errors.length} error(s): ${errors.map((e) => `${e.field}: ${e.problem}`).join('; ')}`;
  return problem('invalid', locale, detail, { errors });
}

export function domainProblem(error: DomainError, locale: ApiLocale): ProblemDetails {
  // A domain error about one input field lists it like a validation error, so a client reads one shape.
  const field = error.kind === 'invalid' && typeof error.detail.field === 'string' ? error.detail.field : undefined;
  const detail = error.messageIn(locale);
  return problem(error.kind, locale, detail, {
    code: error.name,
    ...error.detail,
    ...(field !== undefined ? { errors: [{ field, problem: detail }] } : {}),
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
