/**
 * Emails owed to the customer: owed in the same write as the act that owes them, then claimed, sent or given up.
 */
import type { Complaint, CustomerNotice, NoticeKind } from '#domain/complaint.ts';
import { DomainError } from '#domain/errors.ts';
import { newEvent } from '#domain/timeline.ts';
import { advance, iso, type Transition, unchanged } from '#domain/lifecycle/transition.ts';

/** Owed and claimed by the caller, who sends it next. */
export function owedNotice(kind: NoticeKind, id: string, now: Date, text?: string): CustomerNotice {
  return { id, kind, createdAt: iso(now), claimedAt: iso(now), attempts: 1, ...(text ? { text } : {}) };
}

/** Owed to the workflow's next step, which claims it like any sender; the request that owes it sends nothing. */
export function courierNotice(kind: NoticeKind, id: string, now: Date, text?: string): CustomerNotice {
  return { id, kind, createdAt: iso(now), claimedAt: iso(now), attempts: 0, courier: 'workflow', ...(text ? { text } : {}) };
}

/** The courier notices still owed, oldest first. */
export const courierNoticesOwed = (complaint: Complaint): CustomerNotice[] =>
  (complaint.notices ?? []).filter((n) => n.courier && !n.sentAt);

export const withNotice = (complaint: Complaint, notice: CustomerNotice): CustomerNotice[] => [
  ...(complaint.notices ?? []).filter((n) => n.id !== notice.id),
  notice,
];

/** Lease of a notice's sender: longer than one send takes, so a slow send is not repeated. */
export const noticeLeaseMs = 10 * 60 * 1000;

/** After this many failed sends (about an hour apart from the first) operations are told and the desk stops trying. */
export const noticeMaxAttempts = 6;

/**
 * Takes over an unsent notice whose sender's lease ran out, or a courier
 * notice nobody holds yet; refuses while another sender holds it.
 */
export function claimNotice(complaint: Complaint, noticeId: string, now: Date): Transition {
  return claimNotices(complaint, [noticeId], now);
}

/** Claims several notices in one write: all of them, or none. */
export function claimNotices(complaint: Complaint, noticeIds: readonly string[], now: Date): Transition {
  let notices = complaint.notices ?? [];
  for (const noticeId of noticeIds) {
    const index = notices.findIndex((n) => n.id === noticeId);
    const notice = notices[index];
    if (!notice || notice.sentAt) {
      throw new DomainError('conflict', 'NoticeNotOwed', `no unsent notice ${noticeId} on this complaint`);
    }
    if (!notice.courier && now.getTime() - Date.parse(notice.claimedAt) < noticeLeaseMs) {
      throw new DomainError('conflict', 'NoticeBeingSent', `notice ${noticeId} is being sent`);
    }
    const { courier: _handedOver, ...held } = notice;
    notices = notices.with(index, { ...held, claimedAt: iso(now), attempts: notice.attempts + 1 });
  }
  return advance(complaint, { notices }, []);
}

export function markNoticeSent(complaint: Complaint, noticeId: string, now: Date, messageId: string | undefined): Transition {
  const notices = complaint.notices ?? [];
  const index = notices.findIndex((n) => n.id === noticeId);
  const notice = notices[index];
  if (!notice || notice.sentAt) return unchanged(complaint);
  // The text was only kept to be sent; the timeline already holds it.
  const { text: _sent, courier: _carried, ...kept } = notice;
  // The courier sends without a claim of its own (the lease runs from when the notice was owed): its send is attempt 1.
  const attempts = notice.courier ? notice.attempts + 1 : notice.attempts;
  return advance(
    complaint,
    { notices: notices.with(index, { ...kept, attempts, sentAt: iso(now), ...(messageId ? { messageId } : {}) }) },
    [
      newEvent(
        complaint.id,
        'customer_emailed',
        now,
        { kind: 'system' },
        {
          notice: notice.kind,
          attempts,
          ...(messageId ? { messageId } : {}),
        },
      ),
    ],
  );
}

/** A notice that failed its last attempt is given up: marked sent-never, so the plan stops asking for it. */
export function giveUpNotice(complaint: Complaint, noticeId: string, error: string, now: Date): Transition {
  const notices = complaint.notices ?? [];
  const index = notices.findIndex((n) => n.id === noticeId);
  const notice = notices[index];
  if (!notice || notice.sentAt) return unchanged(complaint);
  const { text: _unsent, courier: _carried, ...kept } = notice;
  return advance(complaint, { notices: notices.with(index, { ...kept, sentAt: iso(now), failed: error }) }, [
    newEvent(complaint.id, 'customer_email_failed', now, { kind: 'system' }, { notice: notice.kind, attempts: notice.attempts, error }),
  ]);
}
