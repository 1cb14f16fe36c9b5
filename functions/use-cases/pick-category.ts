import type { Category } from '#domain/complaint.ts';
import { type CategoryPicker, recategorise } from '#domain/lifecycle/deadline-changes.ts';
import { repeatWindowStart } from '#domain/repeat.ts';
import { customerComplaintsSince } from '#adapters/stores/complaint-indexes.ts';
import { loadComplaint, mutateComplaint } from '#adapters/stores/complaints.ts';
import { deskCalendar, slaPolicy } from '#adapters/desk-settings.ts';
import { wakeWorkflow } from '#adapters/workflow.ts';

/** The desk picks a case's category: its targets apply from the receipt, and the repeat is judged for it. */
export async function pickCategory(input: {
  complaintId: string;
  by: CategoryPicker;
  category: Category;
  reason?: string | undefined;
  now: Date;
}) {
  const [calendar, filed] = await Promise.all([deskCalendar(), loadComplaint(input.complaintId)]);
  // One Query of the customer's complaints from 30 days before this one's receipt: what repeat detection reads at filing.
  const earlier = await customerComplaintsSince(filed.customer.id, repeatWindowStart(new Date(filed.receivedAt)));
  const transition = await mutateComplaint(input.complaintId, (c, seen) =>
    recategorise(
      c,
      { category: input.category, reason: input.reason, by: input.by, policy: slaPolicy(), from: seen.category, earlier },
      calendar,
      input.now,
    ),
  );
  const { complaint } = transition;
  // A wait parked on a deadline must plan again from the new one; a pick that moved none changes nothing it waits on.
  if (transition.events.some((event) => event.type === 'deadline_changed')) await wakeWorkflow(complaint, input.now);
  return {
    id: complaint.id,
    // The case now has the pick: taken here, or the same pick taken just before (a repeat changes nothing).
    category: input.category,
    responseDueAt: complaint.responseDueAt,
    resolutionDueAt: complaint.resolutionDueAt,
    policy: complaint.policy,
  };
}
