import * as z from 'zod';
import type { PolicyInForce, Severity } from '#domain/sla-policy.ts';

/** The part of a triage result kept on the complaint: values and the evidence behind them. */
export interface TriageSummary {
  /** `uncertain` when the customer picked none and the model was not sure: kept so even after an agent's pick. */
  category: { value: CaseCategory; source: 'customer' | 'classified'; evidence: string[]; mismatch?: { suggested: Category; evidence: string[] } };
  severity: { value: Severity; reasons: { rule: string; evidence: string[] }[] };
  sentiment: { score: number; label: 'negative' | 'neutral' | 'positive'; evidence: string[] };
  risk: { high: boolean; reasons: string[] };
}

export const categories = [
  'product_quality',
  'logistics',
  'service_attitude',
  'billing_dispute',
  'service_process',
  'other',
] as const;
/**
 * What a case may be filed under: a real category, or `uncertain` when
 * nobody picked one and the model was not sure, so the desk sees that an
 * agent must pick rather than a guess that looks like a decision. A customer
 * never sends it and an agent never picks it.
 */
export const caseCategories = [...categories, 'uncertain'] as const;
export const channels = ['web', 'app', 'phone', 'email', 'social'] as const;
export const locales = ['zh-CN', 'en'] as const;
export const tiers = ['standard', 'vip'] as const;
export const phases = [
  'RECEIVED',
  'AWAITING_RESPONSE',
  'AWAITING_RESOLUTION',
  'AWAITING_CONFIRMATION',
  'CLOSED',
] as const;
export const waitKinds = ['response', 'resolution', 'confirmation', 'reply'] as const;
export const closeOutcomes = ['confirmed', 'auto_confirmed'] as const;

export type Category = (typeof categories)[number];
export type CaseCategory = (typeof caseCategories)[number];
export type Channel = (typeof channels)[number];
export type Locale = (typeof locales)[number];
export type Tier = (typeof tiers)[number];
export type Phase = (typeof phases)[number];
export type WaitKind = (typeof waitKinds)[number];
export type CloseOutcome = (typeof closeOutcomes)[number];

const trimmed = (max: number) => z.string().trim().min(1).max(max);

export const CustomerSchema = z.strictObject({
  id: trimmed(64).regex(/^[\w.@:-]+$/, 'letters, digits and . _ @ : - only'),
  name: trimmed(200),
  email: z.email().max(254),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9][0-9 ()-]{4,24}$/, 'a phone number such as +86 138 0013 8000')
    .optional(),
  locale: z.enum(locales),
});
export type Customer = z.infer<typeof CustomerSchema>;

/**
 * What a customer (or an agent on the phone) may send. Strict: a `tier`, `phase`
 * or any unknown field is refused, because the tier comes from the desk's own
 * customer records and never from the public request.
 */
export const ComplaintInputSchema = z.strictObject({
  customer: CustomerSchema,
  channel: z.enum(channels),
  category: z.enum(categories).optional(),
  subject: trimmed(200),
  description: trimmed(5000),
  orderRef: trimmed(64).optional(),
});
export type ComplaintInput = z.infer<typeof ComplaintInputSchema>;

export const ResolutionSchema = z.strictObject({
  rootCause: trimmed(2000),
  resolution: trimmed(5000),
  compensation: trimmed(1000).optional(),
});
export type Resolution = z.infer<typeof ResolutionSchema>;

export type EscalationLevel = 1 | 2 | 3;

export interface Escalation {
  level: EscalationLevel;
  reason: EscalationReason;
  /**
   * One escalation per level and window: a retried step finds it and does
   * nothing. Repeats of an unacknowledged escalation get `<window>#r<n>`.
   */
  window: string;
  at: string;
  publishedAt?: string;
  acknowledgedAt?: string;
  acknowledgedBy?: string;
  /** A supervisor's escalation by hand. */
  manual?: { by: string; note: string };
}
export type EscalationReason =
  | 'response_overdue'
  | 'resolution_overdue'
  | 'resolution_rejected'
  | 'still_unresolved'
  | 'major_complaint'
  | 'high_risk'
  | 'manual';

export type SlaWindow = 'response' | 'resolution';

export interface Warning {
  window: SlaWindow;
  at: string;
  publishedAt?: string;
}

/** The resolution clock stops while the desk waits on the customer's information. */
export interface Pause {
  requestId: string;
  since: string;
  expiresAt: string;
  question: string;
}

/** Who acts for the desk: an agent, and the team whose members may act on the agent's cases. */
export interface StaffActor {
  id: string;
  team?: string;
}

export interface Owner {
  agentId: string;
  claimedAt: string;
  /** The owner's team when claimed or assigned: its other members may act on the case too. */
  team?: string;
}

export const noticeKinds = ['response', 'resolution', 'information_request', 'access_token'] as const;
export type NoticeKind = (typeof noticeKinds)[number];

