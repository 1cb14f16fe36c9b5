import { logger } from '#adapters/logger.ts';
import type { Clock } from '#domain/clock.ts';
import type { Complaint, CustomerNotice } from '#domain/complaint.ts';
import { DomainError } from '#domain/errors.ts';
import { replaceAccessToken } from '#domain/lifecycle/access-token.ts';
import { claimNotice, giveUpNotice, markNoticeSent, noticeMaxAttempts } from '#domain/lifecycle/notices.ts';
import {
  accessTokenEmail,
  customerEmailFailedAlert,
  type EmailContent,
  informationRequestEmail,
  resolutionEmail,
  responseEmail,
} from '#domain/messages.ts';
import { publishOperationsAlert } from '#adapters/alert-publisher.ts';
import { mutateComplaint } from '#adapters/stores/complaints.ts';
import { wakeWorkflow } from '#adapters/workflow.ts';
import { linkSigningKey } from '#adapters/link-signing-key.ts';
import { sendEmail } from '#adapters/mailer.ts';
import { hashToken, newSecretToken, signLinkToken } from '#adapters/tokens.ts';

export type NoticeOutcome = 'sent' | 'retry_later' | 'given_up' | 'moot' | 'skipped';

/** A notice about a state the case has left (the customer already replied, the resolution was rejected) is not sent. */
export function stillRelevant(complaint: Complaint, notice: CustomerNotice): boolean {
  switch (notice.kind) {
    case 'information_request':
      return notice.id === `info-${complaint.pause?.requestId ?? ''}`;
    case 'resolution':
      return complaint.phase === 'AWAITING_CONFIRMATION' && notice.id === `resolution-${complaint.reopenCount}` && !complaint.confirmation;
    case 'response':
    case 'access_token':
      return true;
  }
}

/** How long the case link of an email opens the status page; revoking the access token ends it sooner. */
export const caseLinkLifetimeDays = 180;

/** The status page (GET /complaints/{id}/status), signed, as the response and access-token emails link it. */
async function caseUrl(baseUrl: string, complaint: Complaint, now: Date): Promise<string> {
  const token = signLinkToken(await linkSigningKey(), {
    purpose: 'case',
    complaintId: complaint.id,
    expiresAt: new Date(now.getTime() + caseLinkLifetimeDays * 86_400_000),
    accessRevision: complaint.accessRevision ?? 0,
  });
  return `${baseUrl}/complaints/${complaint.id}/status?token=${token}`;
}

async function compose(
  complaint: Complaint,
  notice: CustomerNotice,
  baseUrl: string,
  clock: Clock,
): Promise<{ complaint: Complaint; content: EmailContent }> {
  switch (notice.kind) {
    case 'response':
      return { complaint, content: responseEmail(complaint, notice.text ?? '', await caseUrl(baseUrl, complaint, clock.now())) };
    case 'information_request': {
      const pause = complaint.pause!;
      return { complaint, content: informationRequestEmail(complaint, pause.question, pause.expiresAt) };
    }
    case 'resolution': {
      const token = signLinkToken(await linkSigningKey(), {
        purpose: 'confirmation',
        complaintId: complaint.id,
        expiresAt: new Date(complaint.confirmationDueAt ?? clock.now()),
        accessRevision: complaint.accessRevision ?? 0,
      });
      const url = `${baseUrl}/complaints/${complaint.id}/confirmation?token=${token}`;
      return { complaint, content: resolutionEmail(complaint, url) };
    }
    case 'access_token': {
      // Minted at send time, so a plaintext token is never stored, not even for a retry.
      const accessToken = newSecretToken();
      const minted = await mutateComplaint(complaint.id, (c) =>
        replaceAccessToken(c, hashToken(accessToken), { kind: 'system' }, clock.now(), 'new token sent to the customer'),
      );
      return {
        complaint: minted.complaint,
        content: accessTokenEmail(minted.complaint, accessToken, await caseUrl(baseUrl, minted.complaint, clock.now())),
      };
    }
  }
}

