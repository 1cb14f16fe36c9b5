import type { CaseCategory, Complaint, Locale } from '#domain/complaint.ts';

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

export interface AlertMessage {
  /** SNS subjects must be ASCII, under 100 characters: English only. */
  subject: string;
  /** Supervisors read both languages: the body carries zh-CN and English. */
  message: string;
  attributes: Record<string, string>;
}

/** The categories as staff read them (alerts, reports); `uncertain` says what the desk must do about it. */
export const categoryLabels: Record<CaseCategory, Record<Locale, string>> = {
  product_quality: { 'zh-CN': '产品质量', en: 'Product quality' },
  logistics: { 'zh-CN': '物流配送', en: 'Logistics' },
  service_attitude: { 'zh-CN': '服务态度', en: 'Service attitude' },
  billing_dispute: { 'zh-CN': '收费争议', en: 'Billing dispute' },
  service_process: { 'zh-CN': '服务流程', en: 'Service process' },
  other: { 'zh-CN': '其他', en: 'Other' },
  uncertain: { 'zh-CN': '待人工分类', en: "Needs an agent's pick" },
};

/** A category as its customer reads it: an uncertain one is being looked at, not the desk's chore. */
export function customerCategoryLabel(category: CaseCategory, locale: Locale): string {
  return category === 'uncertain' ? { 'zh-CN': '正在确认分类', en: 'Being reviewed' }[locale] : categoryLabels[category][locale];
}

export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function formatInstant(iso: string, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale === 'zh-CN' ? 'zh-CN' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone,
  }).format(new Date(iso));
}

const deskTimeParts = new Map<string, Intl.DateTimeFormat>();

/**
 * An instant as staff on the desk read it, in both language blocks of an
 * alert: `2025-11-26 10:00 (Asia/Shanghai)`. The zone is named, so an alert
 * forwarded to someone elsewhere is still unambiguous; a UTC ISO string made
 * supervisors convert by hand (10:00 in Shanghai read as 02:00).
 */
