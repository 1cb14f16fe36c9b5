import { ulid } from 'ulid';
import type { Clock } from '#domain/clock.ts';
import type { StaffActor } from '#domain/complaint.ts';
import { requestInformation as ask } from '#domain/lifecycle/information-request.ts';
import { addWorkingDays } from '#domain/working-time.ts';
import { mutateComplaintThen } from '#adapters/stores/complaints.ts';
import { operationalCalendar } from '#adapters/desk-settings.ts';
import { handOverNotices } from './deliver-customer-notices.ts';

/** The agent asks the customer a question: the clock pauses until they reply or the request expires. */
export async function requestInformation(input: {
  complaintId: string;
  actor: StaffActor;
  question: string;
  now: Date;
  clock: Clock;
  baseUrl: string;
}) {
  const { now, question } = input;
  const calendar = await operationalCalendar();
  const { complaint } = (
    await mutateComplaintThen(
      input.complaintId,
      (c) =>
        ask(
          c,
          input.actor,
          {
            requestId: ulid(now.getTime()),
            question,
            expiresAt: addWorkingDays(now, c.policy.infoRequestWorkingDays, calendar),
          },
          now,
        ),
      (stored) => handOverNotices(stored.complaint, now, { baseUrl: input.baseUrl, clock: input.clock }),
    )
  ).transition;
  return { id: complaint.id, phase: complaint.phase, pause: complaint.pause };
}
