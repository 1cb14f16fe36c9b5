import { describe, expect, it } from 'vitest';
import { advance, iso, unchanged } from '#domain/lifecycle/transition.ts';
import { newEvent } from '#domain/timeline.ts';
import { aComplaint } from '../../support/builders.ts';

describe('Module: lifecycle/transition', () => {
  it('advances to the next version and numbers its events under that version, in order', () => {
    const complaint = aComplaint({ version: 3 });
    const at = new Date('2025-11-24T03:00:00Z');
    const t = advance(complaint, { phase: 'AWAITING_RESOLUTION' }, [
      newEvent(complaint.id, 'claimed', at, { kind: 'agent', id: 'alice' }, { agentId: 'alice' }),
      newEvent(complaint.id, 'responded', at, { kind: 'agent', id: 'alice' }, { message: 'hi' }),
    ]);

    expect(t.changed).toBe(true);
    expect(t.complaint).toEqual({ ...complaint, phase: 'AWAITING_RESOLUTION', version: 4 });
    expect(t.events.map((e) => e.key)).toEqual([
      '2025-11-24T03:00:00.000Z#00000004#0#claimed',
      '2025-11-24T03:00:00.000Z#00000004#1#responded',
    ]);
  });

  it('answers a repeat unchanged: same complaint, no events, nothing to write', () => {
    const complaint = aComplaint();
    expect(unchanged(complaint)).toEqual({ complaint, events: [], changed: false });
  });

  it('stores instants as ISO strings in UTC', () => {
    expect(iso(new Date('2025-11-24T10:00:00+08:00'))).toBe('2025-11-24T02:00:00.000Z');
  });
});
