import type { StaffActor } from '#domain/complaint.ts';
import { claim } from '#domain/lifecycle/ownership.ts';
import { mutateComplaint } from '#adapters/stores/complaints.ts';

/** An agent takes an unassigned case. */
export async function claimComplaint(input: { complaintId: string; actor: StaffActor; now: Date }) {
  const { complaint } = await mutateComplaint(input.complaintId, (c) => claim(c, input.actor, input.now));
  return { id: complaint.id, owner: complaint.owner!, phase: complaint.phase };
}
