import * as z from 'zod';
import { env, requireEnv } from '#adapters/config.ts';
import { loadComplaint } from '#adapters/stores/complaints.ts';
import { planFor } from '#adapters/workflow.ts';
import { deliverNotice } from '#use-cases/deliver-customer-notices.ts';
import { logger, workflowStep } from './workflow-step.ts';

const NoticeRef = z.object({ complaintId: z.string().min(1), noticeId: z.string().min(1).max(128) });

/**
 * The workflow's fallback for an email the API could not send: it takes over
 * the notice once its lease has run out. A failure here is not thrown, so
 * the workflow plans the next attempt instead of failing the case.
 */
export const handler = workflowStep(NoticeRef, async ({ complaintId, noticeId }, clock) => {
  const complaint = await loadComplaint(complaintId);
  const baseUrl = requireEnv(env.publicBaseUrl).replace(/\/+$/, '');
  const delivered = await deliverNotice(complaint, noticeId, { baseUrl, clock, takeOver: true });
  logger.info('customer notice', { complaintId, noticeId, outcome: delivered.outcome });
  return { complaintId, noticeId, outcome: delivered.outcome, plan: await planFor(delivered.complaint, clock.now()) };
});
