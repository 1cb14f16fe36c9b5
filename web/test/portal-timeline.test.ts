import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { en, zh } from '../src/i18n/catalogues/portal.ts';
import { eventNewDeadline, eventTexts } from '../src/portal/timeline.ts';

const document = JSON.parse(readFileSync(new URL('../../openapi/closeloop.json', import.meta.url), 'utf8'));
const eventTypes: string[] = document.components.schemas.CustomerTimelineEvent.properties.type.enum;

describe('Portal timeline', () => {
  it('names every customer timeline event type in both languages', () => {
    expect(eventTypes.length).toBeGreaterThan(10);
    for (const type of eventTypes) {
      for (const catalogue of [en, zh]) {
        const label = (catalogue.event as Record<string, string>)[type];
        expect(label, type).toBeTruthy();
        expect(label, type).not.toBe(type);
      }
    }
    expect(Object.keys(en.event).sort()).toEqual([...eventTypes].sort());
    expect(Object.keys(zh.event).sort()).toEqual([...eventTypes].sort());
  });

  it('names each event differently, so two kinds never read alike', () => {
    expect(new Set(Object.values(en.event)).size).toBe(eventTypes.length);
    expect(new Set(Object.values(zh.event)).size).toBe(eventTypes.length);
  });

  it('shows what someone wrote under an event, never other details', () => {
    expect(eventTexts({ message: 'Sorry <b>!</b>', first: true })).toEqual(['Sorry <b>!</b>']);
    expect(eventTexts({ rootCause: 'Bad batch', resolution: 'New kettle', compensation: '', confirmationDueAt: '2025-11-27T15:59:59Z' })).toEqual([
      'Bad batch',
      'New kettle',
    ]);
    expect(eventTexts({ requestId: 'r-1', channel: 'web' })).toEqual([]);
  });

  it('reads the new deadline of a deadline change', () => {
    expect(eventNewDeadline({ at: '2025-11-24T00:00:00Z', type: 'deadline_changed', details: { to: '2025-12-01T15:59:59.999Z' } })).toBe('2025-12-01T15:59:59.999Z');
    expect(eventNewDeadline({ at: '2025-11-24T00:00:00Z', type: 'deadline_changed', details: { to: 'soon' } })).toBeUndefined();
    expect(eventNewDeadline({ at: '2025-11-24T00:00:00Z', type: 'resumed', details: { to: '2025-12-01T15:59:59.999Z' } })).toBeUndefined();
  });
});
