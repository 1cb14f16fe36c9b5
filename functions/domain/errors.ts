/**
 * Errors are values with names; the API maps each kind to one HTTP status in
 * one place (functions/handlers/http/problem.ts).
 */
export type ProblemKind = 'not_found' | 'conflict' | 'forbidden' | 'unauthorized' | 'invalid' | 'unprocessable' | 'gone';

type Detail = Record<string, unknown>;
const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');

/**
 * The Chinese text of every named domain error, from the values its detail
 * carries; the English text is the error's message. Keyed by name, and the
 * name of a DomainError is typed by these keys: an error without a Chinese
 * text does not compile.
 */
export const chineseDomainText = {
  ComplaintNotFound: (d: Detail) => `投诉 ${text(d.complaintId)} 不存在`,
  PhaseConflict: (d: Detail) => `投诉当前处于 ${text(d.phase)} 阶段，无法执行此操作`,
  AlreadyClaimed: (d: Detail) => `该投诉已由客服 ${text(d.owner)} 认领`,
  NotOwner: (d: Detail) => `只有负责该投诉的客服 ${text(d.owner)}${d.team ? `或 ${text(d.team)} 团队成员` : ''}可以执行此操作`,
  SurveyAlreadyAnswered: () => '该案件的满意度问卷已提交',
  SurveyBeingSent: () => '另一个流程正在发送该满意度问卷',
  NothingToAcknowledge: (d: Detail) => `该投诉没有待确认的${d.level ? ` ${text(d.level)} 级` : ''}升级`,
  AlreadyWaitingOnCustomer: () => '已有一项向客户补充信息的请求尚未答复',
  NoticeNotOwed: () => '该投诉没有这封待发送的通知',
  NoticeBeingSent: () => '这封通知正在发送中',
  AccessTokenChanged: () => '访问令牌已被同时更换，请使用新令牌重试',
  IdempotencyKeyReused: () => '此 Idempotency-Key 已用于另一个不同的请求正文',
  InvalidCursor: () => '分页游标无效：不是本 API 返回的游标',
} satisfies Record<string, (detail: Detail) => string>;

export type DomainErrorName = keyof typeof chineseDomainText;

/** The languages a caller may read an error in (the API's and the customer's). */
export type MessageLocale = 'zh-CN' | 'en';
export type LocalizedMessage = Record<MessageLocale, string>;

export class DomainError extends Error {
  /** Set when the rule words its refusal in both languages itself; `message` is then the English one. */
  readonly localized: LocalizedMessage | undefined;

  /**
   * A plain message is English and its name must have a Chinese text in
   * chineseDomainText; a rule that words both languages itself may use any name.
   */
  constructor(kind: ProblemKind, name: DomainErrorName, message: string, detail?: Record<string, unknown>, chinese?: string);
  constructor(kind: ProblemKind, name: string, message: LocalizedMessage, detail?: Record<string, unknown>);
  constructor(
    readonly kind: ProblemKind,
    override readonly name: string,
    message: string | LocalizedMessage,
    readonly detail: Record<string, unknown> = {},
    /** Chinese text that needs more than the detail holds (the action refused); otherwise from chineseDomainText. */
    private readonly chinese?: string,
  ) {
    super(typeof message === 'string' ? message : message.en);
    this.localized = typeof message === 'string' ? undefined : message;
  }

  /** The error in the caller's language. */
  messageIn(locale: MessageLocale): string {
    if (this.localized) return this.localized[locale];
    if (locale === 'en') return this.message;
    return this.chinese ?? chineseDomainText[this.name as DomainErrorName](this.detail);
  }
}

/**
 * Two requests decided the same thing differently (two tabs, two agents, two
 * supervisors): the first decision stands and the second is refused, saying
 * which stands and since when. A repeat of the standing decision is not this
 * error: it is answered as the first one was.
 */
export class DecisionAlreadyTakenError extends DomainError {
  constructor(
    message: LocalizedMessage,
    detail: { decidedAt: string } & Record<string, unknown>,
    name = 'DecisionAlreadyTaken',
  ) {
    super('conflict', name, message, detail);
  }
}

export const complaintNotFound = (id: string) =>
  new DomainError('not_found', 'ComplaintNotFound', `complaint ${id} does not exist`, { complaintId: id });

/** What each refused action is called in Chinese; the English is the phrase itself. */
export const phaseActions = {
  claim: '认领',
  'respond to': '答复',
  resolve: '办结',
  confirm: '确认',
  escalate: '升级',
  close: '结案',
  'send the survey of': '发送满意度问卷',
  reassign: '改派',
  'ask the customer about': '向客户索取补充信息',
  'reply to': '回复',
  're-grade': '调整等级',
  'pick the category of': '选择分类',
} as const;
export type PhaseAction = keyof typeof phaseActions;

export const phaseConflict = (action: PhaseAction, phase: string) =>
  new DomainError(
    'conflict',
    'PhaseConflict',
    `cannot ${action} a complaint in phase ${phase}`,
    { phase },
    `投诉当前处于 ${phase} 阶段，无法${phaseActions[action]}`,
  );
