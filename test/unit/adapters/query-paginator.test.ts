import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { pageKeyAttributes } from '#declarations/table-schema.ts';
import { DomainError } from '#domain/errors.ts';
import { dueSurveyComplaintIds } from '#adapters/stores/complaint-indexes.ts';
import { decodeCursor, encodeCursor } from '#adapters/stores/page-cursor.ts';
import { queryItems, queryPage } from '#adapters/stores/query-paginator.ts';

const dynamo = mockClient(DynamoDBDocumentClient);
const sentQueries = () => dynamo.commandCalls(QueryCommand).map((call) => call.args[0].input);

const surveysQuery = {
  IndexName: 'surveysDue',
  KeyConditionExpression: '#pk = :pk AND #due <= :now',
  ExpressionAttributeNames: { '#pk': 'surveyDuePk', '#due': 'surveyDueAt' },
  ExpressionAttributeValues: { ':pk': 'SURVEY_DUE', ':now': '2025-12-02T03:00:00.000Z' },
} as const;
const surveyKey = (id: string, dueAt: string) => ({ pk: `COMPLAINT#${id}`, sk: 'COMPLAINT', surveyDuePk: 'SURVEY_DUE', surveyDueAt: dueAt });

const timelineQuery = {
  KeyConditionExpression: 'pk = :pk AND begins_with(sk, :events)',
  ExpressionAttributeValues: { ':pk': 'COMPLAINT#C1', ':events': 'EVENT#' },
};
const inTimelineOfC1 = (key: Record<string, string>) => key.pk === 'COMPLAINT#C1' && key.sk!.startsWith('EVENT#');
const cursorOf = (key: unknown) => Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');

const collect = async <T>(items: AsyncIterable<T>) => {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
};

describe('Module: query-paginator', () => {
  afterEach(() => {
    dynamo.reset();
  });

  describe('Function: queryItems', () => {
    it('asks for each page with the LastEvaluatedKey of the page before, and stops at the first page without one', async () => {
      // Prepare
      const afterFirst = surveyKey('A2', '2025-12-01T00:00:00.000Z');
      const afterSecond = surveyKey('A3', '2025-12-02T00:00:00.000Z');
      dynamo
        .on(QueryCommand)
        .resolvesOnce({ Items: [{ id: 'A1' }, { id: 'A2' }], LastEvaluatedKey: afterFirst })
        .resolvesOnce({ Items: [{ id: 'A3' }], LastEvaluatedKey: afterSecond })
        .resolvesOnce({ Items: [] })
        .resolves({ Items: [{ id: 'never read' }] });

      // Act
      const items = await collect(queryItems(surveysQuery, 2));

      // Assess
      expect(items).toEqual([{ id: 'A1' }, { id: 'A2' }, { id: 'A3' }]);
      expect(sentQueries()).toEqual([
        { TableName: 'complaints-test', ...surveysQuery, Limit: 2 },
        { TableName: 'complaints-test', ...surveysQuery, Limit: 2, ExclusiveStartKey: afterFirst },
        { TableName: 'complaints-test', ...surveysQuery, Limit: 2, ExclusiveStartKey: afterSecond },
      ]);
    });

    it('sends no Limit without a page size, so a page ends at DynamoDB’s 1 MB', async () => {
      dynamo.on(QueryCommand).resolves({ Items: [{ id: 'P1' }] });

      expect(await collect(queryItems({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'COMPLAINT#C1' } }))).toEqual([
        { id: 'P1' },
      ]);
      expect(sentQueries()).toEqual([
        { TableName: 'complaints-test', KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'COMPLAINT#C1' } },
      ]);
    });

    it('reads the next page only when the consumer asks for more items', async () => {
      dynamo
        .on(QueryCommand)
        .resolvesOnce({ Items: [{ id: 'A1' }, { id: 'A2' }], LastEvaluatedKey: surveyKey('A2', '2025-12-01T00:00:00.000Z') })
        .resolves({ Items: [{ id: 'A3' }] });

      const read: unknown[] = [];
      for await (const item of queryItems(surveysQuery, 2)) {
        read.push(item);
        if (read.length === 2) break;
      }

      expect(read).toEqual([{ id: 'A1' }, { id: 'A2' }]);
      expect(sentQueries()).toHaveLength(1);
    });
  });

  describe('Function: dueSurveyComplaintIds', () => {
    it('pages the sparse surveysDue index 50 at a time and yields the ids of every page', async () => {
      const afterFirst = surveyKey('S2', '2025-12-01T00:00:00.000Z');
      dynamo
        .on(QueryCommand)
        .resolvesOnce({ Items: [{ id: 'S1' }, { id: 'S2' }], LastEvaluatedKey: afterFirst })
        .resolvesOnce({ Items: [{ id: 'S3' }] });

      expect(await collect(dueSurveyComplaintIds(new Date('2025-12-02T03:00:00.000Z')))).toEqual(['S1', 'S2', 'S3']);
      expect(sentQueries()).toEqual([
        { TableName: 'complaints-test', ...surveysQuery, Limit: 50 },
        { TableName: 'complaints-test', ...surveysQuery, Limit: 50, ExclusiveStartKey: afterFirst },
      ]);
    });
  });

  describe('Function: queryPage', () => {
    it('reads one page from the key the cursor names and answers the cursor of the next page', async () => {
      const start = { pk: 'COMPLAINT#C1', sk: 'EVENT#0002' };
      const next = { pk: 'COMPLAINT#C1', sk: 'EVENT#0004' };
      dynamo
        .on(QueryCommand)
        .resolvesOnce({ Items: [{ sk: 'EVENT#0003' }, { sk: 'EVENT#0004' }], LastEvaluatedKey: next })
        .resolves({ Items: [{ sk: 'EVENT#0005' }] });

      const page = await queryPage(timelineQuery, { limit: 2, cursor: cursorOf(start), belongs: inTimelineOfC1 });

      expect(page).toEqual({ items: [{ sk: 'EVENT#0003' }, { sk: 'EVENT#0004' }], cursor: cursorOf(next) });
      expect(sentQueries()).toEqual([{ TableName: 'complaints-test', ...timelineQuery, Limit: 2, ExclusiveStartKey: start }]);
    });

    it('starts at the beginning without a cursor and answers no cursor on the last page', async () => {
      dynamo.on(QueryCommand).resolves({ Items: [{ sk: 'EVENT#0001' }] });

      const page = await queryPage(timelineQuery, { limit: 20, cursor: undefined, belongs: inTimelineOfC1 });

      expect(page).toEqual({ items: [{ sk: 'EVENT#0001' }] });
      expect(sentQueries()).toEqual([{ TableName: 'complaints-test', ...timelineQuery, Limit: 20 }]);
    });

    it('pages an index by the table key and the index key together', async () => {
      const next = { pk: 'COMPLAINT#C9', sk: 'COMPLAINT', openPk: 'OPEN', openSk: '2025-11-26T02:00:00.000Z#C9' };
      dynamo.on(QueryCommand).resolves({ Items: [{ id: 'C9' }], LastEvaluatedKey: next });
      const query = {
        IndexName: 'openByDeadline',
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': 'openPk' },
        ExpressionAttributeValues: { ':pk': 'OPEN' },
      } as const;
      const belongs = (key: Record<string, string>) => key.openPk === 'OPEN';

      const first = await queryPage(query, { limit: 1, cursor: undefined, belongs });
      await queryPage(query, { limit: 1, cursor: first.cursor, belongs });

      expect(sentQueries()[1]).toEqual({ TableName: 'complaints-test', ...query, Limit: 1, ExclusiveStartKey: next });
    });

    it.each([
      ['another complaint’s timeline', cursorOf({ pk: 'COMPLAINT#C2', sk: 'EVENT#0002' })],
      ['the complaint item, not an event', cursorOf({ pk: 'COMPLAINT#C1', sk: 'COMPLAINT' })],
      ['an extra attribute', cursorOf({ pk: 'COMPLAINT#C1', sk: 'EVENT#0002', gsi1pk: 'CUSTOMER#c-1' })],
      ['a missing attribute', cursorOf({ pk: 'COMPLAINT#C1' })],
      ['a number where a key string goes', cursorOf({ pk: 'COMPLAINT#C1', sk: 2 })],
      ['a list', cursorOf(['COMPLAINT#C1', 'EVENT#0002'])],
      ['JSON null', cursorOf(null)],
      ['bytes that are not JSON', Buffer.from('{"pk":"COMPLAINT#C1",', 'utf8').toString('base64url')],
      ['nothing readable (not base64url)', '%%%***'],
    ])('refuses a cursor naming %s as InvalidCursor, and sends no query', async (_, cursor) => {
      const refused = await queryPage(timelineQuery, { limit: 20, cursor, belongs: inTimelineOfC1 }).catch((error: unknown) => error);

      expect(refused).toBeInstanceOf(DomainError);
      expect(refused).toMatchObject({ kind: 'invalid', name: 'InvalidCursor', detail: { field: 'cursor' } });
      expect(sentQueries()).toHaveLength(0);
    });
  });
});

