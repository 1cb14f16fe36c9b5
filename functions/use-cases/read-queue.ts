import { nextDueAt } from '#domain/complaint.ts';
import { priorityOf } from '#domain/priority.ts';
import { caseClocks } from '#domain/sla-clocks.ts';
import { deskCalendar } from '#adapters/desk-settings.ts';
import { queuePage } from '#adapters/stores/queue.ts';
import { queueVisibility, type QueueAsk } from './queue-visibility.ts';

type PageAsk = Parameters<typeof queuePage>[0];

/** A page of the queue the viewer may see, nearest deadline first, from an index. */
export async function readQueue(
  input: QueueAsk & {
    limit: PageAsk['limit'];
    phase?: PageAsk['phase'] | undefined;
    category?: PageAsk['category'] | undefined;
    escalationLevel?: PageAsk['escalationLevel'] | undefined;
    cursor?: string | undefined;
    now: Date;
  },
) {
  const { scope, partition } = queueVisibility(input);
  const [page, calendar] = await Promise.all([
    queuePage({
    partition,
    limit: input.limit,
    ...(input.phase ? { phase: input.phase } : {}),
    ...(input.category ? { category: input.category } : {}),
    ...(input.escalationLevel !== undefined ? { escalationLevel: input.escalationLevel } : {}),
    ...(input.cursor ? { cursor: input.cursor } : {}),
    }),
    deskCalendar(),
  ]);
  return {
    scope,
    items: page.complaints.map((c) => ({
      id: c.id,
      caseNumber: c.caseNumber,
      phase: c.phase,
      category: c.category,
      severity: c.severity,
      tier: c.tier,
      subject: c.subject,
      owner: c.owner?.agentId ?? null,
      escalationLevel: c.escalationLevel,
      nextDueAt: nextDueAt(c),
      clocks: caseClocks(c, calendar, input.now),
      repeatOf: c.repeatOf?.caseNumber ?? null,
      sentiment: c.triage?.sentiment.score ?? null,
      priority: priorityOf(c, input.now),
    })),
    ...(page.cursor ? { cursor: page.cursor } : {}),
  };
}