export function formatDeskTime(iso: string, timeZone: string): string {
  let format = deskTimeParts.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    deskTimeParts.set(timeZone, format);
  }
  const part = Object.fromEntries(format.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute} (${timeZone})`;
}

/** A line of an email that carries one of our links, with text around it; in HTML the link is an anchor. */
interface LinkLine {
  before?: string;
  url: string;
  after?: string;
}
type Line = string | LinkLine;

/**
 * Long signed links must wrap on a phone instead of widening the message;
 * `word-break` for clients that ignore `overflow-wrap: anywhere`.
 */
const linkStyle = 'word-break:break-all;overflow-wrap:anywhere';

/** Only a link the desk built becomes an anchor: what a customer or agent wrote stays text, escaped. */
function htmlLine(line: Line): string {
  if (typeof line === 'string') return `<p>${escapeHtml(line)}</p>`;
  const url = /^https?:\/\//i.test(line.url) ? line.url : '#';
  return `<p>${escapeHtml(line.before ?? '')}<a href="${escapeHtml(url)}" style="${linkStyle}">${escapeHtml(line.url)}</a>${escapeHtml(line.after ?? '')}</p>`;
}

const textLine = (line: Line) => (typeof line === 'string' ? line : `${line.before ?? ''}${line.url}${line.after ?? ''}`);

function email(lines: Line[], subject: string): EmailContent {
  return {
    subject,
    text: lines.map(textLine).join('\n'),
    html: `<!doctype html><html><body>${lines.map(htmlLine).join('')}</body></html>`,
  };
}

export function acknowledgementEmail(complaint: Complaint): EmailContent {
  const { locale, name } = complaint.customer;
  const due = (iso: string) => formatInstant(iso, locale, complaint.timeZone);
  if (locale === 'zh-CN') {
    return email(
      [
        `${name}，您好：`,
        `我们已收到您的投诉「${complaint.subject}」，案件编号 ${complaint.caseNumber}。`,
        `我们将在 ${due(complaint.responseDueAt)} 前给您首次答复，并在 ${due(complaint.resolutionDueAt)} 前办结。`,
        '首位接手的客服将负责到底，直至问题解决。',
      ],
      `【投诉受理】案件编号 ${complaint.caseNumber}`,
    );
  }
  return email(
    [
      `Dear ${name},`,
      `We have received your complaint "${complaint.subject}", case number ${complaint.caseNumber}.`,
      `You will hear from us by ${due(complaint.responseDueAt)}, and we will resolve it by ${due(complaint.resolutionDueAt)}.`,
      'The first agent who takes your case owns it until it is solved.',
    ],
    `We received your complaint: case ${complaint.caseNumber}`,
  );
}

export function surveyEmail(complaint: Complaint, surveyUrl: string): EmailContent {
  const { locale, name } = complaint.customer;
  if (locale === 'zh-CN') {
    return email(
      [
        `${name}，您好：`,
        `您的投诉（案件编号 ${complaint.caseNumber}）已办结。请花一分钟告诉我们您的满意度：`,
        { url: surveyUrl },
        '打开链接即可评分（满意度 1-5 分、推荐意愿 0-10 分，可附意见），链接 30 天内有效。',
      ],
      `【满意度回访】案件编号 ${complaint.caseNumber}`,
    );
  }
  return email(
    [
      `Dear ${name},`,
      `Your complaint (case ${complaint.caseNumber}) is closed. Please tell us how we did:`,
      { url: surveyUrl },
      'The link opens a short form (satisfaction 1-5, recommendation 0-10, an optional comment) and works for 30 days.',
    ],
    `How did we do? Case ${complaint.caseNumber}`,
  );
}

const levelAudience: Record<number, { 'zh-CN': string; en: string }> = {
  1: { 'zh-CN': '主管', en: 'supervisor' },
  2: { 'zh-CN': '部门经理', en: 'department manager' },
  3: { 'zh-CN': '总监', en: 'director' },
};

const reasonText: Record<string, { 'zh-CN': string; en: string }> = {
  response_overdue: { 'zh-CN': '48 小时内未首次答复', en: 'no first response within the deadline' },
  resolution_overdue: { 'zh-CN': '超过办结时限仍未解决', en: 'not resolved by the resolution deadline' },
  resolution_rejected: { 'zh-CN': '客户不认可处理结果', en: 'the customer rejected the resolution' },
  still_unresolved: { 'zh-CN': '升级至部门经理后仍未解决', en: 'still unresolved after the level 2 escalation' },
  major_complaint: { 'zh-CN': '重大投诉（L3），受理即通知主管', en: 'a major (L3) complaint: supervisors are told at filing' },
  manual: { 'zh-CN': '主管手动升级', en: 'escalated by hand by a supervisor' },
  high_risk: {
    'zh-CN': '高风险投诉（强烈不满、扬言向监管/媒体/法院投诉或涉及安全）',
    en: 'high risk (very negative, a threat to go to a regulator, the media or a court, or a safety issue)',
  },
};

/** Attributes every staff alert carries, so each audience's subscription filters what it gets. */
function staffAttributes(complaint: Complaint, kind: 'escalation' | 'warning' | 'notice', level: number) {
  return {
    kind,
    level: String(level),
    category: complaint.category,
    severity: complaint.severity,
    tier: complaint.tier,
    ...(complaint.owner ? { owner: complaint.owner.agentId } : {}),
  };
}

export function escalationAlert(
  complaint: Complaint,
  level: 1 | 2 | 3,
  reason: string,
  detail: { repeat?: number; note?: string } = {},
): AlertMessage {
  const audience = levelAudience[level]!;
  const why = reasonText[reason] ?? { 'zh-CN': reason, en: reason };
  const category = categoryLabels[complaint.category];
  const desk = (iso: string) => formatDeskTime(iso, complaint.timeZone);
  const again = detail.repeat
    ? { zh: `（第 ${detail.repeat + 1} 次提醒，尚未确认）`, en: ` (reminder ${detail.repeat + 1}, not yet acknowledged)` }
    : { zh: '', en: '' };
  return {
    subject: `Escalation L${level}: case ${complaint.caseNumber} (${reason})${detail.repeat ? ` reminder ${detail.repeat + 1}` : ''}`,
    message: [
      `【${level} 级升级 → ${audience['zh-CN']}】案件 ${complaint.caseNumber}：${why['zh-CN']}${again.zh}。`,
      ...(reason === 'high_risk' && complaint.triage ? [`风险依据 / why: ${complaint.triage.risk.reasons.join('; ')}`] : []),
      ...(detail.note ? [`主管说明：${detail.note}`] : []),
      `类别：${category['zh-CN']}；客户等级：${complaint.tier === 'vip' ? '大客户' : '普通'}；负责人：${complaint.owner?.agentId ?? '未认领'}。`,
      `首次答复时限 ${desk(complaint.responseDueAt)}，办结时限 ${desk(complaint.resolutionDueAt)}。`,
      '',
      `[Level ${level} escalation to ${audience.en}] Case ${complaint.caseNumber}: ${why.en}${again.en}.`,
      ...(detail.note ? [`Supervisor's note: ${detail.note}`] : []),
      `Category: ${category.en}; tier: ${complaint.tier}; owner: ${complaint.owner?.agentId ?? 'unclaimed'}.`,
      `Response due ${desk(complaint.responseDueAt)}, resolution due ${desk(complaint.resolutionDueAt)}.`,
      `Complaint id: ${complaint.id}`,
    ].join('\n'),
    // Risk alerts go to supervisors under their own level value, so a subscription can filter them alone.
    attributes: { ...staffAttributes(complaint, 'escalation', level), ...(reason === 'high_risk' ? { level: 'risk' } : {}), reason },
  };
}

