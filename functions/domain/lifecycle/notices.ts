/**
 * Emails owed to the customer: owed in the same write as the act that owes them, then claimed, sent or given up.
 */
import type { Complaint, CustomerNotice, NoticeKind } from '#domain/complaint.ts';
import { DomainError } from '#domain/errors.ts';
import { newEvent } from '#domain/timeline.ts';
import { advance, iso, type Transition, unchanged } from '#domain/lifecycle/transition.ts';

export function owedNotice(kind: NoticeKind, id: string, now: Date, text?: string): CustomerNotice {
  return { id, kind, createdAt: iso(now), claimedAt: iso(now), attempts: 1, ...(text ? { text } : {}) };
}

export const withNotice = (complaint: Complaint, notice: CustomerNotice): CustomerNotice[] => [
  ...(complaint.notices ?? []).filter((n) => n.id !== notice.id),
  notice,
];

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
  return advance(
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
  return advance(complaint, { notices: notices.with(index, { ...kept, sentAt: iso(now), ...(messageId ? { messageId } : {}) }) }, [
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
  return advance(complaint, { notices: notices.with(index, { ...kept, sentAt: iso(now), failed: error }) }, [
    newEvent(complaint.id, 'customer_email_failed', now, { kind: 'system' }, { notice: notice.kind, attempts: notice.attempts, error }),
  ]);
}
