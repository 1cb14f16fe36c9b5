import type { APIGatewayProxyEvent } from 'aws-lambda';
import { type ApiLocale, ProblemError, type ProblemDetails, problem } from './problem.ts';

/**
 * A `%` that does not start two hex digits, with the escapes just before it
 * (`%E0%A4%A` is reported whole, as the client sent it).
 */
const brokenEscape = /(?:%[\dA-Fa-f]{2})*%(?![\dA-Fa-f]{2}).{0,2}/s;
const escapeRun = /(?:%[\dA-Fa-f]{2})+/g;

/** The first malformed percent-encoding in `text`: a broken escape, or escapes whose bytes are not UTF-8. */
export function malformedEscape(text: string): string | undefined {
  const broken = brokenEscape.exec(text)?.[0];
  if (broken !== undefined) return broken;
  for (const [run] of text.matchAll(escapeRun)) {
    try {
      decodeURIComponent(run);
    } catch {
      return run;
    }
  }
  return undefined;
}

export type QueryEncodingFault = { kind: 'malformed_escape' | 'raw_non_ascii'; field: string; at: string };

/** A 400 that names what was sent and says how to encode it, in the caller's language. */
export function queryEncodingProblem(locale: ApiLocale, fault: QueryEncodingFault): ProblemDetails {
  const zh = locale === 'zh-CN';
  const shown = `\`${fault.at}\``;
  if (fault.kind === 'raw_non_ascii') {
    const encoded = `\`${encodeURIComponent(fault.at)}\``;
    return problem(
      'invalid',
      locale,
      zh
        ? `查询字符串含有未编码的非 ASCII 文本 ${shown}；请将其按 UTF-8 百分号编码后发送（即 ${encoded}）`
        : `The query string has unencoded non-ASCII text at ${shown}; send it as UTF-8 percent-encoding (${encoded})`,
      { errors: [{ field: fault.field, problem: zh ? '含有未编码的非 ASCII 文本' : 'has unencoded non-ASCII text' }] },
    );
  }
  return problem(
    'invalid',
    locale,
    zh
      ? `查询字符串在 ${shown} 处的百分号编码无效；请将 \`%\` 编码为 \`%25\`，非 ASCII 文本按 UTF-8 百分号编码`
      : `The query string has a malformed percent-encoding at ${shown}; encode \`%\` as \`%25\` and non-ASCII text as UTF-8 percent-encoding`,
    { errors: [{ field: fault.field, problem: zh ? '百分号编码无效' : 'is not valid percent-encoding' }] },
  );
}

/**
 * API Gateway decodes the query parameters it can and passes the others on
 * as they were sent, so a malformed escape reaches the function as text
 * with a bare `%` in it. Refused here rather than read as a search term or
 * a cursor. A `%` sent properly as `%25` arrives looking the same, so a
 * literal `%` followed by anything but two hex digits is refused too: the
 * search tokenizer drops `%` anyway, and no other parameter takes one.
 */
export function assertQueryEncoding(event: APIGatewayProxyEvent, locale: ApiLocale): void {
  for (const [name, values] of Object.entries(event.multiValueQueryStringParameters ?? {})) {
    for (const text of [name, ...(values ?? [])]) {
      const at = malformedEscape(text);
      if (at !== undefined) throw new ProblemError(queryEncodingProblem(locale, { kind: 'malformed_escape', field: name, at }));
    }
  }
}
