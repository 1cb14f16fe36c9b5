import type { Clock } from '#domain/clock.ts';
import type { StaffActor } from '#domain/complaint.ts';
import { recordResponse as respond } from '#domain/lifecycle/answer-and-resolve.ts';
import { mutateComplaintThen } from '#adapters/stores/complaints.ts';
import { handOverNotices } from './deliver-customer-notices.ts';

/** The agent's first (or a further) answer to the customer: stored, and the workflow woken, whose next wait emails it. */
export async function recordResponse(input: {
  complaintId: string;
  actor: StaffActor;
  message: string;
  now: Date;
  clock: Clock;
  baseUrl: string;
}) {
  const { now } = input;
  const { complaint } = (
    await mutateComplaintThen(
      input.complaintId,
      (c) => respond(c, input.actor, input.message, now),
      (stored) => handOverNotices(stored.complaint, now, { baseUrl: input.baseUrl, clock: input.clock }),
    )
  ).transition;
  return { id: complaint.id, phase: complaint.phase, firstRespondedAt: complaint.firstRespondedAt };
}
