export const eventTypes = [
  'received',
  'triaged',
  'acknowledgement_sent',
  'waiting',
  'claimed',
  'responded',
  'resolved',
  'escalated',
  'confirmed',
  'rejected',
  'closed',
  'survey_sent',
  'survey_answered',
  'workflow_failed',
  'warned',
  'escalation_acknowledged',
  'reassigned',
  'info_requested',
  'replied',
  'resumed',
  'deadline_changed',
  'notified',
  'severity_changed',
  'category_changed',
  'customer_emailed',
  'customer_email_failed',
  'access_revoked',
] as const;
export type EventType = (typeof eventTypes)[number];

export type ActorKind = 'customer' | 'agent' | 'supervisor' | 'system';
export interface Actor {
  kind: ActorKind;
  id?: string;
}

export interface TimelineEvent {
  complaintId: string;
  /** Sorts the timeline; unique per complaint (see sequenceEvents). */
  key: string;
  at: string;
  type: EventType;
  actor: Actor;
  visibleToCustomer: boolean;
  details: Record<string, unknown>;
}

const customerVisible: ReadonlySet<EventType> = new Set<EventType>([
  'received',
  'acknowledgement_sent',
  'claimed',
  'responded',
  'resolved',
  'confirmed',
  'rejected',
  'closed',
  'survey_sent',
  'survey_answered',
  'info_requested',
  'replied',
  'resumed',
  'deadline_changed',
  'access_revoked',
]);

export function newEvent(
  complaintId: string,
  type: EventType,
  at: Date | string,
  actor: Actor,
  details: Record<string, unknown> = {},
): TimelineEvent {
  const iso = new Date(at).toISOString();
  return {
    complaintId,
    key: `${iso}#${type}`,
    at: iso,
    type,
    actor,
    visibleToCustomer: customerVisible.has(type),
    details,
  };
}

/**
 * Orders a transition's events after everything before it, even at the same
 * instant (a manual clock, or one request doing two things), and makes each
 * key unique per complaint version: a replayed write finds the same key.
 */
export function sequenceEvents(events: readonly TimelineEvent[], version: number): TimelineEvent[] {
  return events.map((event, index) => ({
    ...event,
    key: `${event.at}#${String(version).padStart(8, '0')}#${index}#${event.type}`,
  }));
}

/**
 * The details a customer may see of each event they see: their own words, the
 * desk's answers and the deadlines. Listed, not filtered out, so a field added
 * to an event later (an SES message id, a request id, a team) stays internal
 * until someone decides a customer should read it.
 */
const customerDetails: Readonly<Partial<Record<EventType, readonly string[]>>> = {
  received: ['caseNumber', 'channel', 'category', 'subject', 'responseDueAt', 'resolutionDueAt', 'deadlinesProvisional'],
  acknowledgement_sent: ['locale'],
  claimed: [],
  responded: ['message', 'first'],
  resolved: ['rootCause', 'resolution', 'compensation', 'confirmationDueAt'],
  confirmed: [],
  rejected: ['reason', 'reopenCount'],
  closed: ['outcome', 'surveyDueAt'],
  survey_sent: [],
  survey_answered: ['csat', 'nps', 'comment'],
  info_requested: ['question', 'expiresAt'],
  replied: ['message'],
  resumed: ['why'],
  deadline_changed: ['deadline', 'from', 'to', 'why'],
  access_revoked: ['reason'],
};

/** What the customer sees: their own words and the desk's answers, never internal escalations, agent ids or message ids. */
export function customerView(event: TimelineEvent): { at: string; type: EventType; details: Record<string, unknown> } {
  const shown = customerDetails[event.type] ?? [];
  const details = Object.fromEntries(shown.filter((name) => Object.hasOwn(event.details, name)).map((name) => [name, event.details[name]]));
  return { at: event.at, type: event.type, details };
}