/** Writes and sends one email; answers the case as it stands after (an access-token email mints its token first). */
export async function composeAndSend(
  complaint: Complaint,
  notice: CustomerNotice,
  options: { baseUrl: string; clock: Clock },
): Promise<{ complaint: Complaint; messageId: string | undefined }> {
  const composed = await compose(complaint, notice, options.baseUrl, options.clock);
  const { messageId } = await sendEmail(composed.complaint.customer.email, composed.content);
  return { complaint: composed.complaint, messageId };
}

/**
 * Sends one owed email and records it. `takeOver` is the workflow's path: it
 * first takes the lease of a notice whose earlier sender failed or vanished.
 * The API's path sends a notice it created in the same request, so holds its
 * lease already. A failed send is left for the workflow, which tries again
 * after the lease and tells operations when it gives up. Answers the case as
 * last stored, so the plan that follows starts from what the send recorded.
 */
export async function deliverNotice(
  complaint: Complaint,
  noticeId: string,
  options: { baseUrl: string; clock: Clock; takeOver: boolean },
): Promise<{ outcome: NoticeOutcome; complaint: Complaint }> {
  const { clock, baseUrl } = options;
  let current = complaint;
  if (options.takeOver) {
    try {
      current = (await mutateComplaint(complaint.id, (c) => claimNotice(c, noticeId, clock.now()))).complaint;
    } catch (error) {
      if (error instanceof DomainError) return { outcome: 'skipped', complaint };
      throw error;
    }
  }
  const notice = current.notices?.find((n) => n.id === noticeId);
  if (!notice || notice.sentAt) return { outcome: 'skipped', complaint: current };
  if (!stillRelevant(current, notice)) {
    const moot = await mutateComplaint(current.id, (c) => giveUpNotice(c, noticeId, 'no longer relevant', clock.now()));
    return { outcome: 'moot', complaint: moot.complaint };
  }
  try {
    const composed = await composeAndSend(current, notice, { baseUrl, clock });
    current = composed.complaint;
    const { messageId } = composed;
    const sent = await mutateComplaint(current.id, (c) => markNoticeSent(c, noticeId, clock.now(), messageId));
    return { outcome: 'sent', complaint: sent.complaint };
  } catch (error) {
    const reason = (error as Error).name || 'Error';
    logger.warn('customer email not sent', { complaintId: current.id, notice: notice.kind, attempts: notice.attempts, reason });
    if (!options.takeOver || notice.attempts < noticeMaxAttempts) return { outcome: 'retry_later', complaint: current };
    const { complaint: givenUp } = await mutateComplaint(current.id, (c) => giveUpNotice(c, noticeId, reason, clock.now()));
    await publishOperationsAlert(customerEmailFailedAlert(givenUp, notice.kind, notice.attempts, reason));
    return { outcome: 'given_up', complaint: givenUp };
  }
}

/** The notices a transition just created: the API sends them before it answers. */
export function noticesCreatedAt(complaint: Complaint, at: Date): string[] {
  const iso = at.toISOString();
  return (complaint.notices ?? []).filter((n) => !n.sentAt && n.createdAt === iso).map((n) => n.id);
}

/** Sends what the transition owes the customer (claiming a courier notice first); answers the case as last stored. */
export async function deliverNewNotices(complaint: Complaint, at: Date, options: { baseUrl: string; clock: Clock }): Promise<Complaint> {
  let current = complaint;
  for (const noticeId of noticesCreatedAt(complaint, at)) {
    const courier = current.notices?.find((n) => n.id === noticeId)?.courier !== undefined;
    current = (await deliverNotice(current, noticeId, { ...options, takeOver: courier })).complaint;
  }
  return current;
}

/**
 * After a change that owes the customer email: the workflow is woken, and its
 * next wait sends the email, so the request answers without sending any. A
 * workflow that failed (recorded on the case) will not come: the request
 * sends the email itself, as it did before the workflow carried them.
 */
export async function handOverNotices(complaint: Complaint, at: Date, options: { baseUrl: string; clock: Clock }): Promise<void> {
  if (complaint.failure) {
    await deliverNewNotices(complaint, at, options);
    return;
  }
  await wakeWorkflow(complaint, at);
}
