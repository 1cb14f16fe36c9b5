import type { Complaint, Locale, Phase } from '#domain/complaint.ts';
import { customerCategoryLabel, escapeHtml, formatInstant } from '#domain/messages.ts';
import { customerView, type EventType, type TimelineEvent } from '#domain/timeline.ts';

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

const surveyScript = submitScript('{csat:Number(f.csat.value),nps:Number(f.nps.value)};var c=f.comment.value.trim();if(c)b.comment=c', {
  'zh-CN': '感谢您的评价！',
  en: 'Thank you for your answer!',
});

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

const phaseLabels: Record<Phase, Record<Locale, string>> = {
  RECEIVED: { 'zh-CN': '已受理', en: 'Received' },
  AWAITING_RESPONSE: { 'zh-CN': '等待客服答复', en: 'Waiting for our first answer' },
  AWAITING_RESOLUTION: { 'zh-CN': '处理中', en: 'Being resolved' },
  AWAITING_CONFIRMATION: { 'zh-CN': '处理结果待您确认', en: 'Resolved, waiting for your answer' },
  CLOSED: { 'zh-CN': '已结案', en: 'Closed' },
};

/** The events a customer sees (timeline.ts decides which), named in their language. */
const eventLabels: Partial<Record<EventType, Record<Locale, string>>> = {
  received: { 'zh-CN': '投诉已受理', en: 'Complaint received' },
  acknowledgement_sent: { 'zh-CN': '已发送受理回执', en: 'Receipt sent' },
  claimed: { 'zh-CN': '客服已接手', en: 'An agent took your case' },
  responded: { 'zh-CN': '客服答复', en: 'Our answer' },
  resolved: { 'zh-CN': '已给出处理结果', en: 'Resolution proposed' },
  confirmed: { 'zh-CN': '您已接受处理结果', en: 'You accepted the resolution' },
  rejected: { 'zh-CN': '您未接受处理结果，案件重新处理', en: 'You rejected the resolution; the case was reopened' },
  closed: { 'zh-CN': '案件已结案', en: 'Case closed' },
  survey_sent: { 'zh-CN': '已发送满意度回访', en: 'Survey sent' },
  survey_answered: { 'zh-CN': '您已完成满意度回访', en: 'You answered the survey' },
  info_requested: { 'zh-CN': '客服请您补充信息', en: 'We asked you for information' },
  replied: { 'zh-CN': '您的回复', en: 'Your reply' },
  resumed: { 'zh-CN': '处理时限恢复计时', en: 'The deadline clock runs again' },
  deadline_changed: { 'zh-CN': '处理时限已调整', en: 'A deadline changed' },
  access_revoked: { 'zh-CN': '访问令牌已更换', en: 'Your access token was replaced' },
};

/** The words worth showing under an event: what someone wrote, never an internal field. */
const eventText = (details: Record<string, unknown>): string[] =>
  ['message', 'question', 'rootCause', 'resolution', 'compensation', 'reason', 'comment']
    .map((name) => details[name])
    .filter((value): value is string => typeof value === 'string' && value.length > 0);

const replyScript = submitScript('{message:f.message.value.trim()};if(!b.message){f.message.focus();return}', {
  'zh-CN': '已收到您的回复，谢谢！',
  en: 'Thank you, we have your reply.',
}).replace('fetch(location.href,', "fetch('replies'+location.search,");

/**
 * The case behind the link of the response and access-token emails: where it
 * stands, its deadlines, the customer-visible timeline, and a reply form while
 * the case is open. Everything the customer or the desk wrote is escaped.
 */
export function caseStatusPage(complaint: Complaint, timeline: readonly TimelineEvent[]): LinkPage {
  const locale = complaint.customer.locale;
  const zh = locale === 'zh-CN';
  const at = (iso: string) => formatInstant(iso, locale, complaint.timeZone);
  const title = zh ? `投诉进度 · ${complaint.caseNumber}` : `Your complaint, case ${complaint.caseNumber}`;
  const provisional = complaint.deadlinesProvisional ? (zh ? '（暂定）' : ' (provisional)') : '';
  const facts: [string, string][] = [
    [zh ? '状态' : 'Status', phaseLabels[complaint.phase][locale]],
    [zh ? '类别' : 'Category', customerCategoryLabel(complaint.category, locale)],
    [zh ? '标题' : 'Subject', complaint.subject],
    [zh ? '受理时间' : 'Received', at(complaint.receivedAt)],
    complaint.firstRespondedAt
      ? [zh ? '首次答复' : 'First answer', at(complaint.firstRespondedAt)]
      : [zh ? '首次答复时限' : 'First answer due', at(complaint.responseDueAt)],
    ...(complaint.phase === 'CLOSED'
      ? [[zh ? '结案时间' : 'Closed', at(complaint.closedAt ?? complaint.receivedAt)] as [string, string]]
      : [
          [
            zh ? '处理时限' : 'Resolution due',
            complaint.pause
              ? zh
                ? '等待您补充信息，暂停计时'
                : 'paused while we wait for your information'
              : at(complaint.resolutionDueAt) + provisional,
          ] as [string, string],
        ]),
  ];
  const events = timeline
    .filter((event) => event.visibleToCustomer)
    .map(customerView)
    .map((event) => {
      const label = eventLabels[event.type]?.[locale] ?? event.type;
      const texts = eventText(event.details)
        .map((text) => `<p>${escapeHtml(text)}</p>`)
        .join('');
      return `<li><time datetime="${event.at}">${escapeHtml(at(event.at))}</time> · <strong>${escapeHtml(label)}</strong>${texts}</li>`;
    })
    .join('');
  const awaiting =
    complaint.phase === 'AWAITING_CONFIRMATION'
      ? `<p>${escapeHtml(zh ? '请通过处理结果邮件中的链接接受或不接受处理结果。' : 'Please accept or reject the resolution with the link in the resolution email.')}</p>`
      : '';
  const question = complaint.pause
    ? `<p><strong>${zh ? '需要您补充：' : 'We need to know: '}</strong>${escapeHtml(complaint.pause.question)}</p>`
    : '';
  const reply =
    complaint.phase === 'CLOSED'
      ? ''
      : `<form id="f"><label for="message">${zh ? '回复或补充信息' : 'Reply or add information'}</label>` +
        `<textarea id="message" name="message" maxlength="5000" required></textarea>` +
        `<button type="submit">${zh ? '发送回复' : 'Send reply'}</button></form><p id="result" role="status"></p>`;
  return page(
    locale,
    title,
    `<h1>${escapeHtml(title)}</h1><dl>` +
      facts.map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`).join('') +
      `</dl>${awaiting}${question}<h2>${zh ? '处理记录' : 'What happened'}</h2><ol>${events}</ol>${reply}`,
    complaint.phase === 'CLOSED' ? '' : replyScript,
  );
}

/** A link that no longer works, said in the customer's language when known. */
export function linkProblemPage(locale: Locale, detail: string): LinkPage {
  const title = locale === 'zh-CN' ? '链接无法使用' : 'This link cannot be used';
  return page(locale, title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(detail)}</p>`, '');
}
