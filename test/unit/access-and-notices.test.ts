import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chinaStatutoryCalendar } from '#domain/business-calendar.ts';
import { replaceAccessToken, revokeAccess } from '#domain/lifecycle/access-token.ts';
import { recordResolution, recordResponse } from '#domain/lifecycle/answer-and-resolve.ts';
import { claimNotice, giveUpNotice, markNoticeSent, noticeLeaseMs } from '#domain/lifecycle/notices.ts';
import { claim, mayActOn, reassign } from '#domain/lifecycle/ownership.ts';
import { DomainError } from '#domain/errors.ts';
import { decideNextStep } from '#domain/sla-plan.ts';
import { deriveAccessToken, signLinkToken, verifyLinkToken } from '#adapters/tokens.ts';
import { aComplaint } from '../support/builders.ts';

const calendar = chinaStatutoryCalendar('Asia/Shanghai');
const at = (iso: string) => new Date(iso);
const key = new TextEncoder().encode('a-test-key-that-is-long-enough-for-hmac-sha256!');
const claims = {
  purpose: 'confirmation' as const,
  complaintId: '01JDTEST000000000000000000',
  expiresAt: at('2025-11-27T15:59:59.999Z'),
  accessRevision: 0,
};

describe('Signed links', () => {
  it('verifies its own link until it expires, to the second', () => {
    const token = signLinkToken(key, claims);
    expect(verifyLinkToken(key, token, 'confirmation', at('2025-11-27T15:59:58Z'))).toEqual({
      valid: true,
      claims: { ...claims, expiresAt: at('2025-11-27T15:59:59Z') },
    });
    expect(verifyLinkToken(key, token, 'confirmation', at('2025-11-27T15:59:59Z'))).toEqual({ valid: false, reason: 'expired' });
  });

  it('refuses another key, another purpose and garbage', () => {
    const token = signLinkToken(key, claims);
    const otherKey = new TextEncoder().encode('another-key-that-is-long-enough-for-hmac-sha256');
    expect(verifyLinkToken(otherKey, token, 'confirmation', at('2025-11-25T00:00:00Z'))).toEqual({ valid: false, reason: 'signature' });
    expect(verifyLinkToken(key, token, 'survey', at('2025-11-25T00:00:00Z'))).toEqual({ valid: false, reason: 'purpose' });
    for (const garbage of ['', '.', 'a.b.c', 'é.é', `${'a'.repeat(600)}.b`]) {
      expect(verifyLinkToken(key, garbage, 'confirmation', at('2025-11-25T00:00:00Z')).valid).toBe(false);
    }
  });

  it('any change to a signed token is refused (property)', () => {
    const token = signLinkToken(key, claims);
    fc.assert(
      fc.property(fc.nat({ max: token.length - 1 }), fc.constantFrom(...'ABCXYZabcxyz019-_.'), (index, replacement) => {
        fc.pre(token[index] !== replacement);
        const tampered = token.slice(0, index) + replacement + token.slice(index + 1);
        // base64url's last character may carry unused bits: a change there can decode to the same bytes.
        const same = Buffer.from(tampered.split('.')[1] ?? '', 'base64url').equals(Buffer.from(token.split('.')[1]!, 'base64url'))
          && tampered.split('.')[0] === token.split('.')[0];
        fc.pre(!same);
        expect(verifyLinkToken(key, tampered, 'confirmation', at('2025-11-25T00:00:00Z')).valid).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('derives the same 256-bit access token from the same seed, and another from another seed or key', () => {
    const token = deriveAccessToken(key, 'seed-1');
    expect(token).toMatch(/^[\w-]{43}$/);
    expect(deriveAccessToken(key, 'seed-1')).toBe(token);
    expect(deriveAccessToken(key, 'seed-2')).not.toBe(token);
    expect(deriveAccessToken(new TextEncoder().encode('x'.repeat(40)), 'seed-1')).not.toBe(token);
  });
});

describe('Teams', () => {
  const now = at('2025-11-24T03:00:00Z');
  it("the owner's team may act on the case; another team and a team-less agent may not", () => {
    const owned = claim(aComplaint(), { id: 'ann', team: 'north' }, now).complaint;
    expect(owned.owner).toEqual({ agentId: 'ann', claimedAt: now.toISOString(), team: 'north' });
    expect(mayActOn(owned, { id: 'tom', team: 'north' })).toBe(true);
    expect(mayActOn(owned, { id: 'oz', team: 'south' })).toBe(false);
    expect(mayActOn(owned, 'tom')).toBe(false);
    const answered = recordResponse(owned, { id: 'tom', team: 'north' }, '我来跟进', now);
    expect(answered.complaint.owner?.agentId).toBe('ann');
    expect(answered.events.at(-1)).toMatchObject({ type: 'responded', actor: { kind: 'agent', id: 'tom' } });
    expect(() => recordResponse(owned, { id: 'oz', team: 'south' }, 'hi', now)).toThrow(
      expect.objectContaining({ kind: 'forbidden', name: 'NotOwner', detail: { owner: 'ann', team: 'north' } }),
    );
  });

  it('a reassignment carries the new team', () => {
    const owned = claim(aComplaint(), { id: 'ann', team: 'north' }, now).complaint;
    const moved = reassign(owned, 'sue', { id: 'oz', team: 'south' }, 'leave', now).complaint;
    expect(moved.owner).toMatchObject({ agentId: 'oz', team: 'south' });
    expect(mayActOn(moved, { id: 'tom', team: 'north' })).toBe(false);
  });
});

describe('Customer notices', () => {
  const resolvedAt = at('2025-11-25T02:00:00Z');
  const resolved = recordResolution(
    claim(aComplaint({ phase: 'AWAITING_RESOLUTION', firstRespondedAt: '2025-11-24T05:00:00Z' }), 'ann', at('2025-11-24T03:00:00Z')).complaint,
    'ann',
    { rootCause: '承运商延误', resolution: '补偿 50 元' },
    resolvedAt,
    calendar,
  ).complaint;

  it('the act and the notice it owes are one write: owed to the workflow, which the same write wakes, held by no sender', () => {
    expect(resolved.notices).toEqual([
      {
        id: 'resolution-0',
        kind: 'resolution',
        createdAt: resolvedAt.toISOString(),
        claimedAt: resolvedAt.toISOString(),
        attempts: 0,
        courier: 'workflow',
      },
    ]);
  });

  it('a courier notice sets no instant of its own (the next wait sends it), and is sent by the workflow a lease later if no wait did', () => {
    const plan = decideNextStep(resolved, at('2025-11-25T02:05:00Z'), calendar);
    expect(plan).toEqual({ action: 'await', kind: 'confirmation', until: new Date(resolved.confirmationDueAt!) });
    expect(decideNextStep(resolved, new Date(resolvedAt.getTime() + noticeLeaseMs), calendar)).toEqual({ action: 'notify', noticeId: 'resolution-0' });
    // Nobody holds it: the first sender claims it at once.
    const claimed = claimNotice(resolved, 'resolution-0', at('2025-11-25T02:00:01Z')).complaint;
    expect(claimed.notices?.[0]).toEqual({
      id: 'resolution-0',
      kind: 'resolution',
      createdAt: resolvedAt.toISOString(),
      claimedAt: '2025-11-25T02:00:01.000Z',
      attempts: 1,
    });
  });

  it('a case that would close first sends its courier notice first', () => {
    const accepted = { ...resolved, confirmation: { decision: 'accept' as const, at: '2025-11-25T03:00:00.000Z' } };
    expect(decideNextStep(accepted, at('2025-11-25T03:00:01Z'), calendar)).toEqual({ action: 'notify', noticeId: 'resolution-0' });
    expect(decideNextStep({ ...accepted, phase: 'CLOSED' }, at('2025-11-25T03:00:01Z'), calendar)).toEqual({ action: 'notify', noticeId: 'resolution-0' });
    const sent = markNoticeSent(accepted, 'resolution-0', at('2025-11-25T03:00:02Z'), 'ses-1').complaint;
    expect(decideNextStep(sent, at('2025-11-25T03:00:03Z'), calendar)).toEqual({ action: 'close', outcome: 'confirmed' });
  });

  it('the workflow takes a claimed notice over only after its lease, and plans for that instant', () => {
    const claimed = claimNotice(resolved, 'resolution-0', resolvedAt).complaint;
    const plan = decideNextStep(claimed, at('2025-11-25T02:05:00Z'), calendar);
    expect(plan).toEqual({ action: 'await', kind: 'confirmation', until: new Date(resolvedAt.getTime() + noticeLeaseMs) });
    expect(decideNextStep(claimed, new Date(resolvedAt.getTime() + noticeLeaseMs), calendar)).toEqual({ action: 'notify', noticeId: 'resolution-0' });

    expect(() => claimNotice(claimed, 'resolution-0', at('2025-11-25T02:09:59Z'))).toThrow(
      expect.objectContaining({ name: 'NoticeBeingSent' }),
    );
    const taken = claimNotice(claimed, 'resolution-0', at('2025-11-25T02:10:00Z')).complaint;
    expect(taken.notices?.[0]).toMatchObject({ claimedAt: '2025-11-25T02:10:00.000Z', attempts: 2 });
  });

  it('a sent notice is never sent again, and drops the text it kept', () => {
    const answered = recordResponse(resolved, 'ann', '已补发', at('2025-11-25T03:00:00Z')).complaint;
    const notice = answered.notices!.find((n) => n.kind === 'response')!;
    expect(notice.text).toBe('已补发');
    const sent = markNoticeSent(answered, notice.id, at('2025-11-25T03:00:01Z'), 'ses-1');
    expect(sent.complaint.notices!.find((n) => n.id === notice.id)).toEqual({
      id: notice.id,
      kind: 'response',
      createdAt: '2025-11-25T03:00:00.000Z',
      claimedAt: '2025-11-25T03:00:00.000Z',
      // Carried by the workflow's next wait without a claim of its own: that send was attempt 1.
      attempts: 1,
      sentAt: '2025-11-25T03:00:01.000Z',
      messageId: 'ses-1',
    });
    expect(sent.events[0]).toMatchObject({ type: 'customer_emailed', details: { notice: 'response', attempts: 1, messageId: 'ses-1' } });
    expect(markNoticeSent(sent.complaint, notice.id, at('2025-11-25T03:00:02Z'), 'ses-2').changed).toBe(false);
    expect(() => claimNotice(sent.complaint, notice.id, at('2025-11-26T00:00:00Z'))).toThrow(DomainError);
    const givenUp = giveUpNotice(resolved, 'resolution-0', 'ServiceUnavailableException', at('2025-11-25T03:00:00Z'));
    expect(decideNextStep(givenUp.complaint, at('2025-11-25T04:00:00Z'), calendar)).toMatchObject({ action: 'await' });
  });

  it('replacing the access token bumps the revision; a revocation owes the customer a new one', () => {
    const replaced = replaceAccessToken(resolved, 'f'.repeat(64), { kind: 'customer', id: 'c-1001' }, resolvedAt, 'lost phone');
    expect(replaced.complaint).toMatchObject({ accessTokenHash: 'f'.repeat(64), accessRevision: 1 });
    expect(replaced.events[0]).toMatchObject({ type: 'access_revoked', visibleToCustomer: true });
    const revoked = revokeAccess(replaced.complaint, 'sue', 'e'.repeat(64), 'leaked', resolvedAt).complaint;
    expect(revoked.accessRevision).toBe(2);
    expect(revoked.notices?.at(-1)).toMatchObject({ id: 'access-2', kind: 'access_token' });
  });
});
