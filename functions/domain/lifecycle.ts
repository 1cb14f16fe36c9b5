import type { BusinessCalendar } from '#domain/business-calendar.ts';
import type {
  CloseOutcome,
  Complaint,
  Escalation,
  EscalationLevel,
  PendingWait,
  Phase,
  Resolution,
  SlaWindow,
} from '#domain/complaint.ts';
import { addWorkingTime, workingTimeBetween } from '#domain/working-time.ts';
import { confirmationDueAt, deadlinesAtReceipt } from '#domain/deadlines.ts';
import { type Severity, type SlaPolicy, policyFor, slaTargetsOf } from '#domain/sla-policy.ts';
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
      categorySource: complaint.categorySource,
      severity: complaint.severity,
      ...(complaint.triage
        ? {
            sentiment: complaint.triage.sentiment.score,
            evidence: complaint.triage.category.evidence,
            severityReasons: complaint.triage.severity.reasons,
            ...(complaint.triage.category.mismatch ? { categoryMismatch: complaint.triage.category.mismatch } : {}),
            risk: complaint.triage.risk,
          }
        : {}),
      ...(complaint.repeatOf ? { repeatOf: complaint.repeatOf.caseNumber } : {}),
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
  const due = confirmationDueAt(now, calendar, slaTargetsOf(complaint.policy));
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
  escalation: Pick<Escalation, 'level' | 'reason' | 'window' | 'manual'>,
  now: Date,
): Transition {
  const already = complaint.escalations.find((e) => e.level === escalation.level && e.window === escalation.window);
  if (already) return unchanged(complaint);
  if (escalation.manual && complaint.phase === 'CLOSED') throw phaseConflict('escalate', complaint.phase);
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
 * A wait planned on a version that is no longer current is stale: something
 * happened between the plan and the wait (an agent answered, a supervisor
 * escalated), so the workflow must plan again instead of waiting.
 */
export function waitIsStale(complaint: Complaint, plannedAtVersion: number): boolean {
  return complaint.version !== plannedAtVersion;
}

/**
 * A stale wait is not stored (the caller completes it at once);
 * the timeline only hears of a wait when what is awaited or its deadline changes,
 * so daily rechecks after an escalation do not flood it.
 */
export function registerWait(complaint: Complaint, wait: PendingWait, plannedAtVersion: number): Transition {
  if (waitIsStale(complaint, plannedAtVersion)) return unchanged(complaint);
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

export function warn(complaint: Complaint, window: SlaWindow, now: Date): Transition {
  if (complaint.warnings.some((w) => w.window === window)) return unchanged(complaint);
  const dueAt = window === 'response' ? complaint.responseDueAt : complaint.resolutionDueAt;
  return next(complaint, { warnings: [...complaint.warnings, { window, at: iso(now) }] }, [
    newEvent(complaint.id, 'warned', now, { kind: 'system' }, { window, dueAt, owner: complaint.owner?.agentId }),
  ]);
}

export function markWarningPublished(complaint: Complaint, window: SlaWindow, now: Date): Transition {
  const index = complaint.warnings.findIndex((w) => w.window === window);
  const found = complaint.warnings[index];
  if (!found || found.publishedAt) return unchanged(complaint);
  return next(complaint, { warnings: complaint.warnings.with(index, { ...found, publishedAt: iso(now) }) }, []);
}

/** Stops the repeats of every unacknowledged escalation (of one level, or all). */
export function acknowledgeEscalations(
  complaint: Complaint,
  supervisorId: string,
  level: EscalationLevel | undefined,
  now: Date,
): Transition {
  const open = complaint.escalations.filter((e) => !e.acknowledgedAt && (level === undefined || e.level === level));
  if (open.length === 0) {
    throw new DomainError('conflict', 'NothingToAcknowledge', 'no unacknowledged escalation on this complaint', {
      ...(level ? { level } : {}),
    });
  }
  const escalations = complaint.escalations.map((e) =>
    open.includes(e) ? { ...e, acknowledgedAt: iso(now), acknowledgedBy: supervisorId } : e,
  );
  return next(complaint, { escalations }, [
    newEvent(complaint.id, 'escalation_acknowledged', now, { kind: 'supervisor', id: supervisorId }, {
      levels: [...new Set(open.map((e) => e.level))].sort(),
      windows: open.map((e) => e.window),
    }),
  ]);
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

export function reassign(complaint: Complaint, supervisorId: string, agentId: string, reason: string, now: Date): Transition {
  if (complaint.phase === 'CLOSED') throw phaseConflict('reassign', complaint.phase);
  if (complaint.owner?.agentId === agentId) return unchanged(complaint);
  return next(complaint, { owner: { agentId, claimedAt: iso(now) } }, [
    newEvent(complaint.id, 'reassigned', now, { kind: 'supervisor', id: supervisorId }, {
      from: complaint.owner?.agentId ?? null,
      to: agentId,
      reason,
    }),
  ]);
}

/**
 * Asking the customer for information answers them (it counts as the first
 * response) and stops the resolution clock until they reply.
 */
export function requestInformation(
  complaint: Complaint,
  agentId: string,
  request: { requestId: string; question: string; expiresAt: Date },
  now: Date,
): Transition {
  if (!resolvable.has(complaint.phase)) throw phaseConflict('ask the customer about', complaint.phase);
  if (complaint.pause) {
    throw new DomainError('conflict', 'AlreadyWaitingOnCustomer', 'an information request is already open', {
      requestId: complaint.pause.requestId,
    });
  }
  const owned = ensureOwner(complaint, agentId, 'ask the customer', now);
  return next(
    owned.complaint,
    {
      phase: 'AWAITING_RESOLUTION',
      firstRespondedAt: complaint.firstRespondedAt ?? iso(now),
      pause: { requestId: request.requestId, since: iso(now), expiresAt: iso(request.expiresAt), question: request.question },
    },
    [
      ...owned.events,
      newEvent(complaint.id, 'info_requested', now, { kind: 'agent', id: agentId }, {
        question: request.question,
        requestId: request.requestId,
        expiresAt: iso(request.expiresAt),
        agentId,
      }),
    ],
  );
}

/** Ends a pause: the resolution deadline moves by exactly the working time it lasted. */
function resume(
  complaint: Complaint,
  now: Date,
  calendar: BusinessCalendar,
  why: 'customer_replied' | 'request_expired',
): { patch: Partial<Complaint>; events: TimelineEvent[] } {
  const pause = complaint.pause!;
  const pausedMs = workingTimeBetween(new Date(pause.since), now, calendar);
  const resolutionDueAt = iso(addWorkingTime(new Date(complaint.resolutionDueAt), pausedMs, calendar));
  return {
    patch: { pause: undefined, pausedWorkingMs: complaint.pausedWorkingMs + pausedMs, resolutionDueAt },
    events: [
      newEvent(complaint.id, 'resumed', now, { kind: 'system' }, { requestId: pause.requestId, why, pausedWorkingMs: pausedMs }),
      newEvent(complaint.id, 'deadline_changed', now, { kind: 'system' }, {
        deadline: 'resolution',
        from: complaint.resolutionDueAt,
        to: resolutionDueAt,
        why,
      }),
    ],
  };
}

/** The customer's words reach the case; if the desk was waiting on them, the clock runs again. */
export function customerReply(complaint: Complaint, message: string, now: Date, calendar: BusinessCalendar): Transition {
  if (complaint.phase === 'CLOSED') throw phaseConflict('reply to', complaint.phase);
  const actor = { kind: 'customer' as const, id: complaint.customer.id };
  const replied = newEvent(complaint.id, 'replied', now, actor, { message, ...(complaint.pause ? { requestId: complaint.pause.requestId } : {}) });
  if (!complaint.pause) return next(complaint, {}, [replied]);
  const resumed = resume(complaint, now, calendar, 'customer_replied');
  return next(complaint, resumed.patch, [replied, ...resumed.events]);
}

export function expireInformationRequest(complaint: Complaint, now: Date, calendar: BusinessCalendar): Transition {
  if (!complaint.pause || now.getTime() < Date.parse(complaint.pause.expiresAt)) return unchanged(complaint);
  const resumed = resume(complaint, now, calendar, 'request_expired');
  return next(complaint, resumed.patch, resumed.events);
}

/**
 * When a missing calendar year is loaded, a provisional resolution deadline is
 * computed again from the receipt (with the working time already paused), and
 * the change is on the timeline; a year still missing keeps it provisional.
 */
export function recomputeProvisionalDeadlines(complaint: Complaint, calendar: BusinessCalendar, now: Date): Transition {
  if (!complaint.deadlinesProvisional || complaint.phase === 'CLOSED') return unchanged(complaint);
  const fresh = deadlinesAtReceipt(new Date(complaint.receivedAt), calendar, slaTargetsOf(complaint.policy));
  const original = iso(fresh.resolutionDueAt);
  const resolutionDueAt = iso(addWorkingTime(fresh.resolutionDueAt, complaint.pausedWorkingMs, calendar));
  const events =
    resolutionDueAt === complaint.resolutionDueAt
      ? []
      : [
          newEvent(complaint.id, 'deadline_changed', now, { kind: 'system' }, {
            deadline: 'resolution',
            from: complaint.resolutionDueAt,
            to: resolutionDueAt,
            why: 'calendar_loaded',
          }),
        ];
  return next(
    complaint,
    { originalResolutionDueAt: original, resolutionDueAt, deadlinesProvisional: fresh.provisional },
    events,
  );
}

/**
 * A supervisor re-grades a complaint (L3 major, say): the targets of the new
 * severity apply from the receipt, as if it had been graded so at filing, and
 * every deadline that moves is on the timeline; a response already given
 * keeps its deadline met.
 */
export function regrade(
  complaint: Complaint,
  change: { severity: Severity; reason: string; by: string; policy: SlaPolicy },
  calendar: BusinessCalendar,
  now: Date,
): Transition {
  if (complaint.phase === 'CLOSED') throw phaseConflict('re-grade', complaint.phase);
  if (complaint.severity === change.severity) return unchanged(complaint);
  const policy = policyFor(change.policy, { severity: change.severity, tier: complaint.tier, category: complaint.category });
  const fresh = deadlinesAtReceipt(new Date(complaint.receivedAt), calendar, slaTargetsOf(policy));
  const responseDueAt = complaint.firstRespondedAt ? complaint.responseDueAt : iso(fresh.responseDueAt);
  const resolutionDueAt = iso(addWorkingTime(fresh.resolutionDueAt, complaint.pausedWorkingMs, calendar));
  const actor = { kind: 'supervisor' as const, id: change.by };
  const moved = [
    ['response', complaint.responseDueAt, responseDueAt],
    ['resolution', complaint.resolutionDueAt, resolutionDueAt],
  ].filter(([, from, to]) => from !== to);
  return next(
    complaint,
    {
      severity: change.severity,
      policy,
      responseDueAt,
      resolutionDueAt,
      originalResolutionDueAt: iso(fresh.resolutionDueAt),
      deadlinesProvisional: fresh.provisional,
    },
    [
      newEvent(complaint.id, 'severity_changed', now, actor, {
        from: complaint.severity,
        to: change.severity,
        reason: change.reason,
        policy: { version: policy.version, applied: policy.applied },
      }),
      ...moved.map(([deadline, from, to]) =>
        newEvent(complaint.id, 'deadline_changed', now, actor, { deadline, from, to, why: 'severity_changed' }),
      ),
    ],
  );
}
