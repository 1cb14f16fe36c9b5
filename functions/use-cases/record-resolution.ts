import type { Clock } from '#domain/clock.ts';
import type { StaffActor } from '#domain/complaint.ts';
import { recordResolution as resolve } from '#domain/lifecycle/answer-and-resolve.ts';
import { operationalCalendar } from '#adapters/desk-settings.ts';
import { mutateComplaintThen } from '#adapters/stores/complaints.ts';
import { wakeWorkflow } from '#adapters/workflow.ts';
import { handOverNotices } from './deliver-customer-notices.ts';

export type Resolution = Parameters<typeof resolve>[2];

/** The agent proposes a resolution: the customer is asked to confirm it. */
export async function recordResolution(input: {
  complaintId: string;
  actor: StaffActor;
  resolution: Resolution;
  now: Date;
  clock: Clock;
  baseUrl: string;
}) {
  const { now } = input;
  const calendar = await operationalCalendar();
  const { complaint } = (
    await mutateComplaintThen(
      input.complaintId,
      (c) => resolve(c, input.actor, input.resolution, now, calendar),
      // A repeat owes nothing new (the workflow has the email the first one owed); it wakes the workflow all the same.
      (stored) =>
        stored.changed
          ? handOverNotices(stored.complaint, now, { baseUrl: input.baseUrl, clock: input.clock })
          : wakeWorkflow(stored.complaint, now),
    )
  ).transition;
  return { id: complaint.id, phase: complaint.phase, confirmationDueAt: complaint.confirmationDueAt };
}
