import * as z from 'zod';
import { confirmResolution } from '#domain/lifecycle.ts';
import { getComplaint, mutateComplaint } from '#adapters/stores/complaints.ts';
import { wakeWorkflow } from '#adapters/workflow.ts';
import { assertConfirmationAccess } from '../http/link-access.ts';
import { apiHandler, pathShapes } from '../http/api-handler.ts';
import { parseOrThrow } from '../http/problem.ts';

const ConfirmationSchema = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('accept') }),
  z.strictObject({ decision: z.literal('reject'), reason: z.string().trim().min(1).max(2000) }),
]);
/** `token`: the signed link of the resolution email, instead of the access token. */
const ConfirmationQuery = z.strictObject({ token: pathShapes.linkToken.optional() });

export const handler = apiHandler(async (request) => {
  const id = request.pathParameter('id', pathShapes.complaintId);
  parseOrThrow(ConfirmationQuery, request.event.queryStringParameters ?? {}, request.locale, 'query string');
  await assertConfirmationAccess(request, await getComplaint(id), id);
  const decision = parseOrThrow(ConfirmationSchema, request.body, request.locale);
  const now = request.clock.now();
  const { complaint } = await mutateComplaint(id, (c) => confirmResolution(c, decision, now));
  await wakeWorkflow(complaint);
  return { statusCode: 200, body: { id: complaint.id, phase: complaint.phase, reopenCount: complaint.reopenCount } };
}, { readsQuery: true });
