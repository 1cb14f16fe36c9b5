/**
 * Warnings before a deadline, escalations up the chain after it, and their acknowledgement by a supervisor.
 */
import type { Complaint, Escalation, EscalationLevel, SlaWindow } from '#domain/complaint.ts';
import { DecisionAlreadyTakenError, DomainError, phaseConflict } from '#domain/errors.ts';
import { decisionTakenMessage } from '#domain/messages.ts';
import { newEvent } from '#domain/timeline.ts';
import { advance, iso, type Transition, unchanged } from '#domain/lifecycle/transition.ts';

export function escalate(
  complaint: Complaint,
  escalation: Pick<Escalation, 'level' | 'reason' | 'window' | 'manual'>,
  now: Date,
): Transition {
  const already = complaint.escalations.find((e) => e.level === escalation.level && e.window === escalation.window);
  if (already) return unchanged(complaint);
  if (escalation.manual && complaint.phase === 'CLOSED') throw phaseConflict('escalate', complaint.phase);
  const recorded: Escalation = { ...escalation, at: iso(now) };
  return advance(
    complaint,
    {
      escalations: [...complaint.escalations, recorded],
      escalationLevel: Math.max(complaint.escalationLevel, escalation.level) as Complaint['escalationLevel'],
    },
    [
      newEvent(complaint.id, 'escalated', now, { kind: 'system' }, { ...escalation }),
    ],
  );
}

export function escalateByHand(
  complaint: Complaint,
  supervisorId: string,
  level: EscalationLevel,
  note: string,
  now: Date,
): Transition {
  const window = `manual-${complaint.escalations.filter((e) => e.manual).length + 1}`;
  return escalate(complaint, { level, reason: 'manual', window, manual: { by: supervisorId, note } }, now);
}

/**
 * Stops the repeats of every unacknowledged escalation (of one level, or all).
 * Once all are acknowledged, the same supervisor asking again is answered as
 * before; another supervisor hears who acknowledged them and when.
 */
export function acknowledgeEscalations(
  complaint: Complaint,
  supervisorId: string,
  level: EscalationLevel | undefined,
  now: Date,
): Transition {
  const asked = complaint.escalations.filter((e) => level === undefined || e.level === level);
  const open = asked.filter((e) => !e.acknowledgedAt);
  const latest = asked.filter((e) => e.acknowledgedAt).sort((a, b) => a.acknowledgedAt!.localeCompare(b.acknowledgedAt!)).at(-1);
  if (open.length === 0 && latest?.acknowledgedBy && latest.acknowledgedAt) {
    if (latest.acknowledgedBy === supervisorId) return unchanged(complaint);
    throw new DecisionAlreadyTakenError(
      decisionTakenMessage({ about: 'escalations', by: latest.acknowledgedBy }, latest.acknowledgedAt, complaint.timeZone),
      { by: latest.acknowledgedBy, decidedAt: latest.acknowledgedAt, ...(level ? { level } : {}) },
      'EscalationsAlreadyAcknowledged',
    );
  }
  if (open.length === 0) {
    throw new DomainError('conflict', 'NothingToAcknowledge', 'no unacknowledged escalation on this complaint', {
      ...(level ? { level } : {}),
    });
  }
  const escalations = complaint.escalations.map((e) =>
    open.includes(e) ? { ...e, acknowledgedAt: iso(now), acknowledgedBy: supervisorId } : e,
  );
  return advance(complaint, { escalations }, [
    newEvent(complaint.id, 'escalation_acknowledged', now, { kind: 'supervisor', id: supervisorId }, {
      levels: [...new Set(open.map((e) => e.level))].sort(),
      windows: open.map((e) => e.window),
    }),
  ]);
}

export function warn(complaint: Complaint, window: SlaWindow, now: Date): Transition {
  if (complaint.warnings.some((w) => w.window === window)) return unchanged(complaint);
  const dueAt = window === 'response' ? complaint.responseDueAt : complaint.resolutionDueAt;
  return advance(complaint, { warnings: [...complaint.warnings, { window, at: iso(now) }] }, [
    newEvent(complaint.id, 'warned', now, { kind: 'system' }, { window, dueAt, owner: complaint.owner?.agentId }),
  ]);
}

export function markEscalationPublished(complaint: Complaint, level: number, window: string, now: Date): Transition {
  const index = complaint.escalations.findIndex((e) => e.level === level && e.window === window);
  const found = complaint.escalations[index];
  if (!found || found.publishedAt) return unchanged(complaint);
  const escalations = complaint.escalations.with(index, { ...found, publishedAt: iso(now) });
  return advance(complaint, { escalations }, []);
}

export function markWarningPublished(complaint: Complaint, window: SlaWindow, now: Date): Transition {
  const index = complaint.warnings.findIndex((w) => w.window === window);
  const found = complaint.warnings[index];
  if (!found || found.publishedAt) return unchanged(complaint);
  return advance(complaint, { warnings: complaint.warnings.with(index, { ...found, publishedAt: iso(now) }) }, []);
}
