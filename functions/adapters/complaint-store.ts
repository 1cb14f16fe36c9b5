import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type NativeAttributeValue,
} from '@aws-sdk/lib-dynamodb';
import { keys, tableSchema } from '#declarations/table-schema.ts';
import type { CalendarEntry } from '#domain/business-calendar.ts';
import type { CaseLibraryEntry } from '#domain/case-library.ts';
import type { CustomCalendar } from '#domain/calendar-file.ts';
import { type Complaint, type Tier, nextDueAt } from '#domain/complaint.ts';
import { DomainError, complaintNotFound } from '#domain/errors.ts';
import type { Transition } from '#domain/lifecycle/transition.ts';
import type { TimelineEvent } from '#domain/timeline.ts';
import { env, requireEnv } from './config.ts';
import { sdkClient } from './sdk-clients.ts';

type Item = Record<string, NativeAttributeValue>;

/**
 * Most writes here record something already done (an email sent, an
 * escalation published): a step that gives up on one is retried whole and
 * does it again. So throttling gets ten attempts (standard mode: exponential
 * backoff with jitter, capped at 20 s), not the SDK's default four, which a
 * burst of a few seconds exhausts; a function's own timeout still bounds it.
 */
const dynamodbMaxAttempts = 10;

const documentClient = DynamoDBDocumentClient.from(sdkClient(new DynamoDBClient({ maxAttempts: dynamodbMaxAttempts })), {
  marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
});

let cachedTableName: string | undefined;
const tableName = () => (cachedTableName ??= requireEnv(env.tableName));

const surveysDue = tableSchema.globalIndexes.find((i) => i.name === 'surveysDue')!;
const provisionalIndex = tableSchema.globalIndexes.find((i) => i.name === 'provisional')!;
const awaitingTriageIndex = tableSchema.globalIndexes.find((i) => i.name === 'awaitingTriage')!;

export class ConcurrentUpdateError extends Error {
  override readonly name = 'ConcurrentUpdateError';
}

const isConditionFailure = (error: unknown) =>
  error instanceof ConditionalCheckFailedException ||
  (error instanceof Error && error.name === 'ConditionalCheckFailedException');

/** Index attributes are derived from the complaint, never set by hand, so they cannot drift. */
function complaintItem(complaint: Complaint, outbox: readonly TimelineEvent[] = []): Item {
  const open = complaint.phase !== 'CLOSED';
  const surveyPending = complaint.surveyDueAt && !complaint.surveySentAt;
  return {
    ...keys.complaint(complaint.id),
    entity: 'complaint',
    ...complaint,
    // The events of the write that made this version, kept until they are
    // written as items: a crash between the two writes loses no event.
    outbox,
    gsi1pk: keys.customerIndex(complaint.customer.id),
    gsi1sk: complaint.receivedAt,
    ...(open
      ? {
          gsi2pk: keys.queueIndex(complaint.owner?.agentId),
          gsi2sk: `${nextDueAt(complaint)}#${complaint.id}`,
          openPk: keys.openPartition,
          openSk: `${nextDueAt(complaint)}#${complaint.id}`,
          ...(complaint.owner?.team
            ? { teamPk: keys.teamIndex(complaint.owner.team), teamSk: `${nextDueAt(complaint)}#${complaint.id}` }
            : {}),
        }
      : {}),
    ...(surveyPending ? { surveyDuePk: keys.surveysDuePartition, surveyDueAt: complaint.surveyDueAt } : {}),
    ...(complaint.deadlinesProvisional && open ? { provisionalPk: keys.provisionalPartition } : {}),
    ...(complaint.phase === 'RECEIVED' ? { triagePk: keys.awaitingTriagePartition } : {}),
  };
}

function fromComplaintItem(item: Item): Complaint {
  const {
    pk: _pk,
    sk: _sk,
    entity: _e,
    gsi1pk: _a,
    gsi1sk: _b,
    gsi2pk: _c,
    gsi2sk: _d,
    openPk: _op,
    openSk: _os,
    teamPk: _tp,
    teamSk: _ts,
    surveyDuePk: _f,
    provisionalPk: _p,
    triagePk: _tr,
    outbox: _o,
    writeId: _w,
    ...rest
  } = item;
  return rest as Complaint;
}

