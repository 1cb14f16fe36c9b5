import { describe, expect, it } from 'vitest';
import { accessTokenEmail, resolutionEmail, responseEmail, surveyEmail } from '#domain/messages.ts';
import { aComplaint } from '../support/builders.ts';

const complaintUrl = 'https://desk.example.com/prod/complaints/01JDTEST000000000000000000';
const caseUrl = `${complaintUrl}/status?token=eyJwIjoiY2FzZSJ9.c2lnbmF0dXJl`;
const confirmationUrl = `${complaintUrl}/confirmation?token=eyJwIjoiY29uZmlybWF0aW9uIn0.c2lnbmF0dXJl`;
const linkStyle = 'word-break:break-all;overflow-wrap:anywhere';

describe('Customer emails: links are anchors that wrap, and what people wrote stays text', () => {
  it('the response email links to the case page, in both languages', () => {
    const zh = responseEmail(aComplaint(), '您好，我们正在核实物流信息。', caseUrl);
    expect(zh.html).toContain(
      `<p>您可以随时在案件页面查看进度或补充回复：</p><p>查看案件进度：<a href="${caseUrl}" style="${linkStyle}">${caseUrl}</a></p>`,
    );
    expect(zh.text).toContain(`查看案件进度：${caseUrl}`);

    const en = responseEmail(
      aComplaint({ customer: { id: 'c-1', name: 'Ann', email: 'ann@example.com', locale: 'en' } }),
      'We are checking.',
      caseUrl,
    );
    expect(en.html).toBe(
      '<!doctype html><html><body><p>Dear Ann,</p><p>About your complaint (case CL-20251124-0001), our agent writes:</p><p>We are checking.</p>' +
        `<p>You can reply on the case at any time:</p><p>Your case: <a href="${caseUrl}" style="${linkStyle}">${caseUrl}</a></p></body></html>`,
    );
    expect(en.text).toBe(
      [
        'Dear Ann,',
        'About your complaint (case CL-20251124-0001), our agent writes:',
        'We are checking.',
        'You can reply on the case at any time:',
        `Your case: ${caseUrl}`,
      ].join('\n'),
    );
  });

  it('the resolution, survey and access-token emails carry their link as a wrapping anchor', () => {
    const resolved = aComplaint({
      phase: 'AWAITING_CONFIRMATION',
      confirmationDueAt: '2025-11-27T02:00:00.000Z',
      resolution: { rootCause: '仓库漏发', resolution: '已补发', agentId: 'alice' },
    });
    expect(resolutionEmail(resolved, confirmationUrl).html).toContain(
      `<p><a href="${confirmationUrl}" style="${linkStyle}">${confirmationUrl}</a></p>`,
    );
    const surveyUrl = 'https://desk.example.com/prod/surveys/eyJwIjoic3VydmV5In0.c2ln';
    expect(surveyEmail(resolved, surveyUrl).html).toContain(`<p><a href="${surveyUrl}" style="${linkStyle}">${surveyUrl}</a></p>`);
    expect(accessTokenEmail(resolved, 'tok', caseUrl).html).toContain(
      `<p>查看案件进度：<a href="${caseUrl}" style="${linkStyle}">${caseUrl}</a></p><p>通过接口查询时，请在 Authorization 头中以 Bearer 方式提供新令牌。</p>`,
    );
    expect(
      accessTokenEmail(aComplaint({ customer: { id: 'c-1', name: 'Ann', email: 'ann@example.com', locale: 'en' } }), 'tok', caseUrl).text,
    ).toContain(`Your case: ${caseUrl}\nTo use the API, send the new token as "Authorization: Bearer <token>".`);
  });

  it('never renders what a customer or agent wrote as HTML, nor a URL they wrote as a link', () => {
    const complaint = aComplaint({
      customer: { id: 'c-1', name: '<img src=x onerror=alert(1)>', email: 'x@example.com', locale: 'zh-CN' },
      caseNumber: 'CL-20251124-0001',
    });
    const mail = responseEmail(complaint, '请看 <a href="https://evil.example">这里</a> & https://evil.example/x', caseUrl);
    expect(mail.html).toContain('<p>&lt;img src=x onerror=alert(1)&gt;，您好：</p>');
    expect(mail.html).toContain('<p>请看 &lt;a href=&quot;https://evil.example&quot;&gt;这里&lt;/a&gt; &amp; https://evil.example/x</p>');
    expect(mail.html.match(/<a /g)).toHaveLength(1);
  });

  it('escapes the link itself, and never makes a non-web address an anchor target', () => {
    const odd = `${caseUrl}?a=1&b="2"`;
    expect(responseEmail(aComplaint(), 'x', odd).html).toContain(
      `<a href="${caseUrl}?a=1&amp;b=&quot;2&quot;" style="${linkStyle}">${caseUrl}?a=1&amp;b=&quot;2&quot;</a>`,
    );
    expect(responseEmail(aComplaint(), 'x', 'javascript:alert(1)').html).toContain(
      `<a href="#" style="${linkStyle}">javascript:alert(1)</a>`,
    );
  });
});
