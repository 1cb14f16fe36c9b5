import type { Clock } from '#domain/clock.ts';
import { revokeAccess as revoke } from '#domain/lifecycle/access-token.ts';
import { mutateComplaint } from '#adapters/stores/complaints.ts';
import { hashToken, newSecretToken } from '#adapters/tokens.ts';
import { deliverNewNotices } from './deliver-customer-notices.ts';

/**
 * A supervisor revokes a token that leaked. The stored hash is replaced by
 * that of a token nobody holds, so access stops with this write; the
 * customer's new token is minted when the email is sent, to their address
 * on file and nowhere else.
 */
export async function revokeAccess(input: {
  complaintId: string;
  username: string;
  reason: string;
  now: Date;
  clock: Clock;
  baseUrl: string;
}) {
  const { now } = input;
  const { complaint } = await mutateComplaint(input.complaintId, (c) =>
    revoke(c, input.username, hashToken(newSecretToken()), input.reason, now),
  );
  await deliverNewNotices(complaint, now, { baseUrl: input.baseUrl, clock: input.clock });
  return { id: complaint.id, accessRevision: complaint.accessRevision, newTokenSentTo: 'customer email on file' as const };
}
