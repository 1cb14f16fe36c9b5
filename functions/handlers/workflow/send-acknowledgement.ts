import { acknowledgementEmail } from '#domain/messages.ts';
import { markAcknowledged } from '#domain/lifecycle/workflow-bookkeeping.ts';
import { loadComplaint, mutateComplaint } from '#adapters/stores/complaints.ts';
import { sendEmail } from '#adapters/mailer.ts';
import { planFor } from '#adapters/workflow.ts';
import { ComplaintRef, logger, workflowStep } from './workflow-step.ts';

export const handler = workflowStep(ComplaintRef, async ({ complaintId }, clock) => {
  const complaint = await loadComplaint(complaintId);
  if (complaint.acknowledgedAt) return { complaintId, sent: false, plan: await planFor(complaint, clock.now()) };
  const { messageId } = await sendEmail(complaint.customer.email, acknowledgementEmail(complaint));
  const { complaint: acknowledged } = await mutateComplaint(complaintId, (c) => markAcknowledged(c, clock.now(), messageId));
  logger.info('acknowledgement sent', { complaintId, locale: complaint.customer.locale });
  return { complaintId, sent: true, plan: await planFor(acknowledged, clock.now()) };
});
