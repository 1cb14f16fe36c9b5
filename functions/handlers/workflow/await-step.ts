import * as z from 'zod';
import { waitKinds } from '#domain/complaint.ts';
import { claimNotices, courierNoticesOwed, giveUpNotice, markNoticeSent, noticeLeaseMs } from '#domain/lifecycle/notices.ts';
import { inOneWrite, type Transition, unchanged } from '#domain/lifecycle/transition.ts';
import { registerWait } from '#domain/lifecycle/workflow-bookkeeping.ts';
import type { Complaint } from '#domain/complaint.ts';
import type { Clock } from '#domain/clock.ts';
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

type Carried = { noticeId: string; outcome: 'sent'; messageId: string | undefined } | { noticeId: string; outcome: 'moot' | 'retry_later' };

/**
 * Stores the task token on the complaint. First it is the courier of the
 * emails the change that woke the workflow owes the customer: it sends them
 * and marks them sent in the same write that stores the wait, so a request
 * never sends email and the workflow spends no state or write on it. It needs
 * no claim: the notice's lease runs from when it was owed, and nothing else
 * sends a courier notice inside it (the workflow runs one state at a time).
 * If the complaint changed since the plan (an agent answered before the
 * workflow got here), or an email could not go out (it becomes an ordinary
 * claimed notice, whose lease the next plan waits for), it completes its own
 * token at once with the plan from what it found: the event is not lost.
 */
export const handler = workflowStep(AwaitInput, async ({ complaintId, kind, until, plannedAtVersion, taskToken }, clock) => {
  const now = clock.now();
  const wait = { kind, taskToken, until, since: now.toISOString() };
  let owed: string[] = [];
  let { complaint } = await mutateComplaint(complaintId, (c) => {
    const courier = c.version === plannedAtVersion ? courierNoticesOwed(c) : [];
    owed = courier.map((n) => n.id);
    // One owed longer than its lease is the workflow's to take over (notify): no wait, plan again at once.
    const overdue = courier.some((n) => now.getTime() - Date.parse(n.claimedAt) >= noticeLeaseMs);
    if (overdue) owed = [];
    return owed.length || overdue ? unchanged(c) : registerWait(c, wait, plannedAtVersion);
  });
  if (owed.length) {
    const readAtVersion = complaint.version;
    const carried = await Promise.all(owed.map((noticeId) => carry(complaint, noticeId, clock)));
    const failed = carried.filter((r) => r.outcome === 'retry_later').map((r) => r.noticeId);
    const outcomes = carried.map((r): ((c: Complaint) => Transition) =>
      r.outcome === 'sent'
        ? (c) => markNoticeSent(c, r.noticeId, now, r.messageId)
        : r.outcome === 'moot'
          ? (c) => giveUpNotice(c, r.noticeId, 'no longer relevant', now)
          : (c) => unchanged(c),
    );
    ({ complaint } = await mutateComplaint(complaintId, (c) =>
      inOneWrite(c, [
        ...outcomes,
        ...(failed.length ? [(x: Complaint) => claimNotices(x, failed, now)] : []),
        ...(failed.length === 0 && c.version === readAtVersion ? [(x: Complaint) => registerWait(x, wait, x.version)] : []),
      ]),
    ));
    logger.info('customer emails carried with the wait', { complaintId, notices: carried.map((r) => `${r.noticeId}:${r.outcome}`) });
  }
  if (complaint.wait?.taskToken !== taskToken) {
    await completeWait(taskToken, await planFor(complaint, now));
    logger.info('complaint changed before the wait began', { complaintId, kind, phase: complaint.phase });
  }
  return { complaintId, kind };
});

/** One courier email: sent, moot (the case moved past it), or left for the workflow to send after its lease. */
async function carry(complaint: Complaint, noticeId: string, clock: Clock): Promise<Carried> {
  const notice = complaint.notices?.find((n) => n.id === noticeId);
  if (!notice || !stillRelevant(complaint, notice)) return { noticeId, outcome: 'moot' };
  try {
    const { messageId } = await composeAndSend(complaint, notice, { baseUrl: requireEnv(env.publicBaseUrl).replace(/\/+$/, ''), clock });
    return { noticeId, outcome: 'sent', messageId };
  } catch (error) {
    const reason = (error as Error).name || 'Error';
    logger.warn('customer email not sent', { complaintId: complaint.id, notice: notice.kind, attempts: notice.attempts, reason });
    return { noticeId, outcome: 'retry_later' };
  }
}
