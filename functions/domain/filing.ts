import type { BusinessCalendar } from '#domain/business-calendar.ts';
import type { Complaint, ComplaintInput, Tier } from '#domain/complaint.ts';
import { deadlinesAtReceipt } from '#domain/deadlines.ts';
import { type SlaPolicy, policyFor, slaTargetsOf, type Severity } from '#domain/sla-policy.ts';
import { newEvent, sequenceEvents, type TimelineEvent } from '#domain/timeline.ts';

export interface FilingContext {
  policy: SlaPolicy;
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
  const category = input.category ?? 'other';
  // Triage scoring (a later issue) will raise severity from the text; until then every complaint is routine.
  const severity: Severity = 'L1';
  const policy = policyFor(ctx.policy, { severity, tier: ctx.tier, category });
  const deadlines = deadlinesAtReceipt(ctx.receivedAt, ctx.calendar, slaTargetsOf(policy));
  const complaint: Complaint = {
    id: ctx.id,
    caseNumber: ctx.caseNumber,
    customer: input.customer,
    tier: ctx.tier,
    channel: input.channel,
    category,
    categorySource: input.category ? 'customer' : 'default',
    severity,
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
    ...(deadlines.provisional ? { deadlinesProvisional: deadlines.provisional } : {}),
  });
  return { complaint, events: sequenceEvents([event], complaint.version) };
}
