import * as z from 'zod';
import { revokeAccess } from '#domain/lifecycle.ts';
import { mutateComplaint } from '#adapters/stores/complaints.ts';
import { hashToken, newSecretToken } from '#adapters/tokens.ts';
import { staffIdentity } from '../http/access.ts';
import { apiHandler, pathShapes } from '../http/api-handler.ts';
import { parseOrThrow } from '../http/problem.ts';
import { publicBaseUrl } from '../http/public-url.ts';
import { deliverNewNotices } from '../shared/customer-notices.ts';

const RevocationSchema = z.strictObject({ reason: z.string().trim().min(1).max(1000) });

/**
 * A supervisor revokes a token that leaked. The stored hash is replaced by
 * that of a token nobody holds, so access stops with this write; the
 * customer's new token is minted when the email is sent, to their address
 * on file and nowhere else.
 */
export const handler = apiHandler(async (request) => {
  const supervisor = staffIdentity(request, ['supervisors']);
  const { reason } = parseOrThrow(RevocationSchema, request.body, request.locale);
  const now = request.clock.now();
  const { complaint } = await mutateComplaint(request.pathParameter('id', pathShapes.complaintId), (c) =>
    revokeAccess(c, supervisor.username, hashToken(newSecretToken()), reason, now),
  );
  await deliverNewNotices(complaint, now, { baseUrl: publicBaseUrl(request), clock: request.clock });
  return { statusCode: 202, body: { id: complaint.id, accessRevision: complaint.accessRevision, newTokenSentTo: 'customer email on file' } };
});
