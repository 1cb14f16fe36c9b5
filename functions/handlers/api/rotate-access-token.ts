import { DomainError } from '#domain/errors.ts';
import { replaceAccessToken } from '#domain/lifecycle.ts';
import { getComplaint, mutateComplaint } from '#adapters/stores/complaints.ts';
import { hashToken, newSecretToken } from '#adapters/tokens.ts';
import { assertCustomerAccess } from '../http/access.ts';
import { NoBody, apiHandler, pathShapes } from '../http/api-handler.ts';
import { parseOrThrow } from '../http/problem.ts';

/**
 * The customer replaces their own token (they shared a screen, a device was
 * lost): the old token and every confirmation link signed for it stop
 * working at once. The write is conditional on the version the token was
 * checked against, so two rotations racing cannot both win.
 */
export const handler = apiHandler(async (request) => {
  const id = request.pathParameter('id', pathShapes.complaintId);
  const checked = assertCustomerAccess(request, await getComplaint(id), id);
  parseOrThrow(NoBody, request.body, request.locale);
  const accessToken = newSecretToken();
  const now = request.clock.now();
  const { complaint } = await mutateComplaint(id, (c) => {
    if (c.accessTokenHash !== checked.accessTokenHash) {
      throw new DomainError('conflict', 'AccessTokenChanged', 'the access token was replaced meanwhile');
    }
    return replaceAccessToken(c, hashToken(accessToken), { kind: 'customer', id: c.customer.id }, now, 'replaced by the customer');
  });
  return { statusCode: 201, body: { id: complaint.id, accessToken, accessRevision: complaint.accessRevision } };
});
