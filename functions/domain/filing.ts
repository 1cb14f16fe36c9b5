import type { BusinessCalendar } from '#domain/business-calendar.ts';
import type { Complaint, ComplaintInput, Tier, TriageSummary } from '#domain/complaint.ts';
import { deadlinesAtReceipt } from '#domain/deadlines.ts';
import { type SlaPolicy, policyFor, slaTargetsOf, type Severity } from '#domain/sla-policy.ts';
import { newEvent, sequenceEvents, type TimelineEvent } from '#domain/timeline.ts';

export interface FilingContext {
  policy: SlaPolicy;
  /** What triage read in the text; without it the complaint is routine and uncategorised ('other'). */
  triage?: TriageSummary;
  repeatOf?: Complaint['repeatOf'];
  id: string;
  caseNumber: string;
  accessTokenHash: string;
  tier: Tier;
  receivedAt: Date;
  calendar: BusinessCalendar;
}

/** `CL-YYYYMMDD-NNNN`: the local date of receipt and that day's sequence. */
export function formatCaseNumber(localDate: string, sequence: number): string {
  return `CL-${localDate.replaceAll('-', '')}-${String(sequence).padStart(4, '0')}`;
}

export function fileComplaint(input: ComplaintInput, ctx: FilingContext): { complaint: Complaint; events: TimelineEvent[] } {
  const category = ctx.triage?.category.value ?? input.category ?? 'other';
  const severity: Severity = ctx.triage?.severity.value ?? 'L1';
  const policy = policyFor(ctx.policy, { severity, tier: ctx.tier, category });
  const deadlines = deadlinesAtReceipt(ctx.receivedAt, ctx.calendar, slaTargetsOf(policy));
  const complaint: Complaint = {
    id: ctx.id,
    caseNumber: ctx.caseNumber,
    customer: input.customer,
    tier: ctx.tier,
    channel: input.channel,
    category,
    categorySource: input.category ? 'customer' : ctx.triage ? 'classified' : 'default',
    severity,
    ...(ctx.triage ? { triage: ctx.triage } : {}),
    ...(ctx.repeatOf ? { repeatOf: ctx.repeatOf } : {}),
    policy,
    subject: input.subject,
    description: input.description,
    ...(input.orderRef ? { orderRef: input.orderRef } : {}),
    receivedAt: ctx.receivedAt.toISOString(),
    phase: 'RECEIVED',
    version: 1,
    timeZone: ctx.calendar.timeZone,
    responseDueAt: deadlines.responseDueAt.toISOString(),
    resolutionDueAt: deadlines.resolutionDueAt.toISOString(),
    originalResolutionDueAt: deadlines.resolutionDueAt.toISOString(),
    pausedWorkingMs: 0,
    warnings: [],
    ...(deadlines.provisional ? { deadlinesProvisional: deadlines.provisional } : {}),
    escalationLevel: 0,
    escalations: [],
    reopenCount: 0,
    accessTokenHash: ctx.accessTokenHash,
  };
  const event = newEvent(ctx.id, 'received', ctx.receivedAt, { kind: 'customer', id: input.customer.id }, {
    caseNumber: ctx.caseNumber,
    channel: input.channel,
    category: complaint.category,
    subject: input.subject,
    responseDueAt: complaint.responseDueAt,
    resolutionDueAt: complaint.resolutionDueAt,
    policy: { version: policy.version, applied: policy.applied },
    severity,
    ...(ctx.repeatOf ? { repeatOf: ctx.repeatOf.caseNumber } : {}),
    ...(deadlines.provisional ? { deadlinesProvisional: deadlines.provisional } : {}),
  });
  return { complaint, events: sequenceEvents([event], complaint.version) };
}
