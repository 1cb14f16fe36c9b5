import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '#declarations/table-schema.ts';
import type { Complaint } from '#domain/complaint.ts';
import { complaintNotFound } from '#domain/errors.ts';
import type { Transition } from '#domain/lifecycle/transition.ts';
import type { TimelineEvent } from '#domain/timeline.ts';
import { complaintItem, fromComplaintItem, outboxOf } from './complaint-item.ts';
import { queryItems } from './query-paginator.ts';
import { ConcurrentUpdateError, type Item, documentClient, isConditionFailure, tableName } from './table.ts';
import { appendEvents, completeOutbox, fromEventItem } from './timeline.ts';
import { storeMemory } from './store-memory.ts';

export { ConcurrentUpdateError };

function remember(id: string, item: Item | undefined): void {
  const memory = storeMemory.getStore();
  if (!memory) return;
  if (item) memory.items.set(id, item);
  else memory.items.delete(id);
}

function rememberOutboxWritten(complaintId: string, writeId: string): void {
  storeMemory.getStore()?.outboxes.set(complaintId, writeId);
}

const outboxWritten = (item: Item, id: string) => item.writeId !== undefined && storeMemory.getStore()?.outboxes.get(id) === item.writeId;

async function getComplaintItem(id: string): Promise<Item | undefined> {
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName(), Key: keys.complaint(id), ConsistentRead: true }));
  remember(id, Item);
  return Item;
}

export async function getComplaint(id: string): Promise<Complaint | undefined> {
  const item = await getComplaintItem(id);
  return item ? fromComplaintItem(item) : undefined;
}

export async function loadComplaint(id: string): Promise<Complaint> {
  const complaint = await getComplaint(id);
  if (!complaint) throw complaintNotFound(id);
  return complaint;
}

/** One Query returns the case and its whole history: they share a partition. */
export async function loadCase(id: string): Promise<{ complaint: Complaint; timeline: TimelineEvent[] }> {
  let complaint: Complaint | undefined;
  let outbox: TimelineEvent[] = [];
  const timeline: TimelineEvent[] = [];
  const items = queryItems({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.complaint(id).pk },
    ConsistentRead: true,
  });
  for await (const item of items) {
    if (item.entity === 'complaint') {
      complaint = fromComplaintItem(item);
      outbox = outboxOf(item);
    } else if (item.entity === 'event') timeline.push(fromEventItem(item));
  }
  if (!complaint) throw complaintNotFound(id);
  const written = new Set(timeline.map((e) => e.key));
  timeline.push(...outbox.filter((e) => !written.has(e.key)));
  timeline.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { complaint, timeline };
}

/**
 * Stores a new complaint (`created` false when it already exists: a retried
 * filing), then runs `next` (given whether this call created it) while the
 * filing's events are written: both are awaited before this answers. The
 * events are in the stored item's outbox as well, so none is lost if their
 * write fails.
 */
export async function createComplaintThen<R>(
  complaint: Complaint,
  events: readonly TimelineEvent[],
  next: (created: boolean) => Promise<R>,
): Promise<{ created: boolean; result: R }> {
  let created = true;
  try {
    await documentClient.send(
      new PutCommand({
        TableName: tableName(),
        Item: complaintItem(complaint, events),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    created = false;
  }
  const [written, result] = await Promise.allSettled([appendEvents(events), next(created)]);
  if (written.status === 'rejected') throw written.reason;
  if (result.status === 'rejected') throw result.reason;
  return { created, result: result.value };
}

/**
 * Writes a transition only if nobody else changed the complaint since it was
 * read (same version), then its events. Two agents, or a retried Lambda,
 * cannot both win.
 */
export async function saveTransition(previousVersion: number, transition: Transition): Promise<void> {
  await (await storeTransition(previousVersion, transition))();
}

/** The conditional write alone; answers how to write its events, which the caller must do (and await). */
async function storeTransition(previousVersion: number, transition: Transition): Promise<() => Promise<void>> {
  if (!transition.changed) return async () => {};
  const writeId = randomUUID();
  const item = { ...complaintItem(transition.complaint, transition.events), writeId };
  try {
    await documentClient.send(
      new PutCommand({
        TableName: tableName(),
        Item: item,
        ConditionExpression: 'version = :expected',
        ExpressionAttributeValues: { ':expected': previousVersion },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    // A 5xx or a lost answer after the write landed makes the SDK send it
    // again, and the condition refuses the repeat: the item carrying this
    // write's id says the write was ours, not a concurrent one.
    if ((await getComplaintItem(transition.complaint.id))?.writeId !== writeId) {
      throw new ConcurrentUpdateError(`complaint ${transition.complaint.id} changed meanwhile`);
    }
  }
  remember(transition.complaint.id, item);
  return async () => {
    await appendEvents(transition.events);
    rememberOutboxWritten(transition.complaint.id, writeId);
  };
}

// About 1.4 s in all at most over 12 attempts: well inside an API function's 10 s.
const maxBackoffMs = 200;

/**
 * Read, decide, write, and on a lost race read again: the domain function is
 * re-run on the fresh state, so its own rules decide what a repeat means and
 * when a decision taken meanwhile stands against this one. It is also given
 * the state this request first read: what its caller decided from. Writers
 * that lost wait a random, growing moment before reading again, so a crowd of
 * them on one case spreads out instead of colliding on every round.
 */
export async function mutateComplaint(
  id: string,
  decide: (complaint: Complaint, firstRead: Complaint) => Transition,
  attempts = 12,
): Promise<Transition> {
  const { transition } = await mutateComplaintThen(id, decide, () => Promise.resolve(undefined), attempts);
  return transition;
}

/**
 * mutateComplaint, then `next` (waking the workflow, say) while the change's
 * events are written: the two do not wait on each other, and both are awaited
 * before this answers. Events that fail to go out are still in the stored
 * outbox, which the next change puts again: none is lost.
 */
export async function mutateComplaintThen<R>(
  id: string,
  decide: (complaint: Complaint, firstRead: Complaint) => Transition,
  next: (transition: Transition) => Promise<R>,
  attempts = 12,
): Promise<{ transition: Transition; result: R }> {
  let firstRead: Complaint | undefined;
  for (let attempt = 1; ; attempt++) {
    const item = (attempt === 1 ? storeMemory.getStore()?.items.get(id) : undefined) ?? (await getComplaintItem(id));
    if (!item) throw complaintNotFound(id);
    // The previous write's events go out before this write replaces its outbox.
    if (!outboxWritten(item, id)) await completeOutbox(outboxOf(item));
    const current = fromComplaintItem(item);
    firstRead ??= current;
    const transition = decide(current, firstRead);
    let writeEvents: () => Promise<void>;
    try {
      writeEvents = await storeTransition(current.version, transition);
    } catch (error) {
      if (!(error instanceof ConcurrentUpdateError) || attempt >= attempts) throw error;
      await new Promise((resume) => setTimeout(resume, Math.random() * Math.min(maxBackoffMs, 2 ** attempt)));
      continue;
    }
    const [events, result] = await Promise.allSettled([writeEvents(), next(transition)]);
    if (events.status === 'rejected') throw events.reason;
    if (result.status === 'rejected') throw result.reason;
    return { transition, result: result.value };
  }
}
