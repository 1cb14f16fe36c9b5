import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { complaintItem } from '#adapters/stores/complaint-item.ts';
import { mutateComplaint } from '#adapters/stores/complaints.ts';
import { withOwnStoreMemory } from '#adapters/stores/store-memory.ts';
import type { Complaint } from '#domain/complaint.ts';
import type { Transition } from '#domain/lifecycle/transition.ts';
import type { TimelineEvent } from '#domain/timeline.ts';
import { aComplaint } from '../../support/builders.ts';

const dynamo = mockClient(DynamoDBDocumentClient);

/** A change that bumps the version and records one event, keyed by the new version. */
const noted =
  (note: string) =>
  (c: Complaint): Transition => {
    const complaint = { ...c, version: c.version + 1 };
    const event = { complaintId: c.id, key: `v${complaint.version}`, type: 'note', at: '2025-11-24T03:00:00.000Z', details: { note } };
    return { complaint, events: [event as unknown as TimelineEvent], changed: true };
  };

const eventPuts = () =>
  dynamo
    .commandCalls(PutCommand)
    .map((call) => call.args[0].input.Item!)
    .filter((item) => item.entity === 'event')
    .map((item) => item.key as string);

describe('Complaint writes and their timeline outbox', () => {
  beforeEach(() => {
    const stored = complaintItem(aComplaint({ version: 3 }), [
      { complaintId: aComplaint().id, key: 'v3', type: 'note', at: '2025-11-24T02:00:00.000Z', details: {} } as unknown as TimelineEvent,
    ]);
    // Each read finds what the last complaint write stored, as the table would.
    dynamo.on(GetCommand).callsFake(() => {
      const written = dynamo.commandCalls(PutCommand).filter((c) => c.args[0].input.Item?.entity === 'complaint');
      return { Item: written.length ? written.at(-1)!.args[0].input.Item : stored };
    });
    dynamo.on(PutCommand).resolves({});
    // The table holds the events whose put succeeded (v3, of a writer that crashed after its complaint write, never did).
    const written = new Set<string>();
    dynamo.on(PutCommand, { Item: { entity: 'event' } }).callsFake((input: { Item: { sk: string } }) => {
      written.add(input.Item.sk);
      return {};
    });
    dynamo.on(BatchGetCommand).callsFake((input: { RequestItems: Record<string, { Keys: { pk: string; sk: string }[] }> }) => {
      const [table, { Keys }] = Object.entries(input.RequestItems)[0]!;
      return { Responses: { [table]: Keys.filter((key) => written.has(key.sk)) } };
    });
  });
  afterEach(() => dynamo.reset());

  it("puts a version's events again only when this invocation did not write them itself", async () => {
    await withOwnStoreMemory(async () => {
      await mutateComplaint(aComplaint().id, noted('first'));
      await mutateComplaint(aComplaint().id, noted('second'));
    });
    // v3's events came from someone else's write: put again. v4's this invocation wrote: not again.
    expect(eventPuts()).toEqual(['v3', 'v4', 'v5']);
    // The second change starts from the item the first one wrote: one read in all.
    expect(dynamo.commandCalls(GetCommand)).toHaveLength(1);
  });

  it('another invocation trusts none of it: it reads which events of the version it finds are items, and puts only the missing', async () => {
    await withOwnStoreMemory(() => mutateComplaint(aComplaint().id, noted('first')));
    await withOwnStoreMemory(() => mutateComplaint(aComplaint().id, noted('second')));
    expect(eventPuts()).toEqual(['v3', 'v4', 'v5']);
    expect(dynamo.commandCalls(BatchGetCommand).map((c) => Object.values(c.args[0].input.RequestItems!)[0])).toEqual([
      { Keys: [{ pk: `COMPLAINT#${aComplaint().id}`, sk: 'EVENT#v3' }], ConsistentRead: true, ProjectionExpression: 'pk, sk' },
      { Keys: [{ pk: `COMPLAINT#${aComplaint().id}`, sk: 'EVENT#v4' }], ConsistentRead: true, ProjectionExpression: 'pk, sk' },
    ]);
    expect(dynamo.commandCalls(GetCommand)).toHaveLength(2);
  });

  it('an item remembered but changed meanwhile by someone else is refused, read again and decided afresh: nothing is lost', async () => {
    await withOwnStoreMemory(async () => {
      await mutateComplaint(aComplaint().id, noted('first'));
      // Another writer moves the case on (version 5) behind this invocation's back.
      const theirs = complaintItem(aComplaint({ version: 5 }), []);
      dynamo.on(GetCommand).resolves({ Item: theirs });
      dynamo
        .on(PutCommand, { Item: { entity: 'complaint' }, ExpressionAttributeValues: { ':expected': 4 } })
        .rejects(Object.assign(new Error('refused'), { name: 'ConditionalCheckFailedException' }));
      const second = await mutateComplaint(aComplaint().id, noted('second'));
      expect(second.complaint.version).toBe(6);
    });
    const complaintPuts = dynamo.commandCalls(PutCommand).filter((c) => c.args[0].input.Item?.entity === 'complaint');
    expect(complaintPuts.map((c) => c.args[0].input.ExpressionAttributeValues)).toEqual([
      { ':expected': 3 },
      { ':expected': 4 },
      { ':expected': 5 },
    ]);
  });

  it('an event write that failed is not remembered: the next change puts it again', async () => {
    dynamo.on(PutCommand, { Item: { entity: 'event', key: 'v4' } }).rejectsOnce(new Error('ServiceUnavailable'));
    await withOwnStoreMemory(async () => {
      await expect(mutateComplaint(aComplaint().id, noted('first'))).rejects.toThrow('ServiceUnavailable');
      await mutateComplaint(aComplaint().id, noted('second'));
    });
    expect(eventPuts()).toEqual(['v3', 'v4', 'v4', 'v5']);
  });
});
