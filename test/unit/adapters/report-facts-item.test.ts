import { describe, expect, it } from 'vitest';
import { reportFactsOf } from '#domain/reports/cohort.ts';
import { complaintItem, fromComplaintItem, reportFactsAttribute, reportFactsOfItem } from '#adapters/stores/complaint-item.ts';
import { aComplaint } from '../../support/builders.ts';

describe('Report facts on the complaint item', () => {
  const complaint = aComplaint({ owner: { agentId: 'ann', team: 'north', claimedAt: '2025-11-24T03:00:00.000Z' } });

  it('are one JSON string, which the month index reads back as the facts', () => {
    const item = complaintItem(complaint);
    expect(typeof item[reportFactsAttribute]).toBe('string');
    expect(reportFactsOfItem(item)).toEqual(reportFactsOf(complaint));
  });

  it('are still read from an item the first version of the index wrote, with the facts as a map', () => {
    const item = { ...complaintItem(complaint), [reportFactsAttribute]: reportFactsOf(complaint) };
    expect(reportFactsOfItem(item)).toEqual(reportFactsOf(complaint));
  });

  it('never reach the complaint read back', () => {
    expect(fromComplaintItem(complaintItem(complaint))).not.toHaveProperty(reportFactsAttribute);
  });
});