const outboxOf = (item: Item): TimelineEvent[] => (Array.isArray(item.outbox) ? (item.outbox as TimelineEvent[]) : []);

async function getComplaintItem(id: string): Promise<Item | undefined> {
  const { Item } = await documentClient.send(
    new GetCommand({ TableName: tableName(), Key: keys.complaint(id), ConsistentRead: true }),
  );
  return Item;
}

function fromEventItem(item: Item): TimelineEvent {
  const { pk: _pk, sk: _sk, entity: _e, ...rest } = item;
  return rest as TimelineEvent;
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
  let startKey: Item | undefined;
  do {
    const page = await documentClient.send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.complaint(id).pk },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      if (item.entity === 'complaint') {
        complaint = fromComplaintItem(item);
        outbox = outboxOf(item);
      } else if (item.entity === 'event') timeline.push(fromEventItem(item));
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  if (!complaint) throw complaintNotFound(id);
  const written = new Set(timeline.map((e) => e.key));
  timeline.push(...outbox.filter((e) => !written.has(e.key)));
  timeline.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { complaint, timeline };
}

/** Events are immutable and keyed deterministically: writing one twice is a no-op. */
export async function appendEvents(events: readonly TimelineEvent[]): Promise<void> {
  for (const event of events) {
    try {
      await documentClient.send(
        new PutCommand({
          TableName: tableName(),
          Item: { ...keys.event(event.complaintId, event.key), entity: 'event', ...event },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
}

/** Returns false when the complaint already exists (a retried filing). */
export async function createComplaint(complaint: Complaint, events: readonly TimelineEvent[]): Promise<boolean> {
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
    await appendEvents(events);
    return false;
  }
  await appendEvents(events);
  return true;
}

/**
 * Writes a transition only if nobody else changed the complaint since it was
 * read (same version), then its events. Two agents, or a retried Lambda,
 * cannot both win.
 */
export async function saveTransition(previousVersion: number, transition: Transition): Promise<void> {
  if (!transition.changed) return;
  const writeId = randomUUID();
  try {
    await documentClient.send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...complaintItem(transition.complaint, transition.events), writeId },
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
  await appendEvents(transition.events);
}

/**
 * Read, decide, write, and on a lost race read again: the domain function is
 * re-run on the fresh state, so its own rules decide what a repeat means and
 * when a decision taken meanwhile stands against this one. It is also given
 * the state this request first read: what its caller decided from.
 */
export async function mutateComplaint(
  id: string,
  decide: (complaint: Complaint, firstRead: Complaint) => Transition,
  attempts = 5,
): Promise<Transition> {
  let firstRead: Complaint | undefined;
  for (let attempt = 1; ; attempt++) {
    const item = await getComplaintItem(id);
    if (!item) throw complaintNotFound(id);
    // The previous write's events go out before this write replaces its outbox.
    await appendEvents(outboxOf(item));
    const current = fromComplaintItem(item);
    firstRead ??= current;
    const transition = decide(current, firstRead);
    try {
      await saveTransition(current.version, transition);
      return transition;
    } catch (error) {
      if (!(error instanceof ConcurrentUpdateError) || attempt >= attempts) throw error;
    }
  }
}

/** Case numbers are counted per local day with an atomic, conditional counter. */
export async function nextCaseSequence(localDate: string): Promise<number> {
  const { Attributes } = await documentClient.send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.caseNumberCounter(localDate),
      UpdateExpression: 'SET entity = :entity ADD seq :one',
      ConditionExpression: 'attribute_not_exists(seq) OR seq < :max',
      ExpressionAttributeValues: { ':entity': 'counter', ':one': 1, ':max': 999_999 },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return Number(Attributes?.seq);
}

export async function customerTier(customerId: string): Promise<Tier> {
  const { Item } = await documentClient.send(
    new GetCommand({ TableName: tableName(), Key: { pk: keys.customerIndex(customerId), sk: 'PROFILE' } }),
  );
  return Item?.tier === 'vip' ? 'vip' : 'standard';
}

export interface IdempotencyRecord {
  key: string;
  requestHash: string;
  complaintId: string;
  caseNumber: string;
  /**
   * The access token is derived from this seed with the link-signing key, so
   * a retry answers the same token while the table never holds one.
   */
  tokenSeed: string;
  /** The first answer without its access token. */
  response?: Record<string, unknown>;
  expiresAt: number;
}

export async function findIdempotencyRecord(key: string): Promise<IdempotencyRecord | undefined> {
  const { Item } = await documentClient.send(
    new GetCommand({ TableName: tableName(), Key: keys.idempotency(key), ConsistentRead: true }),
  );
  if (!Item) return undefined;
  const { pk: _pk, sk: _sk, entity: _e, ...record } = Item;
  return record as IdempotencyRecord;
}

/** First writer wins; everybody else gets the record the first writer made. */
export async function claimIdempotencyKey(
  record: IdempotencyRecord,
): Promise<{ claimed: true; record: IdempotencyRecord } | { claimed: false; existing: IdempotencyRecord }> {
  try {
    await documentClient.send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...keys.idempotency(record.key), entity: 'idempotency', ...record },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return { claimed: true, record };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
  const existing = await findIdempotencyRecord(record.key);
  if (!existing) throw new ConcurrentUpdateError(`idempotency key ${record.key} vanished`);
  return { claimed: false, existing };
}

export async function completeIdempotencyKey(key: string, response: Record<string, unknown>): Promise<void> {
  await documentClient.send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.idempotency(key),
      UpdateExpression: 'SET #response = :response',
      ExpressionAttributeNames: { '#response': 'response' },
      ExpressionAttributeValues: { ':response': response },
    }),
  );
}

/** A full overwrite: writing the same entry again after a retry changes nothing. */
export async function putCaseLibraryEntry(entry: CaseLibraryEntry): Promise<void> {
  await documentClient.send(
    new PutCommand({
      TableName: tableName(),
      Item: {
        ...keys.caseLibraryEntry(entry.complaintId),
        entity: 'case',
        ...entry,
        libraryPk: keys.libraryIndex(entry.category),
        librarySk: `${entry.closedAt}#${entry.complaintId}`,
      },
    }),
  );
}

export async function getCaseLibraryEntry(complaintId: string): Promise<CaseLibraryEntry | undefined> {
  const { Item } = await documentClient.send(
    new GetCommand({ TableName: tableName(), Key: keys.caseLibraryEntry(complaintId), ConsistentRead: true }),
  );
  if (!Item) return undefined;
  const { pk: _pk, sk: _sk, entity: _e, libraryPk: _l, librarySk: _s, ...entry } = Item;
  return entry as CaseLibraryEntry;
}

/** Pages through the sparse due-survey index; never a Scan. */
export async function* dueSurveyComplaintIds(now: Date, pageSize = 50): AsyncGenerator<string> {
  let startKey: Item | undefined;
  do {
    const page = await documentClient.send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: surveysDue.name,
        KeyConditionExpression: '#pk = :pk AND #due <= :now',
        ExpressionAttributeNames: { '#pk': surveysDue.partitionKey, '#due': surveysDue.sortKey },
        ExpressionAttributeValues: { ':pk': keys.surveysDuePartition, ':now': now.toISOString() },
        Limit: pageSize,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) yield String(item.id);
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

/** Complaints received before `receivedBefore` that no workflow has triaged: their StartExecution may have failed. */
export async function* complaintsAwaitingTriage(receivedBefore: Date, pageSize = 50): AsyncGenerator<string> {
  const index = awaitingTriageIndex;
  let startKey: Item | undefined;
  do {
    const page = await documentClient.send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: index.name,
        KeyConditionExpression: '#pk = :pk AND #received < :before',
        ExpressionAttributeNames: { '#pk': index.partitionKey, '#received': index.sortKey },
        ExpressionAttributeValues: { ':pk': keys.awaitingTriagePartition, ':before': receivedBefore.toISOString() },
        Limit: pageSize,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) yield String(item.id);
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

export interface SurveyRecord {
  tokenHash: string;
  complaintId: string;
  sentAt: string;
  answeredAt?: string;
  answer?: { csat: number; nps: number; comment?: string };
}

export async function putSurvey(record: SurveyRecord): Promise<void> {
  await documentClient.send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...keys.survey(record.tokenHash), entity: 'survey', ...record },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

export async function getSurvey(tokenHash: string): Promise<SurveyRecord | undefined> {
  const { Item } = await documentClient.send(
    new GetCommand({ TableName: tableName(), Key: keys.survey(tokenHash), ConsistentRead: true }),
  );
  if (!Item) return undefined;
  const { pk: _pk, sk: _sk, entity: _e, ...record } = Item;
  return record as SurveyRecord;
}

/**
 * Copies the answer the complaint recorded onto the survey's record, once: the
 * complaint's conditional write already chose which answer stands, so a
 * repeat (a retry, the same answer from a second tab) finds it written.
 */
export async function answerSurvey(tokenHash: string, answer: SurveyRecord['answer'], at: Date): Promise<void> {
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.survey(tokenHash),
        UpdateExpression: 'SET answeredAt = :at, answer = :answer',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(answeredAt)',
        ExpressionAttributeValues: { ':at': at.toISOString(), ':answer': answer },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

/** The desk's own record of a customer: the tier is set here by a supervisor, never by the customer. */
export async function setCustomerTier(
  customerId: string,
  tier: Tier,
  by: string,
  at: Date,
): Promise<{ previous: Tier; tier: Tier }> {
  const { Attributes } = await documentClient.send(
    new UpdateCommand({
      TableName: tableName(),
      Key: { pk: keys.customerIndex(customerId), sk: 'PROFILE' },
      UpdateExpression: 'SET entity = :entity, tier = :tier, tierSetBy = :by, tierSetAt = :at',
      ExpressionAttributeValues: { ':entity': 'customer', ':tier': tier, ':by': by, ':at': at.toISOString() },
      ReturnValues: 'UPDATED_OLD',
    }),
  );
  return { previous: Attributes?.tier === 'vip' ? 'vip' : 'standard', tier };
}

/** Open complaints whose deadlines await a calendar year, oldest first; a sparse index, never a Scan. */
export async function* provisionalComplaintIds(): AsyncGenerator<string> {
  let startKey: Item | undefined;
  do {
    const page = await documentClient.send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: provisionalIndex.name,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': provisionalIndex.partitionKey },
        ExpressionAttributeValues: { ':pk': keys.provisionalPartition },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) yield String(item.id);
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

export async function getCustomCalendar(): Promise<CustomCalendar | undefined> {
  const { Item } = await documentClient.send(
    new GetCommand({ TableName: tableName(), Key: keys.customCalendar, ConsistentRead: true }),
  );
  if (!Item) return undefined;
  return { coveredYears: Item.coveredYears as number[], entries: Item.entries as CalendarEntry[], source: String(Item.source) };
}

/** Last writer wins: calendars are loaded by a supervisor, rarely, and each load carries the whole merge. */
export async function putCustomCalendar(calendar: CustomCalendar, by: string, at: Date): Promise<void> {
  await documentClient.send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...keys.customCalendar, entity: 'calendar', ...calendar, loadedBy: by, loadedAt: at.toISOString() },
    }),
  );
}

/** An opaque page cursor: the last key read, encoded so clients treat it as a token. */
export function encodeCursor(key: Item | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key), 'utf8').toString('base64url') : undefined;
}

