import * as z from 'zod';
import { waitKinds } from '#domain/complaint.ts';
import { claimNotices, courierNoticesOwed, giveUpNotice, markNoticeSent } from '#domain/lifecycle/notices.ts';
import { inOneWrite, type Transition } from '#domain/lifecycle/transition.ts';
import { registerWait } from '#domain/lifecycle/workflow-bookkeeping.ts';
import { env, requireEnv } from '#adapters/config.ts';
import { mutateComplaint } from '#adapters/stores/complaints.ts';
import { completeWait, planFor } from '#adapters/workflow.ts';
import { composeAndSend, stillRelevant } from '#use-cases/deliver-customer-notices.ts';
import { logger, workflowStep } from './workflow-step.ts';

const AwaitInput = z.object({
  complaintId: z.string().min(1),
  kind: z.enum(waitKinds),
  until: z.iso.datetime(),
  plannedAtVersion: z.int().positive(),
  taskToken: z.string().min(1),
});

type Sent = { noticeId: string; outcome: 'sent'; messageId: string | undefined } | { noticeId: string; outcome: 'moot' | 'retry_later' };

/**
 * Stores the task token on the complaint. First it is the courier of the
 * emails the change that woke the workflow owes the customer: it claims them
 * (one write), sends them, and marks them sent in the same write that stores
 * the wait, so a request never sends email and the workflow spends no state
 * on it. If the complaint changed since the plan (an agent answered before
 * the workflow got here), or an email could not go out (its lease must be in
 * the next plan), it completes its own token at once with the plan from what
 * it found: the event is not lost.
 */
export const handler = workflowStep(AwaitInput, async ({ complaintId, kind, until, plannedAtVersion, taskToken }, clock) => {
  const now = clock.now();
  const wait = { kind, taskToken, until, since: now.toISOString() };
  let owed: string[] = [];
  const first = await mutateComplaint(complaintId, (c) => {
    owed = c.version === plannedAtVersion ? courierNoticesOwed(c).map((n) => n.id) : [];
    return owed.length ? claimNotices(c, owed, now) : registerWait(c, wait, plannedAtVersion);
  });
  let complaint = first.complaint;
  if (owed.length) {
    const claimedAtVersion = complaint.version;
    const results = await Promise.all(owed.map((noticeId) => sendClaimed(complaint, noticeId, clock)));
    const marks = results.map((r): ((c: typeof complaint) => Transition) =>
      r.outcome === 'sent'
        ? (c) => markNoticeSent(c, r.noticeId, now, r.messageId)
        : r.outcome === 'moot'
          ? (c) => giveUpNotice(c, r.noticeId, 'no longer relevant', now)
          : (c) => ({ complaint: c, events: [], changed: false }),
    );
    const allOut = results.every((r) => r.outcome !== 'retry_later');
    ({ complaint } = await mutateComplaint(complaintId, (c) =>
      inOneWrite(c, [...marks, ...(allOut && c.version === claimedAtVersion ? [(x: typeof c) => registerWait(x, wait, x.version)] : [])]),
    ));
    logger.info('customer emails sent with the wait', { complaintId, notices: results.map((r) => `${r.noticeId}:${r.outcome}`) });
  }
  if (complaint.wait?.taskToken !== taskToken) {
    await completeWait(taskToken, await planFor(complaint, now));
    logger.info('complaint changed before the wait began', { complaintId, kind, phase: complaint.phase });
  }
  return { complaintId, kind };
});

/** One claimed email: sent, moot (the case moved past it), or left for the workflow to send after its lease. */
async function sendClaimed(
  complaint: Parameters<typeof stillRelevant>[0],
  noticeId: string,
  clock: Parameters<typeof composeAndSend>[2]['clock'],
): Promise<Sent> {
  const notice = complaint.notices?.find((n) => n.id === noticeId);
  if (!notice || !stillRelevant(complaint, notice)) return { noticeId, outcome: 'moot' };
  try {
    const { messageId } = await composeAndSend(complaint, notice, { baseUrl: requireEnv(env.publicBaseUrl).replace(/\/+$/, ''), clock });
    return { noticeId, outcome: 'sent', messageId };
  } catch (error) {
    logger.warn('customer email not sent', {
      complaintId: complaint.id,
      notice: notice.kind,
      attempts: notice.attempts,
      reason: (error as Error).name || 'Error',
    });
    return { noticeId, outcome: 'retry_later' };
  }
}
