import { readFileSync } from 'node:fs';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useClock } from '#adapters/clock.ts';
import { fixedClock } from '#domain/clock.ts';
import { handler as claimComplaint } from '#handlers/api/claim-complaint.ts';
import { handler as getComplaint } from '#handlers/api/get-complaint.ts';
import { handler as getStaffComplaint } from '#handlers/api/get-staff-complaint.ts';
import { handler as getStaffQueue } from '#handlers/api/get-staff-queue.ts';
import { handler as getStaffTimeline } from '#handlers/api/get-staff-timeline.ts';
import { handler as loadCalendar } from '#handlers/api/load-calendar.ts';
import { handler as recordResponse } from '#handlers/api/record-response.ts';
import { aLambdaContext, anApiEvent } from '../../support/api-events.ts';
import { aComplaint } from '../../support/builders.ts';

const dynamo = mockClient(DynamoDBDocumentClient);

const id = '01JDTEST000000000000000000';
const agent = { username: 'agent-1', groups: ['agents'] };
const supervisor = { username: 'supervisor-1', groups: ['supervisors'] };

type Handler = (event: APIGatewayProxyEvent, context: typeof aLambdaContext) => Promise<{ statusCode: number; headers?: Record<string, unknown>; body: string }>;

async function answer(handler: Handler, event: APIGatewayProxyEvent) {
  const result = await handler(event, aLambdaContext);
  return { status: result.statusCode, contentType: String(result.headers?.['content-type']), body: JSON.parse(result.body) as Record<string, unknown> };
}

const respond = (body: unknown, overrides: Partial<APIGatewayProxyEvent> = {}, headers: Record<string, string> = {}) => ({
  ...anApiEvent({ method: 'POST', path: `/staff/complaints/${id}/responses`, pathParameters: { id }, staff: agent, body, headers }),
  ...overrides,
});

const cursorOf = (key: Record<string, string>) => Buffer.from(JSON.stringify(key)).toString('base64url');

