import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { complaintItem } from '#adapters/stores/complaint-item.ts';
import { mutateComplaint, withOwnOutboxMemory } from '#adapters/stores/complaints.ts';
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
  });
  afterEach(() => dynamo.reset());

  it("puts a version's events again only when this invocation did not write them itself", async () => {
    await withOwnOutboxMemory(async () => {
      await mutateComplaint(aComplaint().id, noted('first'));
      await mutateComplaint(aComplaint().id, noted('second'));
    });
    // v3's events came from someone else's write: put again. v4's this invocation wrote: not again.
    expect(eventPuts()).toEqual(['v3', 'v4', 'v5']);
  });

  it('another invocation trusts none of it and puts the events of the version it reads again', async () => {
    await withOwnOutboxMemory(() => mutateComplaint(aComplaint().id, noted('first')));
    await withOwnOutboxMemory(() => mutateComplaint(aComplaint().id, noted('second')));
    expect(eventPuts()).toEqual(['v3', 'v4', 'v4', 'v5']);
  });

  it('an event write that failed is not remembered: the next change puts it again', async () => {
    dynamo.on(PutCommand, { Item: { entity: 'event', key: 'v4' } }).rejectsOnce(new Error('ServiceUnavailable'));
    await withOwnOutboxMemory(async () => {
      await expect(mutateComplaint(aComplaint().id, noted('first'))).rejects.toThrow('ServiceUnavailable');
      await mutateComplaint(aComplaint().id, noted('second'));
    });
    expect(eventPuts()).toEqual(['v3', 'v4', 'v4', 'v5']);
  });
});
