import { describe, expect, it } from 'vitest';
import { ExecutionHistory } from '#local/step-functions/history.ts';

describe('An execution history as the local Step Functions keeps it', () => {
  it('gives back a long input exactly, fields in their order, numbered and stamped as written', () => {
    let now = Date.parse('2025-11-24T02:00:00.000Z');
    const history = new ExecutionHistory(() => new Date(now));
    const input = JSON.stringify({ complaintId: '01JD', note: '投诉内容'.repeat(200), metadata: { headers: 'x'.repeat(500) } });
    history.stateEntered('SendAcknowledgement', 'Task', input);
    now += 1_500;
    history.stateExited('SendAcknowledgement', 'Task', '{"plan":{}}');

    const events = history.list();
    expect(events.map((e) => [e.id, e.previousEventId, e.type, e.timestamp.toISOString()])).toEqual([
      [1, 0, 'TaskStateEntered', '2025-11-24T02:00:00.000Z'],
      [2, 1, 'TaskStateExited', '2025-11-24T02:00:01.500Z'],
    ]);
    expect(events[0]!.details).toEqual({
      key: 'stateEnteredEventDetails',
      value: { name: 'SendAcknowledgement', input, inputDetails: { truncated: false } },
    });
    expect(Object.keys(events[0]!.details!.value)).toEqual(['name', 'input', 'inputDetails']);
    expect(events[1]!.details!.value.output).toBe('{"plan":{}}');
  });

  it('never stamps an event before the one ahead of it', () => {
    let now = Date.parse('2025-11-24T02:00:10.000Z');
    const history = new ExecutionHistory(() => new Date(now));
    history.stateEntered('Route', 'Choice', '{}');
    now -= 5_000;
    history.stateExited('Route', 'Choice', '{}');
    expect(history.list().map((e) => e.timestamp.toISOString())).toEqual(['2025-11-24T02:00:10.000Z', '2025-11-24T02:00:10.000Z']);
  });
});
