import type { components } from '../api/schema.ts';

export type CustomerCase = components['schemas']['CustomerCase'];
export type CustomerTimelineEvent = components['schemas']['CustomerTimelineEvent'];
export type TimelineEventType = CustomerTimelineEvent['type'];

/** What another developer is adding to CustomerCase; read through this type until schema.ts has it. */
export type PortalCase = CustomerCase & {
  pendingInformationRequest?: { question: string; askedAt: string; dueAt: string };
  survey?: { token: string; sentAt: string; answered: boolean };
};

/** The words worth showing under an event: what someone wrote, never an internal field. */
const textDetails = ['message', 'question', 'rootCause', 'resolution', 'compensation', 'reason', 'comment'] as const;

export function eventTexts(details: Record<string, unknown>): string[] {
  return textDetails.map((name) => details[name]).filter((value): value is string => typeof value === 'string' && value.trim().length > 0);
}

/** The new deadline an event announces (a `deadline_changed` event's `to`), when it names one. */
export function eventNewDeadline(event: CustomerTimelineEvent): string | undefined {
  if (event.type !== 'deadline_changed') return undefined;
  const to = event.details.to;
  return typeof to === 'string' && !Number.isNaN(Date.parse(to)) ? to : undefined;
}
