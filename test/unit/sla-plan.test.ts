import { describe, expect, it } from 'vitest';
import { chinaStatutoryCalendar } from '#domain/business-calendar.ts';
import { defaultSlaPolicy, parseSlaPolicy, policyFor, PolicyConfigurationError } from '#domain/sla-policy.ts';
import { decideNextStep } from '#domain/sla-plan.ts';
import { aComplaint } from '../support/builders.ts';

const calendar = chinaStatutoryCalendar('Asia/Shanghai');
const at = (iso: string) => new Date(iso);
const published = (level: 1 | 2 | 3, window: string, when: string, extra = {}) => ({
  level,
  reason: level === 1 ? ('response_overdue' as const) : ('resolution_overdue' as const),
  window,
  at: when,
  publishedAt: when,
  ...extra,
});

describe('Function: policyFor', () => {
  it('the tighter target wins when several apply', () => {
    expect(policyFor(defaultSlaPolicy, { severity: 'L3', tier: 'vip', category: 'other' })).toMatchObject({
      applied: ['defaults', 'severity:L3', 'tier:vip'],
      targets: { firstResponseHours: 24, resolutionWorkingDays: 3, confirmationWorkingDays: 3, warningThreshold: 0.75 },
      superviseAtFiling: true,
    });
    expect(policyFor(defaultSlaPolicy, { severity: 'L3', tier: 'standard', category: 'other' }).targets).toMatchObject({
      firstResponseHours: 24,
      resolutionWorkingDays: 5,
    });
  });

  it('refuses a policy with a wrong field, naming it', () => {
    expect(() => parseSlaPolicy('{"version":"v","defaults":{"firstResponseHours":48}}')).toThrow(PolicyConfigurationError);
    expect(() => parseSlaPolicy('{"version":"v","defaults":{"firstResponseHours":48}}')).toThrow(/defaults\.resolutionWorkingDays/);
    expect(() => parseSlaPolicy('not json')).toThrow(/SLA_POLICY is not valid JSON/);
  });
});

