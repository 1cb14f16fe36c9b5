import { describe, expect, it } from 'vitest';
import type { Escalation } from '#domain/complaint.ts';
import { DecisionAlreadyTakenError } from '#domain/errors.ts';
import {
  acknowledgeEscalations,
  escalate,
  escalateByHand,
  markEscalationPublished,
  markWarningPublished,
  warn,
} from '#domain/lifecycle/escalation.ts';
import { aClosedComplaint, aComplaint, anOwnedComplaint } from '../../support/builders.ts';
import { refusalOf } from '../../support/refusal.ts';

const at = (iso: string) => new Date(iso);
const level1: Escalation = { level: 1, reason: 'response_overdue', window: 'response', at: '2025-11-26T02:00:00.000Z' };
const level2: Escalation = { level: 2, reason: 'resolution_overdue', window: 'resolution', at: '2025-12-03T16:00:00.000Z' };

describe('Module: lifecycle/escalation', () => {
  describe('Function: escalate', () => {
    it('records an escalation with its time, raises the level and puts it on the timeline', () => {
      const t = escalate(aComplaint({ version: 4 }), { level: 1, reason: 'response_overdue', window: 'response' }, at('2025-11-26T02:00:00Z'));
      expect(t.complaint).toMatchObject({ version: 5, escalationLevel: 1, escalations: [level1] });
      expect(t.events).toMatchObject([{ type: 'escalated', actor: { kind: 'system' }, details: { level: 1, reason: 'response_overdue', window: 'response' } }]);
    });

    it('never lowers the level: a level 1 after a level 2 keeps 2', () => {
      expect(escalate(aComplaint({ escalationLevel: 2, escalations: [level2] }), { level: 1, reason: 'response_overdue', window: 'response' }, at('2025-12-04T00:00:00Z')).complaint.escalationLevel).toBe(2);
    });
  });

  describe('Function: escalateByHand', () => {
    it('numbers manual escalations in their own windows, with who and why', () => {
      const first = escalateByHand(aComplaint(), 'sup-1', 2, 'VIP 投诉', at('2025-11-24T05:00:00Z'));
      const second = escalateByHand(first.complaint, 'sup-1', 2, '再次', at('2025-11-24T06:00:00Z'));
      expect(second.complaint.escalations.map((e) => [e.window, e.manual])).toEqual([
        ['manual-1', { by: 'sup-1', note: 'VIP 投诉' }],
        ['manual-2', { by: 'sup-1', note: '再次' }],
      ]);
      expect(first.events).toMatchObject([{ type: 'escalated', details: { level: 2, reason: 'manual', window: 'manual-1' } }]);
    });

    it('refuses to escalate a closed case by hand', () => {
      expect(refusalOf(() => escalateByHand(aClosedComplaint(), 'sup-1', 2, 'late', at('2025-11-27T00:00:00Z'))).name).toBe('PhaseConflict');
    });
  });

  describe('Function: acknowledgeEscalations', () => {
    const escalated = aComplaint({ version: 6, escalationLevel: 2, escalations: [level1, level2] });

    it('acknowledges every open escalation with who and when, in one event listing levels and windows', () => {
      const t = acknowledgeEscalations(escalated, 'sup-1', undefined, at('2025-12-04T01:00:00Z'));
      expect(t.complaint.version).toBe(7);
      expect(t.complaint.escalations.map((e) => [e.level, e.acknowledgedBy, e.acknowledgedAt])).toEqual([
        [1, 'sup-1', '2025-12-04T01:00:00.000Z'],
        [2, 'sup-1', '2025-12-04T01:00:00.000Z'],
      ]);
      expect(t.events).toMatchObject([
        { type: 'escalation_acknowledged', actor: { kind: 'supervisor', id: 'sup-1' }, details: { levels: [1, 2], windows: ['response', 'resolution'] } },
      ]);
    });

    it('acknowledges one level only when asked', () => {
      const t = acknowledgeEscalations(escalated, 'sup-1', 1, at('2025-12-04T01:00:00Z'));
      expect(t.complaint.escalations.map((e) => e.acknowledgedBy)).toEqual(['sup-1', undefined]);
    });

    it('answers the same supervisor acknowledging again unchanged', () => {
      const acknowledged = acknowledgeEscalations(escalated, 'sup-1', undefined, at('2025-12-04T01:00:00Z')).complaint;
      expect(acknowledgeEscalations(acknowledged, 'sup-1', undefined, at('2025-12-04T01:00:01Z')).changed).toBe(false);
    });

    it('refuses another supervisor once all are acknowledged, naming who acknowledged them and when', () => {
      const acknowledged = acknowledgeEscalations(escalated, 'sup-1', undefined, at('2025-12-04T01:00:00Z')).complaint;
      const refusal = refusalOf(() => acknowledgeEscalations(acknowledged, 'sup-2', undefined, at('2025-12-04T01:00:00Z')));
      expect(refusal).toBeInstanceOf(DecisionAlreadyTakenError);
      expect(refusal).toMatchObject({ kind: 'conflict', name: 'EscalationsAlreadyAcknowledged', detail: { by: 'sup-1', decidedAt: '2025-12-04T01:00:00.000Z' } });
      expect(refusal.messageIn('zh-CN')).toBe('这些升级已于 2025年12月4日 09:00 由 sup-1 确认。');
    });

    it('refuses when there is no escalation to acknowledge', () => {
      expect(refusalOf(() => acknowledgeEscalations(aComplaint(), 'sup-1', 3, at('2025-12-04T01:00:00Z')))).toMatchObject({
        kind: 'conflict',
        name: 'NothingToAcknowledge',
        detail: { level: 3 },
      });
    });
  });

  describe('Function: warn', () => {
    it('warns once per window with the deadline and the owner', () => {
      const t = warn(anOwnedComplaint({ version: 5 }), 'resolution', at('2025-12-02T00:00:00Z'));
      expect(t.complaint).toMatchObject({ version: 6, warnings: [{ window: 'resolution', at: '2025-12-02T00:00:00.000Z' }] });
      expect(t.events).toMatchObject([{ type: 'warned', details: { window: 'resolution', dueAt: '2025-12-03T15:59:59.999Z', owner: 'alice' } }]);
      expect(warn(t.complaint, 'resolution', at('2025-12-02T01:00:00Z')).changed).toBe(false);
    });
  });

  describe('Function: markWarningPublished', () => {
    it('stamps the warning published once, with no event', () => {
      const warned = warn(aComplaint({ version: 5 }), 'response', at('2025-11-25T14:00:00Z')).complaint;
      const t = markWarningPublished(warned, 'response', at('2025-11-25T14:00:01Z'));
      expect(t).toMatchObject({ changed: true, events: [], complaint: { version: 7, warnings: [{ window: 'response', publishedAt: '2025-11-25T14:00:01.000Z' }] } });
      expect(markWarningPublished(t.complaint, 'response', at('2025-11-25T14:00:02Z')).changed).toBe(false);
      expect(markWarningPublished(aComplaint(), 'resolution', at('2025-11-25T14:00:02Z')).changed).toBe(false);
    });
  });

  describe('Function: markEscalationPublished', () => {
    it('stamps the escalation of that level and window published once, with no event', () => {
      const t = markEscalationPublished(aComplaint({ version: 6, escalations: [level1] }), 1, 'response', at('2025-11-26T02:00:01Z'));
      expect(t).toMatchObject({ changed: true, events: [], complaint: { version: 7, escalations: [{ ...level1, publishedAt: '2025-11-26T02:00:01.000Z' }] } });
      expect(markEscalationPublished(t.complaint, 1, 'response', at('2025-11-26T02:00:02Z')).changed).toBe(false);
      expect(markEscalationPublished(t.complaint, 2, 'resolution', at('2025-11-26T02:00:02Z')).changed).toBe(false);
    });
  });
});