describe('Module: page-cursor', () => {
  describe('Function: encodeCursor', () => {
    it('answers no cursor when there is no next page', () => {
      expect(encodeCursor(undefined)).toBeUndefined();
    });

    it('encodes the key as base64url JSON, so it travels in a query string unescaped', () => {
      const key = { pk: 'COMPLAINT#C1', sk: 'EVENT#2025-11-24T02:00:00.000Z#ack' };
      const cursor = encodeCursor(key)!;
      expect(cursor).toMatch(/^[\w-]+$/);
      expect(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))).toEqual(key);
    });
  });

  describe('Function: decodeCursor', () => {
    it('gives back the key it encoded, for the table and for an index', () => {
      const tableKey = { pk: 'COMPLAINT#C1', sk: 'EVENT#0002' };
      const indexKey = { pk: 'COMPLAINT#C9', sk: 'COMPLAINT', gsi2pk: 'AGENT#a-1', gsi2sk: '2025-11-26T02:00:00.000Z#C9' };
      expect(decodeCursor(encodeCursor(tableKey), pageKeyAttributes(), () => true)).toEqual(tableKey);
      expect(decodeCursor(encodeCursor(indexKey), pageKeyAttributes('gsi2'), (key) => key.gsi2pk === 'AGENT#a-1')).toEqual(indexKey);
    });

    it('refuses a key of the table where the index’s key is expected', () => {
      expect(() => decodeCursor(encodeCursor({ pk: 'COMPLAINT#C1', sk: 'COMPLAINT' }), pageKeyAttributes('gsi2'), () => true)).toThrow(
        expect.objectContaining({ name: 'InvalidCursor' }),
      );
    });

    it('reads no cursor as the first page', () => {
      expect(decodeCursor(undefined, pageKeyAttributes(), () => false)).toBeUndefined();
      expect(decodeCursor('', pageKeyAttributes(), () => false)).toBeUndefined();
    });
  });
});