describe('Function: decideNextStep', () => {
  it('waits for the first response until the 75 % warning, then warns, then waits until the deadline', () => {
    const fresh = aComplaint();
    expect(decideNextStep(fresh, at('2025-11-24T03:00:00Z'), calendar)).toEqual({ action: 'await', kind: 'response', until: at('2025-11-25T14:00:00.000Z') });
    expect(decideNextStep(fresh, at('2025-11-25T14:00:00Z'), calendar)).toEqual({ action: 'warn', window: 'response' });
    const warned = aComplaint({ warnings: [{ window: 'response', at: '2025-11-25T14:00:00.000Z', publishedAt: '2025-11-25T14:00:00.000Z' }] });
    expect(decideNextStep(warned, at('2025-11-25T14:00:01Z'), calendar)).toEqual({ action: 'await', kind: 'response', until: at('2025-11-26T02:00:00.000Z') });
  });

  it('escalates to level 1 when no response 48 h after receipt', () => {
    expect(decideNextStep(aComplaint(), at('2025-11-26T02:00:00.000Z'), calendar)).toEqual({
      action: 'escalate',
      level: 1,
      reason: 'response_overdue',
      window: 'response',
    });
  });

  it('no warning once the awaited action happened', () => {
    const responded = aComplaint({ phase: 'AWAITING_RESOLUTION', firstRespondedAt: '2025-11-24T05:00:00Z' });
    expect(decideNextStep(responded, at('2025-11-25T15:00:00Z'), calendar)).toMatchObject({ action: 'await', kind: 'resolution' });
  });

  it('repeats an unacknowledged escalation every 24 h, and not an acknowledged one', () => {
    const escalated = aComplaint({ escalationLevel: 1, escalations: [published(1, 'response', '2025-11-26T02:00:00.000Z')] });
    expect(decideNextStep(escalated, at('2025-11-27T02:00:00.000Z'), calendar)).toEqual({
      action: 'escalate',
      level: 1,
      reason: 'response_overdue',
      window: 'response#r1',
    });
    const acknowledged = aComplaint({
      escalationLevel: 1,
      escalations: [published(1, 'response', '2025-11-26T02:00:00.000Z', { acknowledgedAt: '2025-11-26T03:00:00.000Z' })],
    });
    expect(decideNextStep(acknowledged, at('2025-11-27T02:00:00.000Z'), calendar)).toMatchObject({ action: 'await' });
  });

  it('escalates to level 3 two working days after level 2 when still unresolved', () => {
    // Level 2 at the end of Wed 12-03 (Thu 00:00 Shanghai): two working days on, at the same time of day, is
    // Mon 12-08 00:00 (Fri is one; the weekend is not counted), the same working time as the end of Friday.
    const levelTwo = aComplaint({
      phase: 'AWAITING_RESOLUTION',
      firstRespondedAt: '2025-11-24T05:00:00Z',
      escalationLevel: 2,
      warnings: [{ window: 'resolution', at: '2025-12-01T18:30:00.000Z', publishedAt: '2025-12-01T18:30:00.000Z' }],
      escalations: [published(2, 'resolution', '2025-12-03T16:00:00.000Z', { acknowledgedAt: '2025-12-03T17:00:00.000Z' })],
    });
    expect(decideNextStep(levelTwo, at('2025-12-04T00:00:00Z'), calendar)).toEqual({
      action: 'await',
      kind: 'resolution',
      until: at('2025-12-07T16:00:00.000Z'),
    });
    expect(decideNextStep(levelTwo, at('2025-12-07T16:00:00.000Z'), calendar)).toEqual({
      action: 'escalate',
      level: 3,
      reason: 'still_unresolved',
      window: 'unresolved',
    });
  });

  it('a major (L3) complaint alerts a supervisor at filing', () => {
    const major = aComplaint({ severity: 'L3', policy: policyFor(defaultSlaPolicy, { severity: 'L3', tier: 'standard', category: 'logistics' }) });
    expect(decideNextStep(major, at('2025-11-24T02:00:01Z'), calendar)).toEqual({
      action: 'escalate',
      level: 1,
      reason: 'major_complaint',
      window: 'filing',
    });
  });

  it('while paused: no resolution warning or breach, waits for the reply until the request expires', () => {
    const paused = aComplaint({
      phase: 'AWAITING_RESOLUTION',
      firstRespondedAt: '2025-11-24T05:00:00Z',
      pause: { requestId: 'r1', since: '2025-11-25T02:00:00.000Z', expiresAt: '2025-12-02T02:00:00.000Z', question: '?' },
    });
    expect(decideNextStep(paused, at('2025-12-01T20:00:00Z'), calendar)).toEqual({ action: 'await', kind: 'reply', until: at('2025-12-02T02:00:00.000Z') });
    expect(decideNextStep(paused, at('2025-12-02T02:00:00Z'), calendar)).toEqual({ action: 'expire_pause' });
  });

  it('publishes a recorded but unpublished escalation first (a manual one, or one whose publish failed)', () => {
    const manual = aComplaint({
      escalations: [{ level: 2, reason: 'manual', window: 'manual-1', at: '2025-11-24T03:00:00.000Z', manual: { by: 'sup', note: '媒体' } }],
    });
    expect(decideNextStep(manual, at('2025-11-24T03:00:00Z'), calendar)).toEqual({ action: 'escalate', level: 2, reason: 'manual', window: 'manual-1' });
  });

  it('closes as confirmed when accepted, as auto-confirmed when the window passed, and is done once closed', () => {
    const waiting = aComplaint({ phase: 'AWAITING_CONFIRMATION', firstRespondedAt: '2025-11-24T05:00:00Z', confirmationDueAt: '2025-12-01T15:59:59.999Z' });
    expect(decideNextStep(waiting, at('2025-11-30T00:00:00Z'), calendar)).toEqual({ action: 'await', kind: 'confirmation', until: at('2025-12-01T15:59:59.999Z') });
    expect(decideNextStep(waiting, at('2025-12-01T15:59:59.999Z'), calendar)).toEqual({ action: 'close', outcome: 'auto_confirmed' });
    expect(decideNextStep({ ...waiting, confirmation: { decision: 'accept', at: '2025-11-30T00:00:00Z' } }, at('2025-11-30T00:00:01Z'), calendar)).toEqual({ action: 'close', outcome: 'confirmed' });
    expect(decideNextStep(aComplaint({ phase: 'CLOSED' }), at('2026-01-01T00:00:00Z'), calendar)).toEqual({ action: 'done' });
  });
});
