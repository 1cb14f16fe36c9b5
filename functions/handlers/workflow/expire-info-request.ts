import { expireInformationRequest } from '#domain/lifecycle.ts';
import { informationRequestExpiredNotice } from '#domain/messages.ts';
import { publishEscalation } from '#adapters/alert-publisher.ts';
import { loadComplaint, mutateComplaint } from '#adapters/complaint-store.ts';
import { operationalCalendar } from '#adapters/desk-settings.ts';
import { ComplaintRef, logger, workflowStep } from './workflow-step.ts';

/**
 * The customer never answered: the pause ends (the deadline moves by the
 * working time it lasted) and the owner hears of it. A retry after the resume
 * finds no pause and only notifies if the resume event is not yet followed by one.
 */
export const handler = workflowStep(ComplaintRef, async ({ complaintId }, clock) => {
  const before = await loadComplaint(complaintId);
  const calendar = await operationalCalendar();
  const { complaint, changed } = await mutateComplaint(complaintId, (c) =>
    expireInformationRequest(c, clock.now(), calendar),
  );
  if (changed && before.pause) {
    await publishEscalation(informationRequestExpiredNotice(complaint, before.pause.since));
    logger.info('information request expired', { complaintId, resolutionDueAt: complaint.resolutionDueAt });
  }
  return { complaintId, resumed: changed };
});
