import { revokeAccess } from '#domain/lifecycle/access-token.ts';
import { revokeAccessRoute } from '#contract/routes/revoke-access.ts';
import { mutateComplaint } from '#adapters/stores/complaints.ts';
import { hashToken, newSecretToken } from '#adapters/tokens.ts';
import { publicBaseUrl } from '../http/public-url.ts';
import { deliverNewNotices } from '#use-cases/deliver-customer-notices.ts';
import { routeHandler } from '../http/route-handler.ts';

/**
 * A supervisor revokes a token that leaked. The stored hash is replaced by
 * that of a token nobody holds, so access stops with this write; the
 * customer's new token is minted when the email is sent, to their address
 * on file and nowhere else.
 */
export const handler = routeHandler(revokeAccessRoute)(async ({ params, body: { reason }, staff, clock, request }) => {
  const now = clock.now();
  const { complaint } = await mutateComplaint(params.id, (c) => revokeAccess(c, staff.username, hashToken(newSecretToken()), reason, now));
  await deliverNewNotices(complaint, now, {
    baseUrl: publicBaseUrl(request),
    clock,
  });
  return {
    statusCode: 202,
    body: {
      id: complaint.id,
      accessRevision: complaint.accessRevision,
      newTokenSentTo: 'customer email on file',
    },
  };
});
