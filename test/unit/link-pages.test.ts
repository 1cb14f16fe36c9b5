import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { confirmationPage, linkProblemPage, surveyPage } from '#domain/link-pages.ts';
import { htmlAnswer } from '#handlers/http/html.ts';
import { aComplaint } from '../support/builders.ts';

const hashOf = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

describe('Link pages', () => {
  it('shows the resolution in the customer language, with what they wrote escaped', () => {
    const complaint = aComplaint({
      resolution: { rootCause: '<script>alert(1)</script>', resolution: '补偿 "50" 元 & 道歉', agentId: 'ann' },
      confirmationDueAt: '2025-11-27T15:59:59.999Z',
    });
    const { html } = confirmationPage(complaint);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<strong>原因：</strong>&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('补偿 &quot;50&quot; 元 &amp; 道歉');
    expect(html).toContain('请在 2025年11月27日 23:59 前确认；逾期视为接受。');
    expect(html).not.toContain('<script>alert');
    const english = confirmationPage({ ...complaint, customer: { ...complaint.customer, locale: 'en' } }).html;
    expect(english).toContain('Please answer by 27 November 2025 at 23:59');
  });

  it('asks csat 1-5 and nps 0-10 on the survey page', () => {
    const { html } = surveyPage(aComplaint({ customer: { ...aComplaint().customer, locale: 'en' } }));
    expect(html.match(/name="csat"/g)).toHaveLength(5);
    expect(html.match(/name="nps"/g)).toHaveLength(11);
    expect(html).toContain('How did we do? Case CL-20251124-0001');
  });

  it('lets only its own script and style run, by hash, and keeps the token out of referrers', () => {
    const page = surveyPage(aComplaint());
    const answer = htmlAnswer(200, page);
    expect(answer.raw).toBe(page.html);
    expect(answer.headers).toEqual({
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': `default-src 'none'; script-src ${hashOf(page.script)}; style-src ${hashOf(page.style)}; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    expect(page.html).toContain(`<script>${page.script}</script>`);
    expect(page.html).toContain(`<style>${page.style}</style>`);
    // A page with no script allows none.
    expect(htmlAnswer(410, linkProblemPage('en', 'gone')).headers!['content-security-policy']).toContain("script-src 'none'");
  });
});
