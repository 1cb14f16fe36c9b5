import { describe, expect, it } from 'vitest';
import type { DomainError } from '#domain/errors.ts';
import { DecisionAlreadyTakenError } from '#domain/errors.ts';
import { claim, ensureOwner, mayActOn, reassign } from '#domain/lifecycle/ownership.ts';
import { aClosedComplaint, aComplaint, anOwnedComplaint } from '../../support/builders.ts';
import { refusalOf } from '../../support/refusal.ts';

const at = (iso: string) => new Date(iso);

describe('Module: lifecycle/ownership', () => {
  describe('Function: claim', () => {
    it('gives an unowned case to the agent who claims it, with their team, as version + 1 and one claimed event', () => {
      const t = claim(aComplaint({ version: 3 }), { id: 'alice', team: 'north' }, at('2025-11-24T03:00:00Z'));
      expect(t.complaint).toMatchObject({ version: 4, phase: 'AWAITING_RESPONSE', owner: { agentId: 'alice', claimedAt: '2025-11-24T03:00:00.000Z', team: 'north' } });
      expect(t.events).toMatchObject([{ type: 'claimed', actor: { kind: 'agent', id: 'alice' }, details: { agentId: 'alice', team: 'north' } }]);
    });

    it('answers the owner claiming again unchanged', () => {
      const owned = anOwnedComplaint();
      expect(claim(owned, 'alice', at('2025-11-24T05:00:00Z'))).toEqual({ complaint: owned, events: [], changed: false });
    });

    it('refuses a claim on a case another agent owns, naming the owner and since when, in both languages', () => {
      const refusal = refusalOf(() => claim(anOwnedComplaint(), 'bob', at('2025-11-24T05:00:00Z')));
      expect(refusal).toBeInstanceOf(DecisionAlreadyTakenError);
      expect(refusal).toMatchObject({ kind: 'conflict', name: 'AlreadyClaimed', detail: { owner: 'alice', decidedAt: '2025-11-24T03:00:00.000Z' } });
      expect(refusal.messageIn('en')).toBe('The case was already claimed by alice on 24 November 2025 at 11:00.');
      expect(refusal.messageIn('zh-CN')).toBe('该案件已于 2025年11月24日 11:00 由 alice 认领。');
    });

    it('refuses a claim on a closed case', () => {
      expect(() => claim(aClosedComplaint({ owner: undefined }), 'alice', at('2025-11-27T00:00:00Z'))).toThrow(
        expect.objectContaining({ name: 'PhaseConflict', detail: { phase: 'CLOSED' } }) as DomainError,
      );
    });
  });

  describe('Function: mayActOn', () => {
    it('lets anybody act on an unowned case, and only the owner or the owner team on an owned one', () => {
      const owned = anOwnedComplaint({ owner: { agentId: 'alice', claimedAt: '2025-11-24T03:00:00.000Z', team: 'north' } });
      expect([
        mayActOn(aComplaint(), 'bob'),
        mayActOn(owned, 'alice'),
        mayActOn(owned, { id: 'tom', team: 'north' }),
        mayActOn(owned, { id: 'sam', team: 'south' }),
        mayActOn(owned, 'bob'),
      ]).toEqual([true, true, true, false, false]);
    });
  });

  describe('Function: ensureOwner', () => {
    it('claims an unowned case for the agent who acts on it, and refuses one who may not act with 403', () => {
      expect(ensureOwner(aComplaint(), 'bob', 'respond', at('2025-11-24T03:00:00Z')).events.map((e) => e.type)).toEqual(['claimed']);
      expect(() => ensureOwner(anOwnedComplaint(), 'bob', 'respond', at('2025-11-24T05:00:00Z'))).toThrow(
        expect.objectContaining({ kind: 'forbidden', name: 'NotOwner', message: 'only the owning agent alice may respond' }) as DomainError,
      );
    });
  });

  describe('Function: reassign', () => {
    it('moves the case to another agent and team, audited with who, from, to and why', () => {
      const t = reassign(anOwnedComplaint({ version: 6 }), 'sup-1', { id: 'bob', team: 'south' }, '休假', at('2025-11-25T01:00:00Z'));
      expect(t.complaint).toMatchObject({ version: 7, owner: { agentId: 'bob', claimedAt: '2025-11-25T01:00:00.000Z', team: 'south' } });
      expect(t.events).toMatchObject([
        { type: 'reassigned', actor: { kind: 'supervisor', id: 'sup-1' }, details: { from: 'alice', to: 'bob', team: 'south', reason: '休假' } },
      ]);
    });

    it('records an unowned case reassigned as coming from nobody', () => {
      expect(reassign(aComplaint(), 'sup-1', 'bob', 'queue', at('2025-11-25T01:00:00Z')).events[0]!.details).toEqual({ from: null, to: 'bob', reason: 'queue' });
    });

    it('answers a reassignment to the current owner and team unchanged, and refuses one of a closed case', () => {
      const owned = anOwnedComplaint();
      expect(reassign(owned, 'sup-1', 'alice', 'again', at('2025-11-25T01:00:00Z')).changed).toBe(false);
      expect(() => reassign(aClosedComplaint(), 'sup-1', 'bob', 'late', at('2025-11-27T01:00:00Z'))).toThrow(
        expect.objectContaining({ name: 'PhaseConflict' }) as DomainError,
      );
    });
  });
});
