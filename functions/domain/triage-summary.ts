import type { TriageSummary } from '#domain/complaint.ts';
import type { TriageResult } from '#domain/triage/index.ts';

/** What of a triage result is stored on the complaint: the values and their evidence, not every score. */
export function triageSummary(result: TriageResult): TriageSummary {
  return {
    category: {
      value: result.category.value,
      source: result.category.source,
      evidence: result.category.evidence,
      ...(result.category.mismatch ? { mismatch: result.category.mismatch } : {}),
    },
    severity: { value: result.severity.value, reasons: result.severity.reasons },
    sentiment: { score: result.sentiment.score, label: result.sentiment.label, evidence: result.sentiment.evidence },
    risk: result.risk,
  };
}
