import type { Clock } from '#domain/clock.ts';
import type { StaffActor } from '#domain/complaint.ts';
import { recordResolution as resolve } from '#domain/lifecycle/answer-and-resolve.ts';
import { operationalCalendar } from '#adapters/desk-settings.ts';
import { mutateComplaint } from '#adapters/stores/complaints.ts';
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
  const { complaint, changed } = await mutateComplaint(input.complaintId, (c) => resolve(c, input.actor, input.resolution, now, calendar));
  // A repeat sends nothing: the first request sent the email, or the workflow will after its lease.
  // A repeated resolution owes nothing new; the workflow is woken all the same, as a lost wake may be why it was repeated.
  if (changed) await handOverNotices(complaint, now, { baseUrl: input.baseUrl, clock: input.clock });
  else await wakeWorkflow(complaint, now);
  return { id: complaint.id, phase: complaint.phase, confirmationDueAt: complaint.confirmationDueAt };
}