/**
 * The key a cursor names must be one this query could have ended a page on:
 * exactly the key attributes of the table or index read, inside the partition
 * queried. DynamoDB refuses any other start key with a ValidationException.
 */
export function decodeCursor(
  cursor: string | undefined,
  attributes: readonly string[],
  belongs: (key: Record<string, string>) => boolean,
): Item | undefined {
  if (!cursor) return undefined;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (key && typeof key === 'object' && !Array.isArray(key)) {
      const entries = Object.entries(key);
      const strings = entries.every(([, v]) => typeof v === 'string');
      const named = entries.length === attributes.length && attributes.every((a) => Object.hasOwn(key, a));
      if (strings && named && belongs(key as Record<string, string>)) return key;
    }
  } catch {
    // falls through to the error below
  }
  throw new DomainError('invalid', 'InvalidCursor', 'the cursor is not one this API gave out', { field: 'cursor' });
}

/** A query on an index pages by the table's key and the index's. */
function indexKeyAttributes(indexName: string): string[] {
  const index = tableSchema.globalIndexes.find((i) => i.name === indexName)!;
  return [tableSchema.partitionKey, tableSchema.sortKey, index.partitionKey, index.sortKey];
}

export interface QueueQuery {
  /** The agent's own cases, the unassigned pool, or every open case. */
  partition: { kind: 'agent'; agentId: string } | { kind: 'unassigned' } | { kind: 'all' } | { kind: 'team'; team: string };
  phase?: string;
  category?: string;
  escalationLevel?: number;
  limit: number;
  cursor?: string;
}

