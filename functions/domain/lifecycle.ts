import type { BusinessCalendar } from '#domain/business-calendar.ts';
import type {
  CloseOutcome,
  Complaint,
  Escalation,
  EscalationReason,
  PendingWait,
  Phase,
  Resolution,
  WaitKind,
} from '#domain/complaint.ts';
import { confirmationDueAt } from '#domain/deadlines.ts';
import { DomainError, phaseConflict } from '#domain/errors.ts';
import { newEvent, sequenceEvents, type TimelineEvent } from '#domain/timeline.ts';

/** Every transition answers the complaint as it must be stored and the events to append. */
export interface Transition {
  complaint: Complaint;
  events: TimelineEvent[];
  /** False when the call repeated one already applied: nothing to write. */
  changed: boolean;
}

const iso = (at: Date) => at.toISOString();
const unchanged = (complaint: Complaint): Transition => ({ complaint, events: [], changed: false });
const next = (complaint: Complaint, patch: Partial<Complaint>, events: TimelineEvent[]): Transition => {
  const version = complaint.version + 1;
  return { complaint: { ...complaint, ...patch, version }, events: sequenceEvents(events, version), changed: true };
};

/** Phases that still wait on the desk to answer: the first response moves them on. */
const beforeResponse: ReadonlySet<Phase> = new Set(['RECEIVED', 'AWAITING_RESPONSE']);
const resolvable: ReadonlySet<Phase> = new Set(['RECEIVED', 'AWAITING_RESPONSE', 'AWAITING_RESOLUTION']);

export function triage(complaint: Complaint, now: Date): Transition {
  if (complaint.phase !== 'RECEIVED') return unchanged(complaint);
  return next(complaint, { phase: 'AWAITING_RESPONSE' }, [
    newEvent(complaint.id, 'triaged', now, { kind: 'system' }, {
      category: complaint.category,
      responseDueAt: complaint.responseDueAt,
      resolutionDueAt: complaint.resolutionDueAt,
    }),
  ]);
}

export function claim(complaint: Complaint, agentId: string, now: Date): Transition {
  if (complaint.phase === 'CLOSED') throw phaseConflict('claim', complaint.phase);
  if (complaint.owner) {
    if (complaint.owner.agentId === agentId) return unchanged(complaint);
    throw new DomainError('conflict', 'AlreadyClaimed', `complaint is owned by ${complaint.owner.agentId}`, {
      owner: complaint.owner.agentId,
    });
  }
  return next(complaint, { owner: { agentId, claimedAt: iso(now) } }, [
    newEvent(complaint.id, 'claimed', now, { kind: 'agent', id: agentId }, { agentId }),
  ]);
}

/** First-contact ownership: an unowned case is claimed by the agent who answers it. */
function ensureOwner(complaint: Complaint, agentId: string, action: string, now: Date): Transition {
  if (!complaint.owner) return claim(complaint, agentId, now);
  if (complaint.owner.agentId !== agentId) {
    throw new DomainError('forbidden', 'NotOwner', `only the owning agent ${complaint.owner.agentId} may ${action}`, {
      owner: complaint.owner.agentId,
    });
  }
  return unchanged(complaint);
}

export function recordResponse(complaint: Complaint, agentId: string, message: string, now: Date): Transition {
  if (complaint.phase === 'CLOSED') throw phaseConflict('respond to', complaint.phase);
  const owned = ensureOwner(complaint, agentId, 'respond', now);
  const first = beforeResponse.has(complaint.phase);
  const patch: Partial<Complaint> = first
    ? { phase: 'AWAITING_RESOLUTION', firstRespondedAt: complaint.firstRespondedAt ?? iso(now) }
    : {};
  return next(owned.complaint, patch, [
    ...owned.events,
    newEvent(complaint.id, 'responded', now, { kind: 'agent', id: agentId }, { message, agentId, first }),
  ]);
}

