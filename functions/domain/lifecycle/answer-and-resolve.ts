/**
 * The desk answers and resolves; the customer accepts or rejects the resolution; the case closes.
 */
import type { BusinessCalendar } from '#domain/business-calendar.ts';
import type { CloseOutcome, Complaint, Phase, Resolution } from '#domain/complaint.ts';
import { confirmationDueAt } from '#domain/deadlines.ts';
import { slaTargetsOf } from '#domain/sla-policy.ts';
import { DecisionAlreadyTakenError, phaseConflict } from '#domain/errors.ts';
import { decisionTakenMessage } from '#domain/messages.ts';
import { newEvent } from '#domain/timeline.ts';
import { advance, iso, type Transition, unchanged } from '#domain/lifecycle/transition.ts';
import { type ActingAgent, actorOf, ensureOwner } from '#domain/lifecycle/ownership.ts';
import { courierNotice, withNotice } from '#domain/lifecycle/notices.ts';

/** Phases that still wait on the desk to answer: the first response moves them on. */
const beforeResponse: ReadonlySet<Phase> = new Set(['RECEIVED', 'AWAITING_RESPONSE']);

/** Phases in which the desk may still resolve the case (or ask the customer first). */
export const resolvable: ReadonlySet<Phase> = new Set(['RECEIVED', 'AWAITING_RESPONSE', 'AWAITING_RESOLUTION']);

export function recordResponse(complaint: Complaint, agent: ActingAgent, message: string, now: Date): Transition {
  const agentId = actorOf(agent).id;
  if (complaint.phase === 'CLOSED') throw phaseConflict('respond to', complaint.phase);
  const owned = ensureOwner(complaint, agent, 'respond', now);
  const first = beforeResponse.has(complaint.phase);
  const notices = withNotice(complaint, courierNotice('response', `response-${complaint.version + 1}`, now, message));
  const patch: Partial<Complaint> = first
    ? { phase: 'AWAITING_RESOLUTION', firstRespondedAt: complaint.firstRespondedAt ?? iso(now), notices }
    : { notices };
  return advance(owned.complaint, patch, [
    ...owned.events,
    newEvent(complaint.id, 'responded', now, { kind: 'agent', id: agentId }, { message, agentId, first }),
  ]);
}

const sameResolution = (a: Resolution, b: Resolution) =>
  a.rootCause === b.rootCause && a.resolution === b.resolution && a.compensation === b.compensation;

/**
 * Records the resolution and asks the customer to confirm it. While the
 * customer is asked, a different resolution is refused, naming the one
 * recorded; the same one sent again by its agent changes nothing.
 */
export function recordResolution(
  complaint: Complaint,
  agent: ActingAgent,
  resolution: Resolution,
  now: Date,
  calendar: BusinessCalendar,
): Transition {
  const agentId = actorOf(agent).id;
  if (complaint.phase === 'AWAITING_CONFIRMATION' && complaint.resolution && complaint.resolvedAt) {
    // The same agent sending the same resolution again (a double submit) is answered as before.
    if (complaint.resolution.agentId === agentId && sameResolution(complaint.resolution, resolution)) return unchanged(complaint);
    throw new DecisionAlreadyTakenError(
      decisionTakenMessage({ about: 'recorded_resolution', by: complaint.resolution.agentId }, complaint.resolvedAt, complaint.timeZone),
      { by: complaint.resolution.agentId, decidedAt: complaint.resolvedAt },
    );
  }
  if (!resolvable.has(complaint.phase)) throw phaseConflict('resolve', complaint.phase);
  const owned = ensureOwner(complaint, agent, 'resolve', now);
  const due = confirmationDueAt(now, calendar, slaTargetsOf(complaint.policy));
  return advance(
    owned.complaint,
    {
      phase: 'AWAITING_CONFIRMATION',
      firstRespondedAt: complaint.firstRespondedAt ?? iso(now),
      resolvedAt: iso(now),
      firstResolution: complaint.firstResolution ?? { at: iso(now), dueAt: complaint.resolutionDueAt },
      resolution: { ...resolution, agentId },
      confirmationDueAt: iso(due),
      notices: withNotice(complaint, courierNotice('resolution', `resolution-${complaint.reopenCount}`, now)),
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

export type ResolutionDecision = { decision: 'accept' } | { decision: 'reject'; reason: string };

/** The customer's decision on the latest resolution, once taken, and the phase it puts the case in. */
export interface DecisionOnResolution {
  decision: 'accept' | 'reject' | 'auto_accept';
  decidedAt: string;
  /** An accepted resolution closes the case: the workflow writes the close right after. */
  phase: Phase;
  reopenCount: number;
}

export function decisionOnResolution(complaint: Complaint): DecisionOnResolution | undefined {
  const { confirmation, rejection, reopenCount } = complaint;
  if (confirmation) return { decision: 'accept', decidedAt: confirmation.at, phase: 'CLOSED', reopenCount };
  if (complaint.phase === 'CLOSED' && complaint.closeOutcome === 'auto_confirmed' && complaint.closedAt) {
    return { decision: 'auto_accept', decidedAt: complaint.closedAt, phase: 'CLOSED', reopenCount };
  }
  // A rejection stands until a new resolution asks the customer again.
  if (rejection?.reopenCount === reopenCount && complaint.phase !== 'AWAITING_CONFIRMATION' && complaint.phase !== 'CLOSED') {
    return { decision: 'reject', decidedAt: rejection.at, phase: 'AWAITING_RESOLUTION', reopenCount };
  }
  return undefined;
}

/**
 * The customer accepts or rejects the resolution once. A request that lost
 * the race to a contrary one (two tabs) is refused, naming the decision that
 * stands; a repeat of the standing decision changes nothing and is answered
 * as the first one was.
 */
export function confirmResolution(complaint: Complaint, decision: ResolutionDecision, now: Date): Transition {
  const taken = decisionOnResolution(complaint);
  if (taken) {
    if (taken.decision === decision.decision) return unchanged(complaint);
    throw new DecisionAlreadyTakenError(
      decisionTakenMessage({ about: 'resolution', standing: taken.decision }, taken.decidedAt, complaint.timeZone),
      { standing: taken.decision, decidedAt: taken.decidedAt },
    );
  }
  if (complaint.phase !== 'AWAITING_CONFIRMATION') throw phaseConflict('confirm', complaint.phase);
  const actor = { kind: 'customer' as const, id: complaint.customer.id };
  if (decision.decision === 'accept') {
    return advance(complaint, { confirmation: { decision: 'accept', at: iso(now) } }, [
      newEvent(complaint.id, 'confirmed', now, actor),
    ]);
  }
  const reopenCount = complaint.reopenCount + 1;
  return advance(
    complaint,
    {
      phase: 'AWAITING_RESOLUTION',
      reopenCount,
      resolvedAt: undefined,
      confirmationDueAt: undefined,
      rejection: { at: iso(now), reason: decision.reason, reopenCount },
    },
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