/**
 * Open cases, nearest deadline first, from an index. Filters are applied to
 * the page read, so a page may hold fewer than `limit` cases; the cursor goes on.
 */
export async function queuePage(query: QueueQuery): Promise<{ complaints: Complaint[]; cursor?: string }> {
  const { partition } = query;
  const [index, pkName, pk] =
    partition.kind === 'all'
      ? ['openByDeadline', 'openPk', keys.openPartition]
      : partition.kind === 'team'
        ? ['teamQueue', 'teamPk', keys.teamIndex(partition.team)]
        : ['gsi2', 'gsi2pk', keys.queueIndex(partition.kind === 'agent' ? partition.agentId : undefined)];
  const filters: string[] = [];
  const names: Record<string, string> = { '#pk': pkName };
  const values: Record<string, NativeAttributeValue> = { ':pk': pk };
  if (query.phase) {
    filters.push('#phase = :phase');
    names['#phase'] = 'phase';
    values[':phase'] = query.phase;
  }
  if (query.category) {
    filters.push('#category = :category');
    names['#category'] = 'category';
    values[':category'] = query.category;
  }
  if (query.escalationLevel !== undefined) {
    filters.push('#level = :level');
    names['#level'] = 'escalationLevel';
    values[':level'] = query.escalationLevel;
  }
  const page = await documentClient.send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: index,
      KeyConditionExpression: '#pk = :pk',
      ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      Limit: query.limit,
      ExclusiveStartKey: decodeCursor(query.cursor, indexKeyAttributes(index), (key) => key[pkName] === pk),
    }),
  );
  const cursor = encodeCursor(page.LastEvaluatedKey);
  return { complaints: (page.Items ?? []).map(fromComplaintItem), ...(cursor ? { cursor } : {}) };
}

