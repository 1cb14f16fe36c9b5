import * as z from 'zod';
import { ulid } from 'ulid';
import { requestInformation } from '#domain/lifecycle.ts';
import { informationRequestEmail } from '#domain/messages.ts';
import { addWorkingDays } from '#domain/working-time.ts';
import { mutateComplaint } from '#adapters/complaint-store.ts';
import { operationalCalendar } from '#adapters/desk-settings.ts';
import { sendEmail } from '#adapters/mailer.ts';
import { wakeWorkflow } from '#adapters/workflow.ts';
import { staffIdentity } from '../http/access.ts';
import { apiHandler } from '../http/api-handler.ts';
import { parseOrThrow } from '../http/problem.ts';

const InfoRequestSchema = z.strictObject({ question: z.string().trim().min(1).max(2000) });

export const handler = apiHandler(async (request) => {
  const agent = staffIdentity(request, ['agents']);
  const { question } = parseOrThrow(InfoRequestSchema, request.body, request.locale);
  const now = request.clock.now();
  const calendar = await operationalCalendar();
  const { complaint, changed } = await mutateComplaint(request.pathParameter('id'), (c) =>
    requestInformation(
      c,
      agent.username,
      { requestId: ulid(now.getTime()), question, expiresAt: addWorkingDays(now, c.policy.infoRequestWorkingDays, calendar) },
      now,
    ),
  );
  if (changed && complaint.pause) {
    await sendEmail(complaint.customer.email, informationRequestEmail(complaint, question, complaint.pause.expiresAt));
  }
  await wakeWorkflow(complaint);
  return { statusCode: 201, body: { id: complaint.id, phase: complaint.phase, pause: complaint.pause } };
});
