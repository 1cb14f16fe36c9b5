import * as z from 'zod';
import { regrade } from '#domain/lifecycle.ts';
import { severities } from '#domain/sla-policy.ts';
import { mutateComplaint } from '#adapters/stores/complaints.ts';
import { deskCalendar, slaPolicy } from '#adapters/desk-settings.ts';
import { wakeWorkflow } from '#adapters/workflow.ts';
import { staffIdentity } from '../http/access.ts';
import { apiHandler, pathShapes } from '../http/api-handler.ts';
import { parseOrThrow } from '../http/problem.ts';

const RegradeSchema = z.strictObject({
  severity: z.enum(severities),
  reason: z.string().trim().min(1).max(1000),
});

export const handler = apiHandler(async (request) => {
  const supervisor = staffIdentity(request, ['supervisors']);
  const { severity, reason } = parseOrThrow(RegradeSchema, request.body, request.locale);
  const now = request.clock.now();
  const calendar = await deskCalendar();
  const { complaint } = await mutateComplaint(request.pathParameter('id', pathShapes.complaintId), (c) =>
    regrade(c, { severity, reason, by: supervisor.username, policy: slaPolicy() }, calendar, now),
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
