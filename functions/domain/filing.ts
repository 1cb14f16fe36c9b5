import type { BusinessCalendar } from '#domain/business-calendar.ts';
import type { Complaint, ComplaintInput, Tier } from '#domain/complaint.ts';
import { deadlinesAtReceipt } from '#domain/deadlines.ts';
import { newEvent, sequenceEvents, type TimelineEvent } from '#domain/timeline.ts';

export interface FilingContext {
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
  const deadlines = deadlinesAtReceipt(ctx.receivedAt, ctx.calendar);
  const complaint: Complaint = {
    id: ctx.id,
    caseNumber: ctx.caseNumber,
    customer: input.customer,
    tier: ctx.tier,
    channel: input.channel,
    category: input.category ?? 'other',
    categorySource: input.category ? 'customer' : 'default',
    subject: input.subject,
    description: input.description,
    ...(input.orderRef ? { orderRef: input.orderRef } : {}),
    receivedAt: ctx.receivedAt.toISOString(),
    phase: 'RECEIVED',
    version: 1,
    timeZone: ctx.calendar.timeZone,
    responseDueAt: deadlines.responseDueAt.toISOString(),
    resolutionDueAt: deadlines.resolutionDueAt.toISOString(),
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
    ...(deadlines.provisional ? { deadlinesProvisional: deadlines.provisional } : {}),
  });
  return { complaint, events: sequenceEvents([event], complaint.version) };
}
