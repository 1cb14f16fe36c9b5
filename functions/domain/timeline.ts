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
] as const;
export type EventType = (typeof eventTypes)[number];

export type ActorKind = 'customer' | 'agent' | 'supervisor' | 'system';
export interface Actor {
  kind: ActorKind;
  id?: string;
}

export interface TimelineEvent {
  complaintId: string;
  /**
   * Sorts the timeline and makes the write idempotent: a retried step builds
   * the same key from state stored on the complaint and writes nothing new.
   */
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
]);

export function newEvent(
  complaintId: string,
  type: EventType,
  at: Date | string,
  actor: Actor,
  details: Record<string, unknown> = {},
  discriminator = '',
): TimelineEvent {
  const iso = new Date(at).toISOString();
  return {
    complaintId,
    key: `${iso}#${type}${discriminator ? `#${discriminator}` : ''}`,
    at: iso,
    type,
    actor,
    visibleToCustomer: customerVisible.has(type),
    details,
  };
}

/** What the customer sees: their own words and the desk's answers, never internal escalations or agent ids. */
export function customerView(event: TimelineEvent): { at: string; type: EventType; details: Record<string, unknown> } {
  const { agentId: _agentId, ...details } = event.details;
  return { at: event.at, type: event.type, details };
}
