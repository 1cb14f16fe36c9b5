import { reassign } from '#domain/lifecycle/ownership.ts';
import { mutateComplaintThen } from '#adapters/stores/complaints.ts';
import { wakeWorkflow } from '#adapters/workflow.ts';

/** A supervisor hands a case to another agent (and team). */
export async function reassignComplaint(input: {
  complaintId: string;
  username: string;
  agentId: string;
  team?: string | undefined;
  reason: string;
  now: Date;
}) {
  const { team } = input;
  const { complaint } = (
    await mutateComplaintThen(
      input.complaintId,
      (c) => reassign(c, input.username, { id: input.agentId, ...(team ? { team } : {}) }, input.reason, input.now),
      (stored) => wakeWorkflow(stored.complaint, input.now),
    )
  ).transition;
  return { id: complaint.id, owner: complaint.owner };
}
