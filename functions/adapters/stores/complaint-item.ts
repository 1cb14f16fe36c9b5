import { indexes, keys, queueCaseAttributes, recentComplaintAttributes, tableSchema } from '#declarations/table-schema.ts';
import { type Complaint, nextDueAt } from '#domain/complaint.ts';
import { type ReportFacts, reportFactsOf } from '#domain/reports/cohort.ts';
import type { TimelineEvent } from '#domain/timeline.ts';
import type { Item } from './table.ts';

const {
  customerComplaints: byCustomer,
  agentQueue,
  teamQueue,
  openByDeadline,
  surveysDue,
  provisional,
  awaitingTriage,
  reportMonth,
} = indexes;

/**
 * Derived on every write like the index keys, so the report index always
 * holds what the complaint says. Stored as one JSON string, not a map: a
 * month's report reads every entry, and one string per item is smaller on
 * the wire and far cheaper to unmarshal than a map of some 25 attributes.
 */
export const reportFactsAttribute = 'reportFacts';

/** The facts as the index holds them: a JSON string, or a map as the first version of the index wrote them. */
export const reportFactsOfItem = (item: Item): ReportFacts => {
  const stored: unknown = item[reportFactsAttribute];
  return (typeof stored === 'string' ? JSON.parse(stored) : stored) as ReportFacts;
};

/**
 * Everything the store writes beside the complaint's own fields. The sort
 * keys of surveysDue, provisional and awaitingTriage are complaint fields
 * (surveyDueAt, receivedAt), so they stay.
 */
const storeAttributes: readonly string[] = [
  tableSchema.partitionKey,
  tableSchema.sortKey,
  'entity',
  'outbox',
  'writeId',
  byCustomer.partitionKey,
  byCustomer.sortKey,
  agentQueue.partitionKey,
  agentQueue.sortKey,
  openByDeadline.partitionKey,
  openByDeadline.sortKey,
  teamQueue.partitionKey,
  teamQueue.sortKey,
  surveysDue.partitionKey,
  provisional.partitionKey,
  awaitingTriage.partitionKey,
  reportMonth.partitionKey,
  reportMonth.sortKey,
  reportFactsAttribute,
];

/** Index attributes are derived from the complaint, never set by hand, so they cannot drift. */
export function complaintItem(complaint: Complaint, outbox: readonly TimelineEvent[] = []): Item {
  const open = complaint.phase !== 'CLOSED';
  const surveyPending = complaint.surveyDueAt && !complaint.surveySentAt;
  const byDeadline = open ? keys.byTime(nextDueAt(complaint), complaint.id) : undefined;
  const facts = reportFactsOf(complaint);
  return {
    ...keys.complaint(complaint.id),
    entity: 'complaint',
    ...complaint,
    // The events of the write that made this version, kept until they are
    // written as items: a crash between the two writes loses no event.
    outbox,
    [byCustomer.partitionKey]: keys.customerIndex(complaint.customer.id),
    [byCustomer.sortKey]: complaint.receivedAt,
    [reportMonth.partitionKey]: keys.reportMonthIndex(facts.receivedOn.slice(0, 7)),
    [reportMonth.sortKey]: keys.byTime(complaint.receivedAt, complaint.id),
    [reportFactsAttribute]: JSON.stringify(facts),
    ...(byDeadline
      ? {
          [agentQueue.partitionKey]: keys.queueIndex(complaint.owner?.agentId),
          [agentQueue.sortKey]: byDeadline,
          [openByDeadline.partitionKey]: keys.openPartition,
          [openByDeadline.sortKey]: byDeadline,
          ...(complaint.owner?.team
            ? { [teamQueue.partitionKey]: keys.teamIndex(complaint.owner.team), [teamQueue.sortKey]: byDeadline }
            : {}),
        }
      : {}),
    ...(surveyPending ? { [surveysDue.partitionKey]: keys.surveysDuePartition, [surveysDue.sortKey]: complaint.surveyDueAt } : {}),
    ...(complaint.deadlinesProvisional && open ? { [provisional.partitionKey]: keys.provisionalPartition } : {}),
    ...(complaint.phase === 'RECEIVED' ? { [awaitingTriage.partitionKey]: keys.awaitingTriagePartition } : {}),
  };
}

/** An open case as the queue indexes project it. */
export type QueueCase = Pick<Complaint, (typeof queueCaseAttributes)[number]>;

/** An earlier complaint of the customer as the customer index projects it. */
export type RecentComplaint = Pick<Complaint, Exclude<(typeof recentComplaintAttributes)[number], 'entity'>>;

const pick = <T>(item: Item, names: readonly string[]): T =>
  Object.fromEntries(names.filter((name) => item[name] !== undefined).map((name) => [name, item[name]])) as T;

export const fromQueueItem = (item: Item): QueueCase => pick<QueueCase>(item, queueCaseAttributes);

export const fromRecentComplaintItem = (item: Item): RecentComplaint =>
  pick<RecentComplaint>(item, recentComplaintAttributes.filter((name) => name !== 'entity'));

export function fromComplaintItem(item: Item): Complaint {
  return Object.fromEntries(Object.entries(item).filter(([name]) => !storeAttributes.includes(name))) as Complaint;
}

/** The events of the write that made this version, not yet written as items. */
export const outboxOf = (item: Item): TimelineEvent[] => (Array.isArray(item.outbox) ? (item.outbox as TimelineEvent[]) : []);
