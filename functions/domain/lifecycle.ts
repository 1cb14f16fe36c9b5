import type { BusinessCalendar } from '#domain/business-calendar.ts';
import type {
  CloseOutcome,
  Complaint,
  CustomerNotice,
  NoticeKind,
  StaffActor,
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

/** Agents are named by id alone where no team is known (tests, the CLI, older callers). */
export type ActingAgent = string | StaffActor;
const actorOf = (agent: ActingAgent): StaffActor => (typeof agent === 'string' ? { id: agent } : agent);

function owedNotice(kind: NoticeKind, id: string, now: Date, text?: string): CustomerNotice {
  return { id, kind, createdAt: iso(now), claimedAt: iso(now), attempts: 1, ...(text ? { text } : {}) };
}
const withNotice = (complaint: Complaint, notice: CustomerNotice): CustomerNotice[] => [
  ...(complaint.notices ?? []).filter((n) => n.id !== notice.id),
  notice,
];

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

export function claim(complaint: Complaint, agent: ActingAgent, now: Date): Transition {
  const { id: agentId, team } = actorOf(agent);
  if (complaint.phase === 'CLOSED') throw phaseConflict('claim', complaint.phase);
  if (complaint.owner) {
    if (complaint.owner.agentId === agentId) return unchanged(complaint);
    throw new DomainError('conflict', 'AlreadyClaimed', `complaint is owned by ${complaint.owner.agentId}`, {
      owner: complaint.owner.agentId,
    });
  }
  return next(complaint, { owner: { agentId, claimedAt: iso(now), ...(team ? { team } : {}) } }, [
    newEvent(complaint.id, 'claimed', now, { kind: 'agent', id: agentId }, { agentId, ...(team ? { team } : {}) }),
  ]);
}

/** The owner, or a member of the owner's team, may act on a case; nobody else may. */
export function mayActOn(complaint: Pick<Complaint, 'owner'>, agent: ActingAgent): boolean {
  const { id, team } = actorOf(agent);
  if (!complaint.owner) return true;
  return complaint.owner.agentId === id || (team !== undefined && complaint.owner.team === team);
}

/** First-contact ownership: an unowned case is claimed by the agent who answers it. */
function ensureOwner(complaint: Complaint, agent: ActingAgent, action: string, now: Date): Transition {
  if (!complaint.owner) return claim(complaint, agent, now);
  if (!mayActOn(complaint, agent)) {
    const owner = complaint.owner;
    throw new DomainError(
      'forbidden',
      'NotOwner',
      `only the owning agent ${owner.agentId}${owner.team ? ` or a member of team ${owner.team}` : ''} may ${action}`,
      { owner: owner.agentId, ...(owner.team ? { team: owner.team } : {}) },
    );
  }
  return unchanged(complaint);
}

export function recordResponse(complaint: Complaint, agent: ActingAgent, message: string, now: Date): Transition {
  const agentId = actorOf(agent).id;
  if (complaint.phase === 'CLOSED') throw phaseConflict('respond to', complaint.phase);
  const owned = ensureOwner(complaint, agent, 'respond', now);
  const first = beforeResponse.has(complaint.phase);
  const notices = withNotice(complaint, owedNotice('response', `response-${complaint.version + 1}`, now, message));
  const patch: Partial<Complaint> = first
    ? { phase: 'AWAITING_RESOLUTION', firstRespondedAt: complaint.firstRespondedAt ?? iso(now), notices }
    : { notices };
  return next(owned.complaint, patch, [
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
  return next(
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

/** Once per failure: RecordFailure retried (its alert failed to publish) finds it recorded. */
export function recordFailure(complaint: Complaint, error: string, cause: string, now: Date): Transition {
  if (complaint.failure?.error === error && complaint.failure.cause === cause) return unchanged(complaint);
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

export function reassign(complaint: Complaint, supervisorId: string, agent: ActingAgent, reason: string, now: Date): Transition {
  const { id: agentId, team } = actorOf(agent);
  if (complaint.phase === 'CLOSED') throw phaseConflict('reassign', complaint.phase);
  if (complaint.owner?.agentId === agentId && complaint.owner.team === team) return unchanged(complaint);
  return next(complaint, { owner: { agentId, claimedAt: iso(now), ...(team ? { team } : {}) } }, [
    newEvent(complaint.id, 'reassigned', now, { kind: 'supervisor', id: supervisorId }, {
      from: complaint.owner?.agentId ?? null,
      to: agentId,
      ...(team ? { team } : {}),
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
  agent: ActingAgent,
  request: { requestId: string; question: string; expiresAt: Date },
  now: Date,
): Transition {
  const agentId = actorOf(agent).id;
  if (!resolvable.has(complaint.phase)) throw phaseConflict('ask the customer about', complaint.phase);
  if (complaint.pause) {
    throw new DomainError('conflict', 'AlreadyWaitingOnCustomer', 'an information request is already open', {
      requestId: complaint.pause.requestId,
    });
  }
  const owned = ensureOwner(complaint, agent, 'ask the customer', now);
  return next(
    owned.complaint,
    {
      phase: 'AWAITING_RESOLUTION',
      firstRespondedAt: complaint.firstRespondedAt ?? iso(now),
      pause: { requestId: request.requestId, since: iso(now), expiresAt: iso(request.expiresAt), question: request.question },
      notices: withNotice(complaint, owedNotice('information_request', `info-${request.requestId}`, now)),
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
 * The owner hears once that the latest information request expired: its
 * `resumed` event is followed by a `notified` one when the notice is out.
 * Read from the timeline, so a step retried after the resume (the notice
 * failed to publish) still finds the notice it owes.
 */
export function expiryNoticeOwed(timeline: readonly TimelineEvent[]): { requestId: string; requestedAt: string } | undefined {
  const expired = timeline.filter((e) => e.type === 'resumed' && e.details.why === 'request_expired').at(-1);
  if (!expired) return undefined;
  const requestId = String(expired.details.requestId);
  if (timeline.some((e) => e.type === 'notified' && e.details.requestId === requestId)) return undefined;
  const asked = timeline.find((e) => e.type === 'info_requested' && e.details.requestId === requestId);
  return { requestId, requestedAt: asked?.at ?? expired.at };
}

export function recordExpiryNotified(complaint: Complaint, requestId: string, now: Date): Transition {
  return next(complaint, {}, [
    newEvent(complaint.id, 'notified', now, { kind: 'system' }, {
      notice: 'info_request_expired',
      requestId,
      owner: complaint.owner?.agentId,
    }),
  ]);
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

/** Lease of a notice's sender: longer than one send takes, so a slow send is not repeated. */
export const noticeLeaseMs = 10 * 60 * 1000;
/** After this many failed sends (about an hour apart from the first) operations are told and the desk stops trying. */
export const noticeMaxAttempts = 6;

/** Takes over an unsent notice whose sender's lease ran out; refuses while another sender holds it. */
export function claimNotice(complaint: Complaint, noticeId: string, now: Date): Transition {
  const notices = complaint.notices ?? [];
  const index = notices.findIndex((n) => n.id === noticeId);
  const notice = notices[index];
  if (!notice || notice.sentAt) {
    throw new DomainError('conflict', 'NoticeNotOwed', `no unsent notice ${noticeId} on this complaint`);
  }
  if (now.getTime() - Date.parse(notice.claimedAt) < noticeLeaseMs) {
    throw new DomainError('conflict', 'NoticeBeingSent', `notice ${noticeId} is being sent`);
  }
  return next(
    complaint,
    { notices: notices.with(index, { ...notice, claimedAt: iso(now), attempts: notice.attempts + 1 }) },
    [],
  );
}

export function markNoticeSent(complaint: Complaint, noticeId: string, now: Date, messageId: string | undefined): Transition {
  const notices = complaint.notices ?? [];
  const index = notices.findIndex((n) => n.id === noticeId);
  const notice = notices[index];
  if (!notice || notice.sentAt) return unchanged(complaint);
  // The text was only kept to be sent; the timeline already holds it.
  const { text: _sent, ...kept } = notice;
  return next(complaint, { notices: notices.with(index, { ...kept, sentAt: iso(now), ...(messageId ? { messageId } : {}) }) }, [
    newEvent(complaint.id, 'customer_emailed', now, { kind: 'system' }, {
      notice: notice.kind,
      attempts: notice.attempts,
      ...(messageId ? { messageId } : {}),
    }),
  ]);
}

/** A notice that failed its last attempt is given up: marked sent-never, so the plan stops asking for it. */
export function giveUpNotice(complaint: Complaint, noticeId: string, error: string, now: Date): Transition {
  const notices = complaint.notices ?? [];
  const index = notices.findIndex((n) => n.id === noticeId);
  const notice = notices[index];
  if (!notice || notice.sentAt) return unchanged(complaint);
  const { text: _unsent, ...kept } = notice;
  return next(complaint, { notices: notices.with(index, { ...kept, sentAt: iso(now), failed: error }) }, [
    newEvent(complaint.id, 'customer_email_failed', now, { kind: 'system' }, { notice: notice.kind, attempts: notice.attempts, error }),
  ]);
}

/**
 * Replaces the case's access token: the old one and every confirmation link
 * signed for it stop working at once. The caller holds the new token; only
 * its hash is stored.
 */
export function replaceAccessToken(
  complaint: Complaint,
  newTokenHash: string,
  by: { kind: 'customer' | 'supervisor' | 'system'; id?: string },
  now: Date,
  reason: string,
): Transition {
  const accessRevision = (complaint.accessRevision ?? 0) + 1;
  return next(complaint, { accessTokenHash: newTokenHash, accessRevision }, [
    newEvent(complaint.id, 'access_revoked', now, by, { reason, accessRevision }),
  ]);
}

/** A supervisor revokes a leaked token: the customer is owed a new one by email, minted when it is sent. */
export function revokeAccess(complaint: Complaint, supervisorId: string, revokedTokenHash: string, reason: string, now: Date): Transition {
  const replaced = replaceAccessToken(complaint, revokedTokenHash, { kind: 'supervisor', id: supervisorId }, now, reason);
  const notice = owedNotice('access_token', `access-${replaced.complaint.accessRevision}`, now);
  return { ...replaced, complaint: { ...replaced.complaint, notices: withNotice(complaint, notice) } };
}
