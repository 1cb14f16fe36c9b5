/**
 * The desk asks the customer for information: the resolution clock stops until they reply or the request expires.
 */
import type { BusinessCalendar } from '#domain/business-calendar.ts';
import type { Complaint } from '#domain/complaint.ts';
import { addWorkingTime, workingTimeBetween } from '#domain/working-time.ts';
import { DomainError, phaseConflict } from '#domain/errors.ts';
import { newEvent, type TimelineEvent } from '#domain/timeline.ts';
import { advance, iso, type Transition, unchanged } from '#domain/lifecycle/transition.ts';
import { type ActingAgent, actorOf, ensureOwner } from '#domain/lifecycle/ownership.ts';
import { courierNotice, withNotice } from '#domain/lifecycle/notices.ts';
import { resolvable } from '#domain/lifecycle/answer-and-resolve.ts';

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
  return advance(
    owned.complaint,
    {
      phase: 'AWAITING_RESOLUTION',
      firstRespondedAt: complaint.firstRespondedAt ?? iso(now),
      pause: { requestId: request.requestId, since: iso(now), expiresAt: iso(request.expiresAt), question: request.question },
      notices: withNotice(complaint, courierNotice('information_request', `info-${request.requestId}`, now)),
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

/**
 * The customer's words reach the case; if the desk was waiting on them, the
 * clock runs again. `answering` is the request the customer saw open: the same
 * words already answered it (two tabs, a double submit) is a repeat, answered
 * as before; other words are kept as another reply, never dropped.
 */
export function customerReply(
  complaint: Complaint,
  message: string,
  now: Date,
  calendar: BusinessCalendar,
  answering?: string,
): Transition {
  if (complaint.phase === 'CLOSED') throw phaseConflict('reply to', complaint.phase);
  const { lastReply, pause } = complaint;
  if (answering && pause?.requestId !== answering && lastReply?.requestId === answering && lastReply.message === message) {
    return unchanged(complaint);
  }
  const actor = { kind: 'customer' as const, id: complaint.customer.id };
  const replied = newEvent(complaint.id, 'replied', now, actor, { message, ...(pause ? { requestId: pause.requestId } : {}) });
  const reply = { at: iso(now), message, ...(pause ? { requestId: pause.requestId } : {}) };
  if (!pause) return advance(complaint, { lastReply: reply }, [replied]);
  const resumed = resume(complaint, now, calendar, 'customer_replied');
  return advance(complaint, { ...resumed.patch, lastReply: reply }, [replied, ...resumed.events]);
}

export function expireInformationRequest(complaint: Complaint, now: Date, calendar: BusinessCalendar): Transition {
  if (!complaint.pause || now.getTime() < Date.parse(complaint.pause.expiresAt)) return unchanged(complaint);
  const resumed = resume(complaint, now, calendar, 'request_expired');
  return advance(complaint, resumed.patch, resumed.events);
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
  return advance(complaint, {}, [
    newEvent(complaint.id, 'notified', now, { kind: 'system' }, {
      notice: 'info_request_expired',
      requestId,
      owner: complaint.owner?.agentId,
    }),
  ]);
}
