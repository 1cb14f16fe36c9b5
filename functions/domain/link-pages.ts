import type { Complaint, Locale } from '#domain/complaint.ts';

/**
 * The pages behind the links in customer emails: a customer clicks them in a
 * mail client, so they must work as plain GETs in a browser. Each page posts
 * JSON to the same API route a program would call. Pure: the handler supplies
 * what the link proved and gets HTML back.
 */
export interface LinkPage {
  html: string;
  /** The one inline script, allowed by its hash in the Content-Security-Policy. */
  script: string;
  /** The one inline style sheet, allowed the same way. */
  style: string;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const style =
  'body{font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}' +
  'fieldset{border:1px solid #ccc;border-radius:.5rem;margin:1rem 0}label{margin-right:.75rem;white-space:nowrap}' +
  'textarea{width:100%;min-height:5rem}button{font-size:1rem;padding:.5rem 1.25rem;margin:.5rem .5rem 0 0}' +
  '#result{font-weight:600;margin-top:1rem}';

function page(locale: Locale, title: string, body: string, script: string): LinkPage {
  return {
    html: `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="referrer" content="no-referrer"><title>${escapeHtml(title)}</title><style>${style}</style></head><body>${body}<script>${script}</script></body></html>`,
    script,
    style,
  };
}

/**
 * Posts the form as JSON to the page's own URL (token included) and shows
 * the answer's detail. Kept free of interpolated data: the same text for every
 * page of a kind, so one CSP hash covers it.
 */
const submitScript = (collect: string, done: Record<Locale, string>) =>
  `(function(){var f=document.getElementById('f'),r=document.getElementById('result'),l=document.documentElement.lang;` +
  `f.addEventListener('submit',function(e){e.preventDefault();var s=e.submitter,b=${collect};` +
  `fetch(location.href,{method:'POST',headers:{'content-type':'application/json','accept-language':l},body:JSON.stringify(b)})` +
  `.then(function(a){return a.json().then(function(j){if(a.ok){f.hidden=true;r.textContent=l==='zh-CN'?${JSON.stringify(done['zh-CN'])}:${JSON.stringify(done.en)};}` +
  `else{r.textContent=j.detail||j.title||a.status;}});}).catch(function(){r.textContent='\\u26a0';});});})();`;

const surveyScript = submitScript(
  "{csat:Number(f.csat.value),nps:Number(f.nps.value)};var c=f.comment.value.trim();if(c)b.comment=c",
  { 'zh-CN': '感谢您的评价！', en: 'Thank you for your answer!' },
);

export function surveyPage(complaint: Pick<Complaint, 'caseNumber' | 'customer'>): LinkPage {
  const zh = complaint.customer.locale === 'zh-CN';
  const radios = (name: string, from: number, to: number) =>
    Array.from({ length: to - from + 1 }, (_, i) => from + i)
      .map((n) => `<label><input type="radio" name="${name}" value="${n}" required> ${n}</label>`)
      .join('');
  const title = zh ? `满意度回访 · ${complaint.caseNumber}` : `How did we do? Case ${complaint.caseNumber}`;
  return page(
    complaint.customer.locale,
    title,
    `<h1>${escapeHtml(title)}</h1><form id="f">` +
      `<fieldset><legend>${zh ? '您对本次处理的满意度（1 最不满意，5 最满意）' : 'How satisfied are you with how we handled it? (1 = not at all, 5 = very)'}</legend>${radios('csat', 1, 5)}</fieldset>` +
      `<fieldset><legend>${zh ? '您向朋友推荐我们的可能性（0–10）' : 'How likely are you to recommend us to a friend? (0–10)'}</legend>${radios('nps', 0, 10)}</fieldset>` +
      `<label for="comment">${zh ? '其他意见（可选）' : 'Anything else? (optional)'}</label><textarea id="comment" name="comment" maxlength="2000"></textarea>` +
      `<button type="submit">${zh ? '提交' : 'Send'}</button></form><p id="result" role="status"></p>`,
    surveyScript,
  );
}

const confirmationScript = submitScript(
  "s&&s.value==='reject'?{decision:'reject',reason:f.reason.value.trim()}:{decision:'accept'};if(b.decision==='reject'&&!b.reason){f.reason.focus();return}",
  { 'zh-CN': '已收到您的确认，谢谢！', en: 'Thank you, we have your answer.' },
);

export function confirmationPage(
  complaint: Pick<Complaint, 'caseNumber' | 'customer' | 'resolution' | 'confirmationDueAt' | 'timeZone'>,
): LinkPage {
  const zh = complaint.customer.locale === 'zh-CN';
  const resolution = complaint.resolution;
  const until = new Intl.DateTimeFormat(zh ? 'zh-CN' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: complaint.timeZone,
  }).format(new Date(complaint.confirmationDueAt ?? 0));
  const title = zh ? `确认处理结果 · ${complaint.caseNumber}` : `Your resolution, case ${complaint.caseNumber}`;
  const lines = resolution
    ? [
        [zh ? '原因' : 'Cause', resolution.rootCause],
        [zh ? '处理结果' : 'Resolution', resolution.resolution],
        ...(resolution.compensation ? [[zh ? '补偿' : 'Compensation', resolution.compensation]] : []),
      ]
    : [];
  return page(
    complaint.customer.locale,
    title,
    `<h1>${escapeHtml(title)}</h1>` +
      lines.map(([label, text]) => `<p><strong>${escapeHtml(label!)}${zh ? '：' : ': '}</strong>${escapeHtml(text!)}</p>`).join('') +
      `<p>${escapeHtml(zh ? `请在 ${until} 前确认；逾期视为接受。` : `Please answer by ${until}; without an answer it counts as accepted.`)}</p>` +
      `<form id="f"><button type="submit" name="decision" value="accept">${zh ? '接受，问题已解决' : 'Accept: this settles it'}</button>` +
      `<fieldset><legend>${zh ? '不满意？请说明原因' : 'Not settled? Tell us why'}</legend><textarea name="reason" maxlength="2000"></textarea>` +
      `<button type="submit" name="decision" value="reject">${zh ? '不接受，重新处理' : 'Reject: reopen my case'}</button></fieldset></form><p id="result" role="status"></p>`,
    confirmationScript,
  );
}

/** A link that no longer works, said in the customer's language when known. */
export function linkProblemPage(locale: Locale, detail: string): LinkPage {
  const title = locale === 'zh-CN' ? '链接无法使用' : 'This link cannot be used';
  return page(locale, title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(detail)}</p>`, '');
}
