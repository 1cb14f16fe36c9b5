/**
 * The case's access token: rotated by its customer, revoked by a supervisor.
 */
import type { Complaint } from '#domain/complaint.ts';
import { newEvent } from '#domain/timeline.ts';
import { advance, type Transition } from '#domain/lifecycle/transition.ts';
import { owedNotice, withNotice } from '#domain/lifecycle/notices.ts';

/**
 * Replaces the case's access token: the old one and every confirmation link
 * signed for it stop working at once. The caller holds the new token; only
 * its hash is stored.
 */
export function replaceAccessToken(
  complaint: Complaint,
  newTokenHash: string,
  by: { kind: 'customer' | 'supervisor' | 'system'; id?: string },
  now: Date,
  reason: string,
): Transition {
  const accessRevision = (complaint.accessRevision ?? 0) + 1;
  return advance(complaint, { accessTokenHash: newTokenHash, accessRevision }, [
    newEvent(complaint.id, 'access_revoked', now, by, { reason, accessRevision }),
  ]);
}

/** A supervisor revokes a leaked token: the customer is owed a new one by email, minted when it is sent. */
export function revokeAccess(complaint: Complaint, supervisorId: string, revokedTokenHash: string, reason: string, now: Date): Transition {
  const replaced = replaceAccessToken(complaint, revokedTokenHash, { kind: 'supervisor', id: supervisorId }, now, reason);
  const notice = owedNotice('access_token', `access-${replaced.complaint.accessRevision}`, now);
  return { ...replaced, complaint: { ...replaced.complaint, notices: withNotice(complaint, notice) } };
}
