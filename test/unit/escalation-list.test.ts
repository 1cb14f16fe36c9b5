import { describe, expect, it } from 'vitest';
import type { Escalation } from '#domain/complaint.ts';
import { escalationPage, unacknowledgedEscalations } from '#domain/escalation-list.ts';
import { aClosedComplaint, aComplaint, anOwnedComplaint } from '../support/builders.ts';

const escalation = (level: Escalation['level'], at: string, overrides: Partial<Escalation> = {}): Escalation => ({
  level,
  reason: level === 1 ? 'response_overdue' : level === 2 ? 'resolution_overdue' : 'still_unresolved',
  window: level === 1 ? 'response' : level === 2 ? 'resolution' : 'level3',
  at,
  ...overrides,
});

const waiting = aComplaint({
  id: '01JDTEST00000000000000000A',
  caseNumber: 'CL-20251124-0001',
  escalationLevel: 1,
  escalations: [escalation(1, '2025-11-26T02:00:00.000Z'), escalation(1, '2025-11-26T06:00:00.000Z', { window: 'response#r1' })],
});
const overdue = anOwnedComplaint({
  id: '01JDTEST00000000000000000B',
  caseNumber: 'CL-20251124-0002',
  escalationLevel: 2,
  escalations: [
    escalation(1, '2025-11-26T01:00:00.000Z', { acknowledgedAt: '2025-11-26T03:00:00.000Z', acknowledgedBy: 'sue' }),
    escalation(2, '2025-12-03T16:00:00.000Z'),
  ],
});
const director = anOwnedComplaint({
  id: '01JDTEST00000000000000000C',
  caseNumber: 'CL-20251124-0003',
  escalationLevel: 3,
  owner: { agentId: 'bob', claimedAt: '2025-11-24T03:00:00.000Z' },
  escalations: [escalation(3, '2025-12-05T16:00:00.000Z')],
});
const closed = aClosedComplaint({ id: '01JDTEST00000000000000000D', escalationLevel: 2, escalations: [escalation(2, '2025-11-20T00:00:00.000Z')] });

describe('Function: unacknowledgedEscalations', () => {
  it('lists the highest level first, then the oldest, leaving out acknowledged ones and closed cases', () => {
    const list = unacknowledgedEscalations([waiting, overdue, director, closed]);

    expect(list.map((e) => [e.caseNumber, e.level, e.window, e.at])).toEqual([
      ['CL-20251124-0003', 3, 'level3', '2025-12-05T16:00:00.000Z'],
      ['CL-20251124-0002', 2, 'resolution', '2025-12-03T16:00:00.000Z'],
      ['CL-20251124-0001', 1, 'response', '2025-11-26T02:00:00.000Z'],
      ['CL-20251124-0001', 1, 'response#r1', '2025-11-26T06:00:00.000Z'],
    ]);
    expect(list[0]).toEqual({
      complaintId: '01JDTEST00000000000000000C',
      caseNumber: 'CL-20251124-0003',
      subject: '手表晚到三天',
      category: 'logistics',
      severity: 'L1',
      level: 3,
      reason: 'still_unresolved',
      window: 'level3',
      at: '2025-12-05T16:00:00.000Z',
      owner: 'bob',
    });
    expect(list[2]!.owner).toBeNull();
  });

  it('keeps one level when asked', () => {
    expect(unacknowledgedEscalations([waiting, overdue, director], 1).map((e) => e.window)).toEqual(['response', 'response#r1']);
  });
});

describe('Function: escalationPage', () => {
  const list = unacknowledgedEscalations([waiting, overdue, director]);

  it('pages through the order, each page starting right after the last one shown', () => {
    const first = escalationPage(list, 3);
    const second = escalationPage(list, 3, first.last);

    expect(first.items.map((e) => e.caseNumber)).toEqual(['CL-20251124-0003', 'CL-20251124-0002', 'CL-20251124-0001']);
    expect(first.last).toEqual({ level: 1, at: '2025-11-26T02:00:00.000Z', complaintId: '01JDTEST00000000000000000A', window: 'response' });
    expect(second.items.map((e) => e.window)).toEqual(['response#r1']);
    expect(second.last).toBeUndefined();
  });

  it('goes on after an escalation acknowledged since the page was read', () => {
    const shown = escalationPage(list, 2).last!;
    const after = unacknowledgedEscalations([waiting, director]);

    expect(escalationPage(after, 5, shown).items.map((e) => e.window)).toEqual(['response', 'response#r1']);
  });
});
