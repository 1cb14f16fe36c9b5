import { escalateByHand as escalate } from '#domain/lifecycle/escalation.ts';
import { mutateComplaintThen } from '#adapters/stores/complaints.ts';
import { wakeWorkflow } from '#adapters/workflow.ts';

type Escalate = typeof escalate;

/** Recorded here, published by the workflow (which owns the topic and retries), woken at once. */
export async function escalateByHand(input: {
  complaintId: string;
  username: string;
  level: Parameters<Escalate>[2];
  note: Parameters<Escalate>[3];
  now: Date;
}) {
  const { complaint } = (
    await mutateComplaintThen(
      input.complaintId,
      (c) => escalate(c, input.username, input.level, input.note, input.now),
      (stored) => wakeWorkflow(stored.complaint, input.now),
    )
  ).transition;
  return { id: complaint.id, escalationLevel: complaint.escalationLevel, escalations: complaint.escalations };
}
