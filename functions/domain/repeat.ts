import type { CaseCategory, Complaint } from '#domain/complaint.ts';

/** 重复投诉 as the reports count it: same customer, same category, within 30 days. */
export const repeatWindowDays = 30;

export function repeatWindowStart(receivedAt: Date): Date {
  return new Date(receivedAt.getTime() - repeatWindowDays * 86_400_000);
}

/**
 * The most recent earlier complaint the new one repeats, if any.
 *
 * An `uncertain` case repeats nothing and nothing repeats it: "same category"
 * cannot be judged before anyone knows the category, and linking uncertain to
 * uncertain would count two unrelated complaints of one customer as a repeat.
 * When an agent picks the category, the repeat is judged again for the pick
 * (one Query of the customer's complaints, see recategorise); complaints filed
 * meanwhile keep what was decided at their own filing.
 */
export function findRepeatOf(
  earlier: readonly Pick<Complaint, 'id' | 'caseNumber' | 'category' | 'receivedAt'>[],
  category: CaseCategory,
  receivedAt: Date,
  /** The complaint being judged, when it is already among `earlier` (a re-judged pick, a retried filing). */
  self?: string,
): { id: string; caseNumber: string; receivedAt: string } | undefined {
  if (category === 'uncertain') return undefined;
  const since = repeatWindowStart(receivedAt).getTime();
  const match = earlier
    .filter(
      (c) =>
        c.id !== self &&
        c.category === category &&
        Date.parse(c.receivedAt) >= since &&
        Date.parse(c.receivedAt) <= receivedAt.getTime(),
    )
    .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt))[0];
  return match ? { id: match.id, caseNumber: match.caseNumber, receivedAt: match.receivedAt } : undefined;
}
