import { describe, expect, it } from 'vitest';
import { replaceAccessToken, revokeAccess } from '#domain/lifecycle/access-token.ts';
import { aComplaint, aNotice } from '../../support/builders.ts';

const at = (iso: string) => new Date(iso);

describe('Module: lifecycle/access-token', () => {
  describe('Function: replaceAccessToken', () => {
    it('stores only the new hash, bumps the access revision and records who and why', () => {
      const t = replaceAccessToken(aComplaint({ version: 4 }), 'cd'.repeat(32), { kind: 'customer', id: 'c-1001' }, at('2025-11-25T00:00:00Z'), 'rotated');
      expect(t.complaint).toMatchObject({ version: 5, accessTokenHash: 'cd'.repeat(32), accessRevision: 1 });
      expect(t.events).toMatchObject([{ type: 'access_revoked', actor: { kind: 'customer', id: 'c-1001' }, details: { reason: 'rotated', accessRevision: 1 } }]);
    });

    it('counts revisions on from the current one', () => {
      expect(replaceAccessToken(aComplaint({ accessRevision: 2 }), 'ef'.repeat(32), { kind: 'system' }, at('2025-11-25T00:00:00Z'), 'x').complaint.accessRevision).toBe(3);
    });
  });

  describe('Function: revokeAccess', () => {
    it('revokes by a supervisor and owes the customer a new token by email, keeping the other notices', () => {
      const sent = aNotice({ sentAt: '2025-11-24T04:00:01.000Z' });
      const t = revokeAccess(aComplaint({ version: 4, notices: [sent] }), 'sup-1', '00'.repeat(32), 'leaked', at('2025-11-25T00:00:00Z'));
      expect(t.complaint).toMatchObject({ version: 5, accessTokenHash: '00'.repeat(32), accessRevision: 1 });
      expect(t.complaint.notices).toEqual([
        sent,
        { id: 'access-1', kind: 'access_token', createdAt: '2025-11-25T00:00:00.000Z', claimedAt: '2025-11-25T00:00:00.000Z', attempts: 1 },
      ]);
      expect(t.events).toMatchObject([{ type: 'access_revoked', actor: { kind: 'supervisor', id: 'sup-1' }, details: { reason: 'leaked', accessRevision: 1 } }]);
    });
  });
});
