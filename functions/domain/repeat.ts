import type { Category, Complaint } from '#domain/complaint.ts';

/** 重复投诉 as the reports count it: same customer, same category, within 30 days. */
export const repeatWindowDays = 30;

export function repeatWindowStart(receivedAt: Date): Date {
  return new Date(receivedAt.getTime() - repeatWindowDays * 86_400_000);
}

/** The most recent earlier complaint the new one repeats, if any. */
export function findRepeatOf(
  earlier: readonly Pick<Complaint, 'id' | 'caseNumber' | 'category' | 'receivedAt'>[],
  category: Category,
  receivedAt: Date,
): { id: string; caseNumber: string; receivedAt: string } | undefined {
  const since = repeatWindowStart(receivedAt).getTime();
  const match = earlier
    .filter((c) => c.category === category && Date.parse(c.receivedAt) >= since && Date.parse(c.receivedAt) <= receivedAt.getTime())
    .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt))[0];
  return match ? { id: match.id, caseNumber: match.caseNumber, receivedAt: match.receivedAt } : undefined;
}
