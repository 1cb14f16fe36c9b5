import { regrade } from '#domain/lifecycle/deadline-changes.ts';
import { mutateComplaintThen } from '#adapters/stores/complaints.ts';
import { deskCalendar, slaPolicy } from '#adapters/desk-settings.ts';
import { wakeWorkflow } from '#adapters/workflow.ts';

type Regrade = Parameters<typeof regrade>[1];

/** A supervisor changes a case's severity: its deadlines follow the new policy. */
export async function regradeComplaint(input: {
  complaintId: string;
  username: string;
  severity: Regrade['severity'];
  reason: Regrade['reason'];
  now: Date;
}) {
  const calendar = await deskCalendar();
  const { complaint } = (
    await mutateComplaintThen(
      input.complaintId,
      (c, seen) =>
        regrade(
          c,
          { severity: input.severity, reason: input.reason, by: input.username, policy: slaPolicy(), from: seen.severity },
          calendar,
          input.now,
        ),
      (stored) => wakeWorkflow(stored.complaint, input.now),
    )
  ).transition;
  return {
    id: complaint.id,
    severity: complaint.severity,
    responseDueAt: complaint.responseDueAt,
    resolutionDueAt: complaint.resolutionDueAt,
    policy: complaint.policy,
  };
}