export function warningAlert(complaint: Complaint, window: 'response' | 'resolution', threshold: number): AlertMessage {
  const dueAt = formatDeskTime(window === 'response' ? complaint.responseDueAt : complaint.resolutionDueAt, complaint.timeZone);
  const share = Math.round(threshold * 100);
  const what = window === 'response' ? { zh: '首次答复', en: 'first response' } : { zh: '办结', en: 'resolution' };
  return {
    subject: `Warning: case ${complaint.caseNumber} ${window} window ${share}% used`,
    message: [
      `【时限预警】案件 ${complaint.caseNumber} 的${what.zh}时限已过 ${share}%，截止 ${dueAt}。负责人：${complaint.owner?.agentId ?? '未认领（主管队列）'}。`,
      `[SLA warning] Case ${complaint.caseNumber}: ${share}% of the ${what.en} window has passed; due ${dueAt}. Owner: ${complaint.owner?.agentId ?? 'unclaimed (supervisor queue)'}.`,
      `Complaint id: ${complaint.id}`,
    ].join('\n'),
    attributes: { ...staffAttributes(complaint, 'warning', 0), window },
  };
}

export function informationRequestExpiredNotice(complaint: Complaint, requestedAtIso: string): AlertMessage {
  const requestedAt = formatDeskTime(requestedAtIso, complaint.timeZone);
  const resolutionDueAt = formatDeskTime(complaint.resolutionDueAt, complaint.timeZone);
  return {
    subject: `Notice: case ${complaint.caseNumber} information request expired`,
    message: [
      `【补充信息超时】案件 ${complaint.caseNumber} 于 ${requestedAt} 向客户索取的信息未获答复，暂停已结束，办结时限恢复计时，现为 ${resolutionDueAt}。`,
      `[Information request expired] Case ${complaint.caseNumber}: the customer did not answer the request of ${requestedAt}; the pause ended and the resolution deadline is now ${resolutionDueAt}.`,
      `Complaint id: ${complaint.id}`,
    ].join('\n'),
    attributes: { ...staffAttributes(complaint, 'notice', 0), notice: 'info_request_expired' },
  };
}

export function informationRequestEmail(complaint: Complaint, question: string, expiresAt: string): EmailContent {
  const { locale, name } = complaint.customer;
  const until = formatInstant(expiresAt, locale, complaint.timeZone);
  if (locale === 'zh-CN') {
    return email(
      [
        `${name}，您好：`,
        `为处理您的投诉（案件编号 ${complaint.caseNumber}），我们需要您补充以下信息：`,
        question,
        `请在 ${until} 前回复。等待您回复期间，办结时限暂停计算。`,
      ],
      `【需要您补充信息】案件编号 ${complaint.caseNumber}`,
    );
  }
  return email(
    [
      `Dear ${name},`,
      `To resolve your complaint (case ${complaint.caseNumber}) we need the following from you:`,
      question,
      `Please reply by ${until}. While we wait for you, the resolution deadline is paused.`,
    ],
    `We need information from you: case ${complaint.caseNumber}`,
  );
}

/** Links to the case's status page, where the customer reads the whole exchange and replies. */
export function responseEmail(complaint: Complaint, message: string, caseUrl: string): EmailContent {
  const { locale, name } = complaint.customer;
  if (locale === 'zh-CN') {
    return email(
      [
        `${name}，您好：`,
        `关于您的投诉（案件编号 ${complaint.caseNumber}），客服回复如下：`,
        message,
        '您可以随时在案件页面查看进度或补充回复：',
        { before: '查看案件进度：', url: caseUrl },
      ],
      `【客服回复】案件编号 ${complaint.caseNumber}`,
    );
  }
  return email(
    [
      `Dear ${name},`,
      `About your complaint (case ${complaint.caseNumber}), our agent writes:`,
      message,
      'You can reply on the case at any time:',
      { before: 'Your case: ', url: caseUrl },
    ],
    `Our answer on case ${complaint.caseNumber}`,
  );
}

