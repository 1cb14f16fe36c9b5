import { escalateByHand as escalate } from '#domain/lifecycle/escalation.ts';
import { mutateComplaint } from '#adapters/stores/complaints.ts';
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
  const { complaint } = await mutateComplaint(input.complaintId, (c) => escalate(c, input.username, input.level, input.note, input.now));
  await wakeWorkflow(complaint, input.now);
  return { id: complaint.id, escalationLevel: complaint.escalationLevel, escalations: complaint.escalations };
}