/**
 * An email the customer is owed because of something the desk did. It is
 * recorded in the same write as the act, sent right after it, and marked
 * sent; one still unsent when its lease runs out is sent by the workflow, so
 * a failed send is retried and a slow one is not sent twice.
 */
export interface CustomerNotice {
  /** Unique per complaint: `response`, `resolution-<n>`, `info-<requestId>`, `access-<revision>`. */
  id: string;
  kind: NoticeKind;
  createdAt: string;
  /** The current sender's lease started here (a courier notice: when it was owed). */
  claimedAt: string;
  attempts: number;
  /**
   * Owed to the workflow, which the same write wakes: its next wait claims and
   * sends it, so no email is sent inside the request. No sender holds it yet.
   */
  courier?: 'workflow';
  sentAt?: string;
  messageId?: string;
  /** Set when the desk gave up sending it (`sentAt` then records when). */
  failed?: string;
  /** What the email needs that is not on the complaint (the agent's message, the question). */
  text?: string;
}

/** Who decided a case's category: the customer at filing, triage, nobody (before triage existed) or an agent's pick. */
export type CategorySource = 'customer' | 'classified' | 'default' | 'agent';

export interface PendingWait {
  kind: WaitKind;
  taskToken: string;
  until: string;
  since: string;
}

export interface Complaint {
  id: string;
  caseNumber: string;
  customer: Customer;
  tier: Tier;
  channel: Channel;
  category: CaseCategory;
  categorySource: CategorySource;
  severity: Severity;
  /** What triage found in the text, with its evidence (absent on complaints filed before triage existed). */
  triage?: TriageSummary;
  /** 重复投诉: the same customer's earlier complaint of the same category within 30 days. */
  repeatOf?: { id: string; caseNumber: string; receivedAt: string };
  /** The policy in force at receipt: a later policy change never moves this complaint's deadlines. */
  policy: PolicyInForce;
  subject: string;
  description: string;
  orderRef?: string;
  receivedAt: string;
  phase: Phase;
  /** Bumped by every write that changes the complaint; writes are conditional on it. */
  version: number;
  timeZone: string;
  responseDueAt: string;
  resolutionDueAt: string;
  /** The resolution deadline before any pause moved it. */
  originalResolutionDueAt: string;
  /** Working time the resolution clock has been stopped, all pauses together. */
  pausedWorkingMs: number;
  pause?: Pause;
  warnings: Warning[];
  confirmationDueAt?: string;
  /** Set when the calendar lacked a year the deadline needed: shown, alerted, recomputed once loaded. */
  deadlinesProvisional?: { missingYears: number[] };
  acknowledgedAt?: string;
  escalationLevel: 0 | 1 | 2 | 3;
  escalations: Escalation[];
  owner?: Owner;
  /** Emails owed to the customer, sent or not. */
  notices?: CustomerNotice[];
  firstRespondedAt?: string;
  resolvedAt?: string;
  /** The first resolution ever recorded, and the resolution deadline in force then: what the resolution KPI judges. */
  firstResolution?: { at: string; dueAt: string };
  resolution?: Resolution & { agentId: string };
  confirmation?: { decision: 'accept'; at: string };
  /** The customer's latest rejection: what a contrary decision sent with it is refused with, and a repeat answered with. */
  rejection?: { at: string; reason: string; reopenCount: number };
  reopenCount: number;
  /** The latest re-grade by a supervisor: what a contrary re-grade sent with it is refused with. */
  regraded?: { by: string; at: string };
  /** The latest category picked by staff: what a contrary pick sent with it is refused with. */
  categorised?: { by: string; at: string };
  /** The customer's latest reply: a repeat of it to the same request is answered as the first. */
  lastReply?: { at: string; message: string; requestId?: string };
  closedAt?: string;
  closeOutcome?: CloseOutcome;
  surveyDueAt?: string;
  surveySentAt?: string;
  /**
   * The claims the survey link was signed with: the link itself is a credential and is not stored, but the same
   * claims sign the same link again, so the customer's own case page can offer it.
   */
  surveyLink?: { expiresAt: string; accessRevision: number };
  /** Lease of the survey sender, so two overlapping runs never both send. */
  surveyClaimedAt?: string;
  survey?: { csat: number; nps: number; comment?: string; answeredAt: string };
  wait?: PendingWait;
  accessTokenHash: string;
  /** Bumped when the access token is revoked or rotated; links signed for an older revision stop working. */
  accessRevision?: number;
  failure?: { error: string; cause: string; at: string };
}

/** The deadline the desk must meet next: the first response until it is given, then the resolution. */
export function nextDueAt(complaint: Pick<Complaint, 'firstRespondedAt' | 'responseDueAt' | 'resolutionDueAt'>): string {
  return complaint.firstRespondedAt ? complaint.resolutionDueAt : complaint.responseDueAt;
}
