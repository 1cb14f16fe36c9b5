import { customerReply } from '#domain/lifecycle/information-request.ts';
import { mutateComplaintThen } from '#adapters/stores/complaints.ts';
import { operationalCalendar } from '#adapters/desk-settings.ts';
import { wakeWorkflow } from '#adapters/workflow.ts';

/** The customer answers the desk's question: the paused clock runs again. */
export async function replyToComplaint(input: { complaintId: string; message: string; now: Date }) {
  const calendar = await operationalCalendar();
  const { complaint } = (
    await mutateComplaintThen(
      input.complaintId,
      (c, seen) => customerReply(c, input.message, input.now, calendar, seen.pause?.requestId),
      (stored) => wakeWorkflow(stored.complaint, input.now),
    )
  ).transition;
  return { id: complaint.id, phase: complaint.phase, resolutionDueAt: complaint.resolutionDueAt };
}