export function recordResolution(
  complaint: Complaint,
  agentId: string,
  resolution: Resolution,
  now: Date,
  calendar: BusinessCalendar,
): Transition {
  if (!resolvable.has(complaint.phase)) throw phaseConflict('resolve', complaint.phase);
  const owned = ensureOwner(complaint, agentId, 'resolve', now);
  const due = confirmationDueAt(now, calendar);
  return next(
    owned.complaint,
    {
      phase: 'AWAITING_CONFIRMATION',
      firstRespondedAt: complaint.firstRespondedAt ?? iso(now),
      resolvedAt: iso(now),
      resolution: { ...resolution, agentId },
      confirmationDueAt: iso(due),
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
    return next(complaint, { confirmation: { decision: 'accept', at: iso(now) } }, [
      newEvent(complaint.id, 'confirmed', now, actor),
    ]);
  }
  const reopenCount = complaint.reopenCount + 1;
  return next(
    complaint,
    { phase: 'AWAITING_RESOLUTION', reopenCount, resolvedAt: undefined, confirmationDueAt: undefined },
    [newEvent(complaint.id, 'rejected', now, actor, { reason: decision.reason, reopenCount })],
  );
}

export function escalate(
  complaint: Complaint,
  escalation: Omit<Escalation, 'at'>,
  now: Date,
): Transition {
  const already = complaint.escalations.find((e) => e.level === escalation.level && e.window === escalation.window);
  if (already) return unchanged(complaint);
  const recorded: Escalation = { ...escalation, at: iso(now) };
  return next(
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

export function close(complaint: Complaint, outcome: CloseOutcome, now: Date, surveyDueAt: Date): Transition {
  if (complaint.phase === 'CLOSED') return unchanged(complaint);
  if (complaint.phase !== 'AWAITING_CONFIRMATION') throw phaseConflict('close', complaint.phase);
  return next(
    complaint,
    { phase: 'CLOSED', closedAt: iso(now), closeOutcome: outcome, surveyDueAt: iso(surveyDueAt), wait: undefined },
    [newEvent(complaint.id, 'closed', now, { kind: 'system' }, { outcome, surveyDueAt: iso(surveyDueAt) })],
  );
}

export type NextStep =
  | { action: 'await'; kind: WaitKind; until: Date }
  | { action: 'escalate'; level: 1 | 2 | 3; reason: EscalationReason; window: string }
  | { action: 'close'; outcome: CloseOutcome }
  | { action: 'done' };

/** After a deadline has passed and been escalated, the workflow checks back this often. */
export const recheckIntervalMs = 24 * 60 * 60 * 1000;

const hasEscalation = (c: Complaint, level: number, window: string) =>
  c.escalations.some((e) => e.level === level && e.window === window);

/**
 * The whole workflow policy in one pure function: the state machine asks it what
 * to do next after every wait, timeout or escalation, so a restarted execution
 * resumes from what is stored on the complaint and never repeats a step.
 */
export function decideNextStep(complaint: Complaint, now: Date): NextStep {
  const t = now.getTime();
  const responseDue = Date.parse(complaint.responseDueAt);
  const resolutionDue = Date.parse(complaint.resolutionDueAt);
  const recheck = new Date(t + recheckIntervalMs);

  switch (complaint.phase) {
    case 'CLOSED':
      return { action: 'done' };
    case 'RECEIVED':
    case 'AWAITING_RESPONSE':
      if (t < responseDue) return { action: 'await', kind: 'response', until: new Date(responseDue) };
      if (!hasEscalation(complaint, 1, 'response')) {
        return { action: 'escalate', level: 1, reason: 'response_overdue', window: 'response' };
      }
      if (t < resolutionDue) return { action: 'await', kind: 'response', until: new Date(resolutionDue) };
      if (!hasEscalation(complaint, 2, 'resolution')) {
        return { action: 'escalate', level: 2, reason: 'resolution_overdue', window: 'resolution' };
      }
      return { action: 'await', kind: 'response', until: recheck };
    case 'AWAITING_RESOLUTION': {
      const reopenWindow = `reopen-${complaint.reopenCount}`;
      if (complaint.reopenCount > 0 && !hasEscalation(complaint, 2, reopenWindow)) {
        return { action: 'escalate', level: 2, reason: 'resolution_rejected', window: reopenWindow };
      }
      if (t < resolutionDue) return { action: 'await', kind: 'resolution', until: new Date(resolutionDue) };
      if (!hasEscalation(complaint, 2, 'resolution')) {
        return { action: 'escalate', level: 2, reason: 'resolution_overdue', window: 'resolution' };
      }
      return { action: 'await', kind: 'resolution', until: recheck };
    }
    case 'AWAITING_CONFIRMATION': {
      if (complaint.confirmation?.decision === 'accept') return { action: 'close', outcome: 'confirmed' };
      const due = Date.parse(complaint.confirmationDueAt ?? complaint.resolvedAt ?? complaint.receivedAt);
      if (t >= due) return { action: 'close', outcome: 'auto_confirmed' };
      return { action: 'await', kind: 'confirmation', until: new Date(due) };
    }
  }
}

/** The phase a wait of this kind belongs to: if the complaint left it, the wait is already over. */
export function waitIsOver(complaint: Complaint, kind: WaitKind): boolean {
  switch (kind) {
    case 'response':
      return !beforeResponse.has(complaint.phase);
    case 'resolution':
      return complaint.phase !== 'AWAITING_RESOLUTION';
    case 'confirmation':
      return complaint.phase !== 'AWAITING_CONFIRMATION' || complaint.confirmation !== undefined;
  }
}

export function recordSurveyAnswer(
  complaint: Complaint,
  answer: { csat: number; nps: number; comment?: string },
  now: Date,
): Transition {
  if (complaint.survey) {
    throw new DomainError('conflict', 'SurveyAlreadyAnswered', 'the survey of this case has already been answered');
  }
  return next(complaint, { survey: { ...answer, answeredAt: iso(now) } }, [
    newEvent(complaint.id, 'survey_answered', now, { kind: 'customer', id: complaint.customer.id }, { ...answer }),
  ]);
}

export function markAcknowledged(complaint: Complaint, now: Date, messageId: string | undefined): Transition {
  if (complaint.acknowledgedAt) return unchanged(complaint);
  return next(complaint, { acknowledgedAt: iso(now) }, [
    newEvent(complaint.id, 'acknowledgement_sent', now, { kind: 'system' }, {
      locale: complaint.customer.locale,
      ...(messageId ? { messageId } : {}),
    }),
  ]);
}

/**
 * A wait that is already over is not stored (the caller completes it at once);
 * the timeline only hears of a wait when what is awaited or its deadline changes,
 * so daily rechecks after an escalation do not flood it.
 */
export function registerWait(complaint: Complaint, wait: PendingWait): Transition {
  if (waitIsOver(complaint, wait.kind)) return unchanged(complaint);
  const announced = complaint.wait?.kind === wait.kind && complaint.wait.until === wait.until;
  const events = announced
    ? []
    : [newEvent(complaint.id, 'waiting', wait.since, { kind: 'system' }, { kind: wait.kind, until: wait.until })];
  return next(complaint, { wait }, events);
}

export function markEscalationPublished(complaint: Complaint, level: number, window: string, now: Date): Transition {
  const index = complaint.escalations.findIndex((e) => e.level === level && e.window === window);
  const found = complaint.escalations[index];
  if (!found || found.publishedAt) return unchanged(complaint);
  const escalations = complaint.escalations.with(index, { ...found, publishedAt: iso(now) });
  return next(complaint, { escalations }, []);
}

export function recordFailure(complaint: Complaint, error: string, cause: string, now: Date): Transition {
  return next(complaint, { failure: { error, cause, at: iso(now) } }, [
    newEvent(complaint.id, 'workflow_failed', now, { kind: 'system' }, { error, cause }),
  ]);
}

export function claimSurvey(complaint: Complaint, now: Date, leaseMs: number): Transition {
  if (complaint.phase !== 'CLOSED' || !complaint.surveyDueAt || complaint.surveySentAt) {
    throw phaseConflict('send the survey of', complaint.phase);
  }
  if (complaint.surveyClaimedAt && now.getTime() - Date.parse(complaint.surveyClaimedAt) < leaseMs) {
    throw new DomainError('conflict', 'SurveyBeingSent', 'another run is sending this survey');
  }
  return next(complaint, { surveyClaimedAt: iso(now) }, []);
}

export function markSurveySent(complaint: Complaint, now: Date): Transition {
  if (complaint.surveySentAt) return unchanged(complaint);
  return next(complaint, { surveySentAt: iso(now) }, [
    newEvent(complaint.id, 'survey_sent', now, { kind: 'system' }, { to: 'customer' }),
  ]);
}
