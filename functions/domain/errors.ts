/**
 * Errors are values with names; the API maps each kind to one HTTP status in
 * one place (functions/handlers/http/problem.ts).
 */
export type ProblemKind = 'not_found' | 'conflict' | 'forbidden' | 'unauthorized' | 'invalid' | 'unprocessable' | 'gone';

/** The languages a caller may read an error in (the API's and the customer's). */
export type MessageLocale = 'zh-CN' | 'en';
export type LocalizedMessage = Record<MessageLocale, string>;

export class DomainError extends Error {
  /** Set when the rule words its refusal for a customer in both languages; `message` is then the English one. */
  readonly localized: LocalizedMessage | undefined;

  constructor(
    readonly kind: ProblemKind,
    override readonly name: string,
    message: string | LocalizedMessage,
    readonly detail: Record<string, unknown> = {},
  ) {
    super(typeof message === 'string' ? message : message.en);
    this.localized = typeof message === 'string' ? undefined : message;
  }

  messageIn(locale: MessageLocale): string {
    return this.localized?.[locale] ?? this.message;
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

export const phaseConflict = (action: string, phase: string) =>
  new DomainError('conflict', 'PhaseConflict', `cannot ${action} a complaint in phase ${phase}`, { phase });
