/**
 * The one shape every lifecycle rule answers, and the one place a version is
 * bumped and events are numbered: writes are conditional on the version, so
 * no rule may bump it by hand.
 */
import type { Complaint } from '#domain/complaint.ts';
import { sequenceEvents, type TimelineEvent } from '#domain/timeline.ts';

/** Every transition answers the complaint as it must be stored and the events to append. */
export interface Transition {
  complaint: Complaint;
  events: TimelineEvent[];
  /** False when the call repeated one already applied: nothing to write. */
  changed: boolean;
}

/** Instants are stored as ISO strings in UTC. */
export const iso = (at: Date) => at.toISOString();

/** A repeat of something already applied: nothing to write, the caller answers as before. */
export const unchanged = (complaint: Complaint): Transition => ({ complaint, events: [], changed: false });

/**
 * Several rules in one write, each applied to what the one before it
 * answered: their events go out together, numbered under their own versions.
 */
export function inOneWrite(complaint: Complaint, rules: readonly ((c: Complaint) => Transition)[]): Transition {
  let current: Transition = unchanged(complaint);
  for (const rule of rules) {
    const next = rule(current.complaint);
    current = { complaint: next.complaint, events: [...current.events, ...next.events], changed: current.changed || next.changed };
  }
  return current;
}

/** The next version of the complaint, with its events numbered under that version. */
export const advance = (complaint: Complaint, patch: Partial<Complaint>, events: TimelineEvent[]): Transition => {
  const version = complaint.version + 1;
  return { complaint: { ...complaint, ...patch, version }, events: sequenceEvents(events, version), changed: true };
};