/** The link works until the confirmation deadline; after it the case closes as accepted. */
export function resolutionEmail(complaint: Complaint, confirmationUrl: string): EmailContent {
  const { locale, name } = complaint.customer;
  const resolution = complaint.resolution;
  const until = formatInstant(complaint.confirmationDueAt ?? complaint.resolvedAt ?? complaint.receivedAt, locale, complaint.timeZone);
  if (locale === 'zh-CN') {
    return email(
      [
        `${name}，您好：`,
        `您的投诉（案件编号 ${complaint.caseNumber}）已处理完毕。`,
        ...(resolution ? [`原因：${resolution.rootCause}`, `处理结果：${resolution.resolution}`] : []),
        ...(resolution?.compensation ? [`补偿：${resolution.compensation}`] : []),
        `请在 ${until} 前打开以下链接，选择接受处理结果，或说明原因后要求重新处理：`,
        { url: confirmationUrl },
        `逾期未确认的，视为接受处理结果。`,
      ],
      `【处理结果待确认】案件编号 ${complaint.caseNumber}`,
    );
  }
  return email(
    [
      `Dear ${name},`,
      `Your complaint (case ${complaint.caseNumber}) has been resolved.`,
      ...(resolution ? [`Cause: ${resolution.rootCause}`, `Resolution: ${resolution.resolution}`] : []),
      ...(resolution?.compensation ? [`Compensation: ${resolution.compensation}`] : []),
      `Please tell us by ${until} whether this settles it: the link lets you accept it, or reject it with a reason to reopen your case.`,
      { url: confirmationUrl },
      'Without an answer by then, the resolution counts as accepted.',
    ],
    `Please confirm the resolution of case ${complaint.caseNumber}`,
  );
}

/** Sent after a supervisor revoked the old token: the new one is only ever in this email. */
export function accessTokenEmail(complaint: Complaint, accessToken: string, caseUrl: string): EmailContent {
  const { locale, name } = complaint.customer;
  if (locale === 'zh-CN') {
    return email(
      [
        `${name}，您好：`,
        `为保护您的信息，您投诉（案件编号 ${complaint.caseNumber}）的访问令牌已更换，旧令牌及此前邮件中的确认链接已失效。`,
        `新的访问令牌：${accessToken}`,
        { before: '查看案件进度：', url: caseUrl },
        '通过接口查询时，请在 Authorization 头中以 Bearer 方式提供新令牌。',
        '如非您本人要求，请联系我们的客服。',
      ],
      `【访问令牌已更换】案件编号 ${complaint.caseNumber}`,
    );
  }
  return email(
    [
      `Dear ${name},`,
      `To protect your information, the access token of your complaint (case ${complaint.caseNumber}) was replaced; the old token and the confirmation links in earlier emails no longer work.`,
      `Your new access token: ${accessToken}`,
      { before: 'Your case: ', url: caseUrl },
      'To use the API, send the new token as "Authorization: Bearer <token>".',
      'If you did not ask for this, please contact our desk.',
    ],
    `Your case ${complaint.caseNumber} has a new access token`,
  );
}

export function customerEmailFailedAlert(complaint: Complaint, notice: string, attempts: number, error: string): AlertMessage {
  return {
    subject: `Customer email not delivered: case ${complaint.caseNumber}`.slice(0, 99),
    message: [
      `案件 ${complaint.caseNumber} 的客户邮件（${notice}）经 ${attempts} 次尝试仍未发出：${error}。请人工联系客户。`,
      `The customer email (${notice}) of case ${complaint.caseNumber} failed after ${attempts} attempts: ${error}. Contact the customer by hand.`,
    ].join('\n\n'),
    attributes: { kind: 'customer_email_failed', category: complaint.category },
  };
}

export function workflowFailureAlert(complaintId: string, caseNumber: string | undefined, error: string): AlertMessage {
  return {
    subject: `Workflow failure: case ${caseNumber ?? complaintId}`.slice(0, 99),
    message: [
      `【流程故障】案件 ${caseNumber ?? complaintId} 的处理流程出错：${error}。已记录在案件时间线上，请运维人员处理。`,
      `[Workflow failure] Case ${caseNumber ?? complaintId} failed: ${error}. Recorded on the case timeline; operations must act.`,
      `Complaint id: ${complaintId}`,
    ].join('\n'),
    attributes: { kind: 'workflow_failure' },
  };
}

