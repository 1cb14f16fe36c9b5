import type { Complaint } from '#domain/complaint.ts';
// The tokenizer alone: the triage index would bring its lexicons (about 90 KB) into every function that ranks cases.
import { searchTokens } from '#domain/triage/search-tokens.ts';

export type CaseOutcome = 'confirmed' | 'auto_confirmed' | 'reopened_then_confirmed';

export interface CaseLibraryEntry {
  complaintId: string;
  caseNumber: string;
  category: string;
  channel: string;
  tier: string;
  severity: string;
  subject: string;
  rootCause: string;
  resolution: string;
  compensation?: string;
  tags: string[];
  outcome: CaseOutcome;
  escalationLevel: number;
  reopenCount: number;
  receivedAt: string;
  closedAt: string;
  survey?: { csat: number; nps: number };
  /** Normalised words of the case (zh and en), computed once at closing for search and similarity. */
  tokens: string[];
}

/** What the desk keeps of a closed complaint to learn from: no customer contact data. */
export function caseLibraryEntry(complaint: Complaint): CaseLibraryEntry {
  if (complaint.phase !== 'CLOSED' || !complaint.closedAt || !complaint.closeOutcome) {
    throw new Error(`complaint ${complaint.id} is not closed`);
  }
  const rootCause = complaint.resolution?.rootCause ?? '';
  const resolution = complaint.resolution?.resolution ?? '';
  const outcome: CaseOutcome =
    complaint.reopenCount > 0 && complaint.closeOutcome === 'confirmed' ? 'reopened_then_confirmed' : complaint.closeOutcome;
  return {
    complaintId: complaint.id,
    caseNumber: complaint.caseNumber,
    category: complaint.category,
    channel: complaint.channel,
    tier: complaint.tier,
    severity: complaint.severity,
    subject: complaint.subject,
    rootCause,
    resolution,
    ...(complaint.resolution?.compensation ? { compensation: complaint.resolution.compensation } : {}),
    tags: [
      complaint.category,
      complaint.channel,
      complaint.severity,
      ...(complaint.reopenCount > 0 ? ['reopened'] : []),
      ...(complaint.escalationLevel > 0 ? [`escalated-L${complaint.escalationLevel}`] : []),
      ...(complaint.repeatOf ? ['repeat'] : []),
    ],
    outcome,
    escalationLevel: complaint.escalationLevel,
    reopenCount: complaint.reopenCount,
    receivedAt: complaint.receivedAt,
    closedAt: complaint.closedAt,
    ...(complaint.survey ? { survey: { csat: complaint.survey.csat, nps: complaint.survey.nps } } : {}),
    tokens: searchTokens([complaint.subject, complaint.description, rootCause, resolution].join('\n')),
  };
}

export interface RankedCase {
  entry: CaseLibraryEntry;
  score: number;
  /** Why it matched: the shared words, rarest first. */
  matched: string[];
}

/**
 * Ranks a bounded set of cases by the words they share with the query,
 * rarer words weighing more (idf over the set read), so "烧焦" outweighs "订单".
 */
export function rankCases(query: readonly string[], candidates: readonly CaseLibraryEntry[], limit: number): RankedCase[] {
  const wanted = new Set(query);
  if (wanted.size === 0) return [];
  const documentFrequency = new Map<string, number>();
  for (const entry of candidates) {
    for (const token of new Set(entry.tokens)) if (wanted.has(token)) documentFrequency.set(token, (documentFrequency.get(token) ?? 0) + 1);
  }
  const weight = (token: string) => Math.log(1 + candidates.length / (documentFrequency.get(token) ?? 1));
  return candidates
    .map((entry) => {
      const matched = [...new Set(entry.tokens.filter((t) => wanted.has(t)))].sort((a, b) => weight(b) - weight(a));
      const score = matched.reduce((sum, token) => sum + weight(token), 0);
      return { entry, score: Number(score.toFixed(3)), matched };
    })
    .filter((ranked) => ranked.score > 0)
    .sort((a, b) => b.score - a.score || b.entry.closedAt.localeCompare(a.entry.closedAt))
    .slice(0, limit);
}

export function similarCases(complaint: Complaint, candidates: readonly CaseLibraryEntry[], limit = 5): RankedCase[] {
  const query = searchTokens(`${complaint.subject}\n${complaint.description}`);
  return rankCases(query, candidates.filter((c) => c.complaintId !== complaint.id), limit);
}