describe('Handler: bad input is refused with problem details before anything is read or written', () => {
  beforeEach(() => {
    useClock(fixedClock('2025-11-24T02:00:00Z'));
    dynamo.on(GetCommand).resolves({});
    dynamo.on(QueryCommand).resolves({ Items: [] });
    dynamo.on(PutCommand).resolves({});
    dynamo.on(UpdateCommand).resolves({});
  });
  afterEach(() => dynamo.reset());

  describe('path parameters', () => {
    it('answers 400 naming the parameter for a percent-encoding that is not UTF-8 (was a 500 from decodeURIComponent)', async () => {
      // Fuzz counterexample: GET /complaints/%E0%A4%A
      const refused = await answer(getComplaint, anApiEvent({ path: '/complaints/%E0%A4%A', pathParameters: { id: '%E0%A4%A' } }));

      expect(refused.status).toBe(400);
      expect(refused.contentType).toMatch(/^application\/problem\+json/);
      expect(refused.body.errors).toEqual([{ field: 'path parameter id', problem: 'is not valid percent-encoded UTF-8' }]);
      expect(dynamo.calls()).toHaveLength(0);
    });

    it('answers 400 for a complaint id that is not a ULID, before any read (a 3,000-character id was a 500 from DynamoDB)', async () => {
      const long = 'A'.repeat(3000);
      const refused = await answer(getStaffComplaint, anApiEvent({ path: `/staff/complaints/${long}`, pathParameters: { id: long }, staff: agent }));

      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({
        type: 'https://closeloop.dev/problems/invalid',
        errors: [{ field: 'path parameter id', problem: 'is not a complaint id (a 26-character ULID)' }],
      });
      expect(dynamo.calls()).toHaveLength(0);
    });
  });

  describe('page cursors', () => {
    it('answers 400 listing the cursor for a key of another partition, and never sends it to DynamoDB (was a 500)', async () => {
      // Fuzz counterexample: GET /staff/queue?cursor=eyJ7RCI6IiRdezUiLCJwayI6ImsifQ, i.e. {"{D":"$]{5","pk":"k"}
      const forged = await answer(getStaffQueue, {
        ...anApiEvent({ path: '/staff/queue', staff: supervisor }),
        queryStringParameters: { cursor: 'eyJ7RCI6IiRdezUiLCJwayI6ImsifQ' },
      });

      expect(forged.status).toBe(400);
      expect(forged.body).toMatchObject({ code: 'InvalidCursor', errors: [{ field: 'cursor', problem: 'the cursor is not one this API gave out' }] });
      expect(dynamo.commandCalls(QueryCommand)).toHaveLength(0);
    });

    it("refuses a timeline cursor naming another complaint's partition", async () => {
      dynamo.on(GetCommand).resolves({ Item: { pk: `COMPLAINT#${id}`, sk: 'COMPLAINT', entity: 'complaint', ...aComplaint() } });
      const forged = await answer(getStaffTimeline, {
        ...anApiEvent({ path: `/staff/complaints/${id}/timeline`, pathParameters: { id }, staff: supervisor }),
        queryStringParameters: { cursor: cursorOf({ pk: 'COMPLAINT#01JDOTHER00000000000000000', sk: 'EVENT#1' }) },
      });

      expect(forged.status).toBe(400);
      expect(forged.body.errors).toEqual([{ field: 'cursor', problem: 'the cursor is not one this API gave out' }]);
      expect(dynamo.commandCalls(QueryCommand)).toHaveLength(0);
    });

    it('still pages with a cursor this API gave out', async () => {
      dynamo.on(GetCommand).resolves({ Item: { pk: `COMPLAINT#${id}`, sk: 'COMPLAINT', entity: 'complaint', ...aComplaint() } });
      const key = { pk: `COMPLAINT#${id}`, sk: 'EVENT#0002' };
      const paged = await answer(getStaffTimeline, {
        ...anApiEvent({ path: `/staff/complaints/${id}/timeline`, pathParameters: { id }, staff: supervisor }),
        queryStringParameters: { cursor: cursorOf(key) },
      });

      expect(paged.status).toBe(200);
      expect(dynamo).toHaveReceivedCommandWith(QueryCommand, { ExclusiveStartKey: key });
    });
  });

  describe('bodies', () => {
    it('answers 400 for a body whose bytes are not UTF-8 (was repaired with U+FFFD and stored)', async () => {
      // Fuzz counterexample: an escalation note starting with the bytes C0 AF was accepted (202) as "\uFFFD\uFFFD…".
      const bytes = Buffer.concat([Buffer.from('{"message":"'), Buffer.from([0xc0, 0xaf]), Buffer.from('on it"}')]);
      const refused = await answer(recordResponse, respond(undefined, { body: bytes.toString('base64'), isBase64Encoded: true }));

      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([{ field: '(body)', problem: 'is not UTF-8 text' }]);
      expect(dynamo.calls()).toHaveLength(0);
    });

    it('answers 400 naming the field for text with a lone surrogate (was stored)', async () => {
      const refused = await answer(recordResponse, respond('{"message":"on it \\ud800"}'));

      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([{ field: 'message', problem: 'is not valid Unicode text (a lone surrogate)' }]);
      expect(dynamo.calls()).toHaveLength(0);
    });

    it('answers 400 for a claim with fields (its body was ignored, so anything was accepted)', async () => {
      const refused = await answer(
        claimComplaint,
        anApiEvent({ method: 'POST', path: `/staff/complaints/${id}/claim`, pathParameters: { id }, staff: agent, body: { owner: 'agent-2' } }),
      );

      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([{ field: 'owner', problem: 'is not an accepted field' }]);
      expect(dynamo.calls()).toHaveLength(0);
    });

    it.each([
      ['text/plain', 'a body sent as text/plain was taken as JSON'],
      ['application/json; charset=iso-8859-1', 'JSON in another charset was read as UTF-8'],
      ['application/x-www-form-urlencoded', 'a form was taken as JSON'],
      ['garbage', 'an unparseable Content-Type was ignored'],
    ])('answers 415 for Content-Type %s (before: %s)', async (contentType) => {
      const refused = await answer(recordResponse, respond({ message: 'on it' }, {}, { 'content-type': contentType }));

      expect(refused.status).toBe(415);
      expect(refused.contentType).toMatch(/^application\/problem\+json/);
      expect(refused.body).toMatchObject({ type: 'https://closeloop.dev/problems/unsupported-media-type', status: 415, accepted: ['application/json'] });
      expect(dynamo.calls()).toHaveLength(0);
    });

    it('answers 415 for a body without a Content-Type', async () => {
      const event = respond({ message: 'on it' });
      delete event.headers['content-type'];
      expect((await answer(recordResponse, event)).status).toBe(415);
    });

    it('takes JSON with a UTF-8 charset in any spelling', async () => {
      dynamo.on(GetCommand).resolves({ Item: { pk: `COMPLAINT#${id}`, sk: 'COMPLAINT', entity: 'complaint', ...aComplaint({ owner: { agentId: 'agent-1', claimedAt: '2025-11-24T02:00:00.000Z' } }) } });
      const accepted = await answer(recordResponse, respond({ message: 'on it' }, {}, { 'content-type': 'Application/JSON; Charset="UTF-8"' }));
      expect(accepted.status).not.toBe(415);
    });

    it('answers 413 for a JSON body over 64 KiB, in Chinese when asked', async () => {
      const refused = await answer(recordResponse, respond({ message: 'x'.repeat(64 * 1024) }, {}, { 'accept-language': 'zh-CN' }));

      expect(refused.status).toBe(413);
      expect(refused.body).toMatchObject({ type: 'https://closeloop.dev/problems/content-too-large', title: '请求正文过大', maxBytes: 65536 });
      expect(dynamo.calls()).toHaveLength(0);
    });

    it.each([['[]'], ['"text"'], ['42'], ['null']])('answers 400 for the JSON %s, which is not an object', async (body) => {
      const refused = await answer(recordResponse, respond(body));
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([{ field: '(body)', problem: 'must be a JSON object' }]);
    });

    it('takes an iCalendar file as it is with Content-Type text/calendar, and more than 64 KiB of it', async () => {
      const ics = readFileSync('test/fixtures/company-closure.ics', 'utf8').replace('END:VCALENDAR', `X-PADDING:${'x'.repeat(70 * 1024)}\r\nEND:VCALENDAR`);
      const loaded = await answer(
        loadCalendar,
        anApiEvent({ method: 'PUT', path: '/staff/calendar', staff: supervisor, body: ics, headers: { 'content-type': 'text/calendar; charset=utf-8' } }),
      );

      expect(loaded).toMatchObject({ status: 200, body: { entries: 2 } });
      expect(dynamo).toHaveReceivedCommandWith(PutCommand, { Item: expect.objectContaining({ pk: 'CALENDAR', source: 'calendar.ics' }) });
    });
  });

  describe('query strings', () => {
    it('refuses a parameter on a route that takes none, naming it', async () => {
      const refused = await answer(getComplaint, { ...anApiEvent({ path: `/complaints/${id}`, pathParameters: { id } }), queryStringParameters: { debug: '1' } });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([{ field: 'debug', problem: 'is not an accepted field' }]);
    });

    it('refuses a parameter given twice rather than keep the last', async () => {
      const refused = await answer(getStaffQueue, {
        ...anApiEvent({ path: '/staff/queue', staff: supervisor }),
        queryStringParameters: { limit: '2' },
        multiValueQueryStringParameters: { limit: ['1', '2'] },
      });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([{ field: 'limit', problem: 'is given more than once' }]);
    });

    it.each([['0x10'], ['1e1'], [' 7'], ['']])('refuses the limit %j instead of coercing it to a number', async (limit) => {
      const refused = await answer(getStaffQueue, { ...anApiEvent({ path: '/staff/queue', staff: supervisor }), queryStringParameters: { limit } });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([{ field: 'limit', problem: 'is not a whole number' }]);
    });
  });
});