/** A page of a case's timeline, oldest first; a Query on its partition, never more than `limit` events. */
export async function timelinePage(
  complaintId: string,
  limit: number,
  cursor: string | undefined,
): Promise<{ events: TimelineEvent[]; cursor?: string }> {
  const page = await documentClient.send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :events)',
      ExpressionAttributeValues: { ':pk': keys.complaint(complaintId).pk, ':events': keys.eventPrefix },
      ConsistentRead: true,
      Limit: limit,
      ExclusiveStartKey: decodeCursor(
        cursor,
        [tableSchema.partitionKey, tableSchema.sortKey],
        (key) => key[tableSchema.partitionKey] === keys.complaint(complaintId).pk && key[tableSchema.sortKey]!.startsWith(keys.eventPrefix),
      ),
    }),
  );
  const next = encodeCursor(page.LastEvaluatedKey);
  return { events: (page.Items ?? []).map(fromEventItem), ...(next ? { cursor: next } : {}) };
}

/** The customer's complaints received since `since`, newest first: repeat detection reads only these. */
export async function customerComplaintsSince(customerId: string, since: Date): Promise<Complaint[]> {
  const complaints: Complaint[] = [];
  let startKey: Item | undefined;
  do {
    const page = await documentClient.send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk >= :since',
        ExpressionAttributeValues: { ':pk': keys.customerIndex(customerId), ':since': since.toISOString() },
        ScanIndexForward: false,
        ExclusiveStartKey: startKey,
      }),
    );
    complaints.push(...(page.Items ?? []).filter((i) => i.entity === 'complaint').map(fromComplaintItem));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return complaints;
}
