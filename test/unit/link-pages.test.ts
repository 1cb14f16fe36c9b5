import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { caseStatusPage, confirmationPage, linkProblemPage, surveyPage } from '#domain/link-pages.ts';
import { newEvent } from '#domain/timeline.ts';
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

  it('shows the case, its deadlines and what the customer may see of its timeline, escaped, in their language', () => {
    const complaint = aComplaint({
      phase: 'AWAITING_RESOLUTION',
      subject: '<img src=x onerror=alert(1)>',
      receivedAt: '2025-11-24T02:00:00.000Z',
      responseDueAt: '2025-11-26T02:00:00.000Z',
      firstRespondedAt: '2025-11-24T03:00:00.000Z',
      resolutionDueAt: '2025-12-03T02:00:00.000Z',
    });
    const timeline = [
      newEvent(complaint.id, 'received', '2025-11-24T02:00:00.000Z', { kind: 'customer' }, { caseNumber: complaint.caseNumber }),
      newEvent(complaint.id, 'escalated', '2025-11-24T02:30:00.000Z', { kind: 'system' }, { level: 1, reason: 'internal only' }),
      newEvent(
        complaint.id,
        'responded',
        '2025-11-24T03:00:00.000Z',
        { kind: 'agent', id: 'ann' },
        { message: '<b>已核实</b>', agentId: 'ann' },
      ),
    ];
    const { html, script } = caseStatusPage(complaint, timeline);
    expect(html).toContain('<h1>投诉进度 · CL-20251124-0001</h1>');
    expect(html).toContain('<dt>状态</dt><dd>处理中</dd>');
    expect(html).toContain('<dd>&lt;img src=x onerror=alert(1)&gt;</dd>');
    expect(html).toContain('<dt>首次答复</dt><dd>2025年11月24日 11:00</dd>');
    expect(html).toContain('<dt>处理时限</dt><dd>2025年12月3日 10:00</dd>');
    expect(html).toContain('<strong>客服答复</strong><p>&lt;b&gt;已核实&lt;/b&gt;</p>');
    expect(html).not.toContain('internal only');
    expect(html).not.toContain('ann');
    expect(html).toContain('<label for="message">回复或补充信息</label>');
    expect(script).toContain("fetch('replies'+location.search,");

    const english = caseStatusPage({ ...complaint, customer: { ...complaint.customer, locale: 'en' }, pause: undefined }, timeline).html;
    expect(english).toContain('<dt>Resolution due</dt><dd>3 December 2025 at 10:00</dd>');
    expect(english).toContain('<strong>Our answer</strong>');
  });

  it("names an uncertain category as being reviewed, never as the desk's chore", () => {
    const uncertain = aComplaint({ category: 'uncertain', categorySource: 'classified' });
    const zh = caseStatusPage(uncertain, []).html;
    const en = caseStatusPage({ ...uncertain, customer: { ...uncertain.customer, locale: 'en' } }, []).html;

    expect(zh).toContain('<dt>类别</dt><dd>正在确认分类</dd>');
    expect(en).toContain('<dt>Category</dt><dd>Being reviewed</dd>');
    expect(`${zh}${en}`).not.toMatch(/待人工|agent(?:'|&#39;)s pick|uncertain/);
  });

  it('a closed case has no reply form and runs no script; a paused one says what the desk waits for', () => {
    const closed = caseStatusPage(aComplaint({ phase: 'CLOSED', closedAt: '2025-11-28T02:00:00.000Z' }), []);
    expect(closed.script).toBe('');
    expect(closed.html).not.toContain('<form');
    expect(closed.html).toContain('<dt>结案时间</dt>');
    const paused = caseStatusPage(
      aComplaint({
        phase: 'AWAITING_RESOLUTION',
        customer: { id: 'c-1', name: 'Ann', email: 'ann@example.com', locale: 'en' },
        pause: {
          requestId: 'r-1',
          question: 'Which <serial> number?',
          since: '2025-11-25T02:00:00.000Z',
          expiresAt: '2025-11-28T02:00:00.000Z',
        },
      }),
      [],
    ).html;
    expect(paused).toContain('<dd>paused while we wait for your information</dd>');
    expect(paused).toContain('<strong>We need to know: </strong>Which &lt;serial&gt; number?');
  });
});
