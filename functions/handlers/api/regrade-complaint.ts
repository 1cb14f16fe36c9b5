import { regrade } from '#domain/lifecycle/deadline-changes.ts';
import { regradeComplaintRoute } from '#contract/routes/regrade-complaint.ts';
import { mutateComplaint } from '#adapters/stores/complaints.ts';
import { deskCalendar, slaPolicy } from '#adapters/desk-settings.ts';
import { wakeWorkflow } from '#adapters/workflow.ts';
import { routeHandler } from '../http/route-handler.ts';

export const handler = routeHandler(regradeComplaintRoute)(async ({ params, body: { severity, reason }, staff, clock }) => {
  const now = clock.now();
  const calendar = await deskCalendar();
  const { complaint } = await mutateComplaint(params.id, (c, seen) =>
    regrade(c, { severity, reason, by: staff.username, policy: slaPolicy(), from: seen.severity }, calendar, now),
  );
  await wakeWorkflow(complaint);
  return {
    statusCode: 200,
    body: {
      id: complaint.id,
      severity: complaint.severity,
      responseDueAt: complaint.responseDueAt,
      resolutionDueAt: complaint.resolutionDueAt,
      policy: complaint.policy,
    },
  };
});
