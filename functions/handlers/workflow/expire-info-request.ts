import { expireInformationRequest, expiryNoticeOwed, recordExpiryNotified } from '#domain/lifecycle/information-request.ts';
import { informationRequestExpiredNotice } from '#domain/messages.ts';
import { publishEscalation } from '#adapters/alert-publisher.ts';
import { loadCase, mutateComplaint } from '#adapters/stores/complaints.ts';
import { operationalCalendar } from '#adapters/desk-settings.ts';
import { planFor } from '#adapters/workflow.ts';
import { ComplaintRef, logger, workflowStep } from './workflow-step.ts';

/**
 * The customer never answered: the pause ends (the deadline moves by the
 * working time it lasted) and the owner hears of it. Resumed, published,
 * recorded: a retry after the resume finds no pause, and publishes only if
 * the timeline does not show the notice out yet.
 */
export const handler = workflowStep(ComplaintRef, async ({ complaintId }, clock) => {
  const calendar = await operationalCalendar();
  const { changed } = await mutateComplaint(complaintId, (c) => expireInformationRequest(c, clock.now(), calendar));
  const { complaint: resumed, timeline } = await loadCase(complaintId);
  let complaint = resumed;
  const owed = expiryNoticeOwed(timeline);
  if (owed) {
    await publishEscalation(informationRequestExpiredNotice(complaint, owed.requestedAt));
    complaint = (await mutateComplaint(complaintId, (c) => recordExpiryNotified(c, owed.requestId, clock.now()))).complaint;
    logger.info('information request expired', { complaintId, resolutionDueAt: complaint.resolutionDueAt });
  }
  return { complaintId, resumed: changed, plan: await planFor(complaint, clock.now()) };
});
