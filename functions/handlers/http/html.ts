import { createHash } from 'node:crypto';
import { type LinkPage, linkProblemPage } from '#domain/link-pages.ts';
import type { ApiAnswer, ApiRequest } from './api-handler.ts';
import type { ProblemError } from './problem.ts';

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** A browser asks for HTML; a program asking for JSON (or anything) gets problem+json for a refusal. */
export const wantsHtml = (request: ApiRequest) => /\btext\/html\b/i.test(request.header('accept') ?? '');

/**
 * A page for a browser, locked down: only its own inline script and style
 * run (by hash), it may only talk to its own origin, it cannot be framed,
 * and the link token in its URL is not sent on as a referrer.
 */
export function htmlAnswer(statusCode: number, page: LinkPage): ApiAnswer {
  const policy = [
    "default-src 'none'",
    `script-src ${page.script ? sha256(page.script) : "'none'"}`,
    `style-src ${sha256(page.style)}`,
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  return {
    statusCode,
    raw: page.html,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': policy,
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    },
  };
}

/** A refusal behind an email link, as a page that says why, for a browser that asks for HTML. */
export const htmlProblemPage = (request: ApiRequest, error: ProblemError): ApiAnswer | undefined =>
  wantsHtml(request) ? htmlAnswer(error.problem.status, linkProblemPage(request.locale, error.problem.detail)) : undefined;
