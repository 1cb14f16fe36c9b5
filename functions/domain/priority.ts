import { type Complaint, nextDueAt } from '#domain/complaint.ts';

/**
 * Priority 0..100 for ordering work within the same deadline band: who the
 * customer is (tier), how serious (severity), how angry (sentiment), whether it
 * happened before (repeat), and how little time is left. Weights are the
 * desk's, kept here in one table so a change is one line and one test.
 */
export const priorityWeights = {
  vip: 15,
  severity: { L1: 0, L2: 15, L3: 30 },
  /** Times the negativity of the sentiment score (0..1). */
  negativeSentiment: 15,
  repeat: 15,
  /** Full weight when the next deadline has passed, falling linearly to 0 at 48 h left. */
  urgency: 25,
} as const;

const urgencyHorizonMs = 48 * 3_600_000;

export interface PriorityBreakdown {
  score: number;
  parts: Record<'tier' | 'severity' | 'sentiment' | 'repeat' | 'urgency', number>;
}

export function priorityOf(
  complaint: Pick<Complaint, 'tier' | 'severity' | 'triage' | 'repeatOf' | 'firstRespondedAt' | 'responseDueAt' | 'resolutionDueAt'>,
  now: Date,
): PriorityBreakdown {
  const left = Date.parse(nextDueAt(complaint)) - now.getTime();
  const sentiment = complaint.triage?.sentiment.score ?? 0;
  const parts = {
    tier: complaint.tier === 'vip' ? priorityWeights.vip : 0,
    severity: priorityWeights.severity[complaint.severity],
    sentiment: Math.round(priorityWeights.negativeSentiment * Math.max(0, -sentiment)),
    repeat: complaint.repeatOf ? priorityWeights.repeat : 0,
    urgency: Math.round(priorityWeights.urgency * Math.min(1, Math.max(0, 1 - left / urgencyHorizonMs))),
  };
  const score = Math.min(100, Object.values(parts).reduce((a, b) => a + b, 0));
  return { score, parts };
}