export function provisionalDeadlineAlert(complaint: Complaint, missingYears: number[]): AlertMessage {
  const years = missingYears.join(', ');
  const resolutionDueAt = formatDeskTime(complaint.resolutionDueAt, complaint.timeZone);
  return {
    subject: `Calendar missing ${years}: case ${complaint.caseNumber} has a provisional deadline`,
    message: [
      `【节假日数据缺失】案件 ${complaint.caseNumber} 的办结时限需要 ${years} 年的国务院节假日安排，但尚未加载；已按周一至周五临时计算为 ${resolutionDueAt}（临时）。请通过 PUT /staff/calendar 加载该年日历，所有临时时限将自动重算。`,
      `[Calendar year missing] Case ${complaint.caseNumber} needs the State Council holiday schedule of ${years}, which is not loaded; its resolution deadline ${resolutionDueAt} is PROVISIONAL (Monday-Friday). Load the year with PUT /staff/calendar: every provisional deadline is then recomputed.`,
      `Complaint id: ${complaint.id}`,
    ].join('\n'),
    attributes: { kind: 'provisional_deadline', missingYears: years },
  };
}

/** A decision that stands, as the refusal of a contrary one names it to the caller. */
export type StandingDecision =
  | { about: 'resolution'; standing: 'accept' | 'reject' | 'auto_accept' }
  | { about: 'claim'; owner: string }
  | { about: 'recorded_resolution'; by: string }
  | { about: 'survey' }
  | { about: 'escalations'; by: string }
  | { about: 'severity'; severity: string; by: string }
  | { about: 'category'; category: CaseCategory; by: string }
  | { about: 'information_request'; requestId: string };

/** "The resolution was already accepted on 24 November 2025 at 10:00.", in the desk's time zone, in both languages. */
export function decisionTakenMessage(decision: StandingDecision, at: string, timeZone: string): Record<Locale, string> {
  const en = formatInstant(at, 'en', timeZone);
  const zh = formatInstant(at, 'zh-CN', timeZone);
  switch (decision.about) {
    case 'resolution': {
      if (decision.standing === 'auto_accept') {
        return {
          en: `The resolution was already accepted automatically on ${en}, as no answer came within the confirmation window.`,
          'zh-CN': `该处理结果因确认期限内未收到答复，已于 ${zh} 自动确认。`,
        };
      }
      const accepted = decision.standing === 'accept';
      return {
        en: `The resolution was already ${accepted ? 'accepted' : 'rejected'} on ${en}.`,
        'zh-CN': `该处理结果已于 ${zh} 被${accepted ? '接受' : '拒绝'}。`,
      };
    }
    case 'claim':
      return {
        en: `The case was already claimed by ${decision.owner} on ${en}.`,
        'zh-CN': `该案件已于 ${zh} 由 ${decision.owner} 认领。`,
      };
    case 'recorded_resolution':
      return {
        en: `A different resolution was already recorded by ${decision.by} on ${en}.`,
        'zh-CN': `${decision.by} 已于 ${zh} 登记了另一处理结果。`,
      };
    case 'survey':
      return {
        en: `The survey was already answered, with other scores, on ${en}.`,
        'zh-CN': `该问卷已于 ${zh} 以不同的评分作答。`,
      };
    case 'escalations':
      return {
        en: `The escalations were already acknowledged by ${decision.by} on ${en}.`,
        'zh-CN': `这些升级已于 ${zh} 由 ${decision.by} 确认。`,
      };
    case 'severity':
      return {
        en: `The complaint was already re-graded to ${decision.severity} by ${decision.by} on ${en}.`,
        'zh-CN': `该投诉已于 ${zh} 由 ${decision.by} 重新定级为 ${decision.severity}。`,
      };
    case 'category':
      return {
        en: `The category was already picked as ${categoryLabels[decision.category].en} by ${decision.by} on ${en}.`,
        'zh-CN': `该投诉已于 ${zh} 由 ${decision.by} 选定类别为${categoryLabels[decision.category]['zh-CN']}。`,
      };
    case 'information_request':
      return {
        en: `The information request ${decision.requestId} was already answered on ${en}.`,
        'zh-CN': `信息补充请求 ${decision.requestId} 已于 ${zh} 得到答复。`,
      };
  }
}
