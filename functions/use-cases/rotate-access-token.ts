import { DomainError } from '#domain/errors.ts';
import { replaceAccessToken } from '#domain/lifecycle/access-token.ts';
import { mutateComplaint } from '#adapters/stores/complaints.ts';
import { hashToken, newSecretToken } from '#adapters/tokens.ts';

/**
 * The customer replaces their own token (they shared a screen, a device was
 * lost): the old token and every confirmation link signed for it stop
 * working at once. The write is conditional on the version the token was
 * checked against, so two rotations racing cannot both win.
 */
export async function rotateAccessToken(input: { complaintId: string; checkedTokenHash: string | undefined; now: Date }) {
  const accessToken = newSecretToken();
  const { complaint } = await mutateComplaint(input.complaintId, (c) => {
    if (c.accessTokenHash !== input.checkedTokenHash) {
      throw new DomainError('conflict', 'AccessTokenChanged', 'the access token was replaced meanwhile');
    }
    return replaceAccessToken(c, hashToken(accessToken), { kind: 'customer', id: c.customer.id }, input.now, 'replaced by the customer');
  });
  return { id: complaint.id, accessToken, accessRevision: complaint.accessRevision };
}
