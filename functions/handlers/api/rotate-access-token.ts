import { DomainError } from '#domain/errors.ts';
import { replaceAccessToken } from '#domain/lifecycle/access-token.ts';
import { rotateAccessTokenRoute } from '#contract/routes/rotate-access-token.ts';
import { mutateComplaint } from '#adapters/stores/complaints.ts';
import { hashToken, newSecretToken } from '#adapters/tokens.ts';
import { routeHandler } from '../http/route-handler.ts';

/**
 * The customer replaces their own token (they shared a screen, a device was
 * lost): the old token and every confirmation link signed for it stop
 * working at once. The write is conditional on the version the token was
 * checked against, so two rotations racing cannot both win.
 */
export const handler = routeHandler(rotateAccessTokenRoute)(async ({ params, complaint: checked, clock }) => {
  const accessToken = newSecretToken();
  const now = clock.now();
  const { complaint } = await mutateComplaint(params.id, (c) => {
    if (c.accessTokenHash !== checked.accessTokenHash) {
      throw new DomainError('conflict', 'AccessTokenChanged', 'the access token was replaced meanwhile');
    }
    return replaceAccessToken(c, hashToken(accessToken), { kind: 'customer', id: c.customer.id }, now, 'replaced by the customer');
  });
  return {
    statusCode: 201,
    body: {
      id: complaint.id,
      accessToken,
      accessRevision: complaint.accessRevision,
    },
  };
});
