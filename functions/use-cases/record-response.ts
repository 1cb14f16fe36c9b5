import type { Clock } from '#domain/clock.ts';
import type { StaffActor } from '#domain/complaint.ts';
import { recordResponse as respond } from '#domain/lifecycle/answer-and-resolve.ts';
import { mutateComplaint } from '#adapters/stores/complaints.ts';
import { wakeWorkflow } from '#adapters/workflow.ts';
import { deliverNewNotices } from './deliver-customer-notices.ts';

/** The agent's first (or a further) answer to the customer: stored, emailed, the workflow woken. */
export async function recordResponse(input: {
  complaintId: string;
  actor: StaffActor;
  message: string;
  now: Date;
  clock: Clock;
  baseUrl: string;
}) {
  const { now } = input;
  const { complaint } = await mutateComplaint(input.complaintId, (c) => respond(c, input.actor, input.message, now));
  const delivered = await deliverNewNotices(complaint, now, { baseUrl: input.baseUrl, clock: input.clock });
  await wakeWorkflow(delivered, now);
  return { id: complaint.id, phase: complaint.phase, firstRespondedAt: complaint.firstRespondedAt };
}
