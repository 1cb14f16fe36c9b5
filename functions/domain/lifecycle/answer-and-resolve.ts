/**
 * The desk answers and resolves; the customer accepts or rejects the resolution; the case closes.
 */
import type { BusinessCalendar } from '#domain/business-calendar.ts';
import type { CloseOutcome, Complaint, Phase, Resolution } from '#domain/complaint.ts';
import { confirmationDueAt } from '#domain/deadlines.ts';
import { slaTargetsOf } from '#domain/sla-policy.ts';
import { phaseConflict } from '#domain/errors.ts';
import { newEvent } from '#domain/timeline.ts';
import { advance, iso, type Transition, unchanged } from '#domain/lifecycle/transition.ts';
import { type ActingAgent, actorOf, ensureOwner } from '#domain/lifecycle/ownership.ts';
import { owedNotice, withNotice } from '#domain/lifecycle/notices.ts';

/** Phases that still wait on the desk to answer: the first response moves them on. */
const beforeResponse: ReadonlySet<Phase> = new Set(['RECEIVED', 'AWAITING_RESPONSE']);

/** Phases in which the desk may still resolve the case (or ask the customer first). */
export const resolvable: ReadonlySet<Phase> = new Set(['RECEIVED', 'AWAITING_RESPONSE', 'AWAITING_RESOLUTION']);

export function recordResponse(complaint: Complaint, agent: ActingAgent, message: string, now: Date): Transition {
  const agentId = actorOf(agent).id;
  if (complaint.phase === 'CLOSED') throw phaseConflict('respond to', complaint.phase);
  const owned = ensureOwner(complaint, agent, 'respond', now);
  const first = beforeResponse.has(complaint.phase);
  const notices = withNotice(complaint, owedNotice('response', `response-${complaint.version + 1}`, now, message));
  const patch: Partial<Complaint> = first
    ? { phase: 'AWAITING_RESOLUTION', firstRespondedAt: complaint.firstRespondedAt ?? iso(now), notices }
    : { notices };
  return advance(owned.complaint, patch, [
    ...owned.events,
    newEvent(complaint.id, 'responded', now, { kind: 'agent', id: agentId }, { message, agentId, first }),
  ]);
}

export function recordResolution(
  complaint: Complaint,
  agent: ActingAgent,
  resolution: Resolution,
  now: Date,
  calendar: BusinessCalendar,
): Transition {
  const agentId = actorOf(agent).id;
  if (!resolvable.has(complaint.phase)) throw phaseConflict('resolve', complaint.phase);
  const owned = ensureOwner(complaint, agent, 'resolve', now);
  const due = confirmationDueAt(now, calendar, slaTargetsOf(complaint.policy));
  return advance(
    owned.complaint,
    {
      phase: 'AWAITING_CONFIRMATION',
      firstRespondedAt: complaint.firstRespondedAt ?? iso(now),
      resolvedAt: iso(now),
      resolution: { ...resolution, agentId },
      confirmationDueAt: iso(due),
      notices: withNotice(complaint, owedNotice('resolution', `resolution-${complaint.reopenCount}`, now)),
    },
    [
      ...owned.events,
      newEvent(complaint.id, 'resolved', now, { kind: 'agent', id: agentId }, {
        ...resolution,
        agentId,
        confirmationDueAt: iso(due),
      }),
    ],
  );
}

export function confirmResolution(
  complaint: Complaint,
  decision: { decision: 'accept' } | { decision: 'reject'; reason: string },
  now: Date,
): Transition {
  if (complaint.phase !== 'AWAITING_CONFIRMATION') throw phaseConflict('confirm', complaint.phase);
  if (complaint.confirmation) return unchanged(complaint);
  const actor = { kind: 'customer' as const, id: complaint.customer.id };
  if (decision.decision === 'accept') {
    return advance(complaint, { confirmation: { decision: 'accept', at: iso(now) } }, [
      newEvent(complaint.id, 'confirmed', now, actor),
    ]);
  }
  const reopenCount = complaint.reopenCount + 1;
  return advance(
    complaint,
    { phase: 'AWAITING_RESOLUTION', reopenCount, resolvedAt: undefined, confirmationDueAt: undefined },
    [newEvent(complaint.id, 'rejected', now, actor, { reason: decision.reason, reopenCount })],
  );
}

export function close(complaint: Complaint, outcome: CloseOutcome, now: Date, surveyDueAt: Date): Transition {
  if (complaint.phase === 'CLOSED') return unchanged(complaint);
  if (complaint.phase !== 'AWAITING_CONFIRMATION') throw phaseConflict('close', complaint.phase);
  return advance(
    complaint,
    { phase: 'CLOSED', closedAt: iso(now), closeOutcome: outcome, surveyDueAt: iso(surveyDueAt), wait: undefined },
    [newEvent(complaint.id, 'closed', now, { kind: 'system' }, { outcome, surveyDueAt: iso(surveyDueAt) })],
  );
}
