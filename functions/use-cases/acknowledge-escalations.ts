import { acknowledgeEscalations as acknowledge } from '#domain/lifecycle/escalation.ts';
import { mutateComplaintThen } from '#adapters/stores/complaints.ts';
import { wakeWorkflow } from '#adapters/workflow.ts';

/** A supervisor acknowledges the escalations of a case up to a level. */
export async function acknowledgeEscalations(input: {
  complaintId: string;
  username: string;
  level: Parameters<typeof acknowledge>[2];
  now: Date;
}) {
  const { complaint } = (
    await mutateComplaintThen(
      input.complaintId,
      (c) => acknowledge(c, input.username, input.level, input.now),
      (stored) => wakeWorkflow(stored.complaint, input.now),
    )
  ).transition;
  return { id: complaint.id, escalations: complaint.escalations };
}
