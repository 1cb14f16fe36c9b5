import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { SFNClient, SendTaskSuccessCommand, TaskTimedOut } from '@aws-sdk/client-sfn';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { forgetLinkSigningKey } from '#adapters/link-signing-key.ts';
import { verifyLinkToken } from '#adapters/tokens.ts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useClock } from '#adapters/clock.ts';
import { fixedClock } from '#domain/clock.ts';
import type { Complaint } from '#domain/complaint.ts';
import { handler as awaitStep } from '#handlers/workflow/await-step.ts';
import { handler as escalateComplaint } from '#handlers/workflow/escalate-complaint.ts';
import { handler as planNextStep } from '#handlers/workflow/plan-next-step.ts';
import { handler as sendSurveys } from '#handlers/schedule/send-surveys.ts';
import { handler as recordResponse } from '#handlers/api/record-response.ts';
import { aLambdaContext, anApiEvent } from '../../support/api-events.ts';
import { aComplaint } from '../../support/builders.ts';

const dynamo = mockClient(DynamoDBDocumentClient);
const sfn = mockClient(SFNClient);
const sns = mockClient(SNSClient);
const ses = mockClient(SESv2Client);
const secrets = mockClient(SecretsManagerClient);
const signingKey = 'k3y'.repeat(20);
/** What a woken wait hands the workflow for an answered case at 2025-11-26 02:00Z: wait for the resolution until its 75 % warning. */
const planAwaitingResolution = (version: number) => ({
  action: 'await',
  version,
  kind: 'resolution',
  until: '2025-12-01T18:30:00.000Z',
  timeoutSeconds: 491_400,
  level: null,
  reason: null,
  window: null,
  outcome: null,
  noticeId: null,
});

const stored = (complaint: Complaint) => ({
  Item: { pk: `COMPLAINT#${complaint.id}`, sk: 'COMPLAINT', entity: 'complaint', ...complaint },
});

/** Each read of the complaint finds what the last complaint write stored (`initial` before any), as the table would. */
const followWrites = (initial: Complaint) =>
  dynamo.on(GetCommand).callsFake(() => {
    const written = dynamo.commandCalls(PutCommand).filter((c) => c.args[0].input.Item?.entity === 'complaint');
    return written.length ? { Item: written.at(-1)!.args[0].input.Item } : stored(initial);
  });

/** The complaint item the last conditional complaint put wrote. */
function lastComplaintWrite(): Record<string, unknown> {
  const puts = dynamo.commandCalls(PutCommand).filter((c) => c.args[0].input.Item?.entity === 'complaint');
  return puts.at(-1)!.args[0].input.Item!;
}

describe('Workflow steps', () => {
  beforeEach(() => {
    useClock(fixedClock('2025-11-26T02:00:00.000Z'));
    dynamo.on(PutCommand).resolves({});
    // An outbox read back finds none of its events written: each is put (again).
    dynamo.on(BatchGetCommand).resolves({ Responses: {} });

    sfn.on(SendTaskSuccessCommand).resolves({});
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    ses.on(SendEmailCommand).resolves({ MessageId: 'e-1' });
    secrets.on(GetSecretValueCommand).resolves({ SecretString: signingKey });
    forgetLinkSigningKey();
  });
  afterEach(() => {
    dynamo.reset();
    sfn.reset();
    sns.reset();
    ses.reset();
    secrets.reset();
  });

  describe('Function: plan-next-step', () => {
    it('gives every field the ASL reads, with the timeout in whole seconds to the next instant (the 75 % warning)', async () => {
      useClock(fixedClock('2025-11-24T02:00:00.500Z'));
      dynamo.on(GetCommand).resolves(stored(aComplaint()));
      // No calendar entries of the desk's own: the statutory calendar alone.
      dynamo.on(GetCommand, { Key: { pk: 'CALENDAR', sk: 'CUSTOM' } }).resolves({});
      const plan = await planNextStep({ complaintId: aComplaint().id }, aLambdaContext);
      expect(plan).toEqual({
        action: 'await',
        version: 3,
        kind: 'response',
        until: '2025-11-25T14:00:00.000Z',
        timeoutSeconds: 129_600,
        level: null,
        reason: null,
        window: null,
        outcome: null,
        noticeId: null,
      });
    });
  });

  describe('Function: escalate-complaint', () => {
    it('publishes level 1 with the level, category and tier attributes, then records it published', async () => {
      dynamo.on(GetCommand).resolves(stored(aComplaint()));
      await escalateComplaint({ complaintId: aComplaint().id, level: 1, reason: 'response_overdue', window: 'response' }, aLambdaContext);
      expect(sns).toHaveReceivedCommandTimes(PublishCommand, 1);
      expect(sns).toHaveReceivedCommandWith(PublishCommand, {
        TopicArn: 'arn:aws:sns:eu-west-1:123456789012:escalations',
        Subject: 'Escalation L1: case CL-20251124-0001 (response_overdue)',
        MessageAttributes: {
          kind: { DataType: 'String', StringValue: 'escalation' },
          level: { DataType: 'String', StringValue: '1' },
          category: { DataType: 'String', StringValue: 'logistics' },
          severity: { DataType: 'String', StringValue: 'L1' },
          tier: { DataType: 'String', StringValue: 'standard' },
          reason: { DataType: 'String', StringValue: 'response_overdue' },
        },
      });
      const message = sns.commandCalls(PublishCommand)[0]!.args[0].input.Message!;
      expect(message).toContain('【1 级升级 → 主管】案件 CL-20251124-0001');
      expect(message).toContain('[Level 1 escalation to supervisor] Case CL-20251124-0001');
      expect(dynamo).toHaveReceivedCommandWith(PutCommand, {
        Item: expect.objectContaining({ entity: 'event', type: 'escalated', details: expect.objectContaining({ level: 1 }) }),
      });
    });

    it('does not publish again when a retried step finds the escalation already published', async () => {
      const published = aComplaint({
        escalationLevel: 1,
        escalations: [
          {
            level: 1,
            reason: 'response_overdue',
            window: 'response',
            at: '2025-11-26T02:00:00.000Z',
            publishedAt: '2025-11-26T02:00:00.100Z',
          },
        ],
      });
      dynamo.on(GetCommand).resolves(stored(published));
      await escalateComplaint({ complaintId: published.id, level: 1, reason: 'response_overdue', window: 'response' }, aLambdaContext);
      expect(sns).not.toHaveReceivedCommand(PublishCommand);
    });
  });

  describe('Function: await-step', () => {
    const owing = () =>
      aComplaint({
        phase: 'AWAITING_RESOLUTION',
        firstRespondedAt: '2025-11-26T01:59:00.000Z',
        version: 5,
        notices: [
          {
            id: 'response-5',
            kind: 'response',
            createdAt: '2025-11-26T01:59:00.000Z',
            claimedAt: '2025-11-26T01:59:00.000Z',
            attempts: 0,
            courier: 'workflow',
            text: '您好，我们已联系承运商。',
          },
        ],
      });
    const awaitResolution = () =>
      awaitStep(
        { complaintId: aComplaint().id, kind: 'resolution', until: '2025-12-01T18:30:00.000Z', plannedAtVersion: 5, taskToken: 'token-9' },
        aLambdaContext,
      );

    it('carries the email the woken change owes: sends it, then marks it sent and stores the wait in one write', async () => {
      followWrites(owing());
      await awaitResolution();
      const writes = dynamo
        .commandCalls(PutCommand)
        .map((c) => c.args[0].input)
        .filter((i) => i.Item?.entity === 'complaint');
      expect(writes.map((w) => w.ExpressionAttributeValues)).toEqual([{ ':expected': 5 }]);
      expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 1);
      expect(ses.commandCalls(SendEmailCommand)[0]!.args[0].input.Destination).toEqual({ ToAddresses: ['li@example.com'] });
      expect(writes[0]!.Item).toMatchObject({
        notices: [{ id: 'response-5', attempts: 1, sentAt: '2025-11-26T02:00:00.000Z', messageId: 'e-1' }],
        wait: { kind: 'resolution', taskToken: 'token-9', until: '2025-12-01T18:30:00.000Z' },
      });
      expect(writes[0]!.Item!.notices[0]).not.toHaveProperty('courier');
      expect(writes[0]!.Item!.notices[0]).not.toHaveProperty('text');
      expect(sfn).not.toHaveReceivedCommand(SendTaskSuccessCommand);
    });

    it('an email that could not go out becomes a claimed notice, and the workflow plans again at once to take it over after the lease', async () => {
      ses.on(SendEmailCommand).rejects(Object.assign(new Error('throttled'), { name: 'ThrottlingException' }));
      followWrites(owing());
      await awaitResolution();
      expect(lastComplaintWrite()).toMatchObject({
        version: 6,
        notices: [{ id: 'response-5', attempts: 1, claimedAt: '2025-11-26T02:00:00.000Z' }],
      });
      expect((lastComplaintWrite().notices as object[])[0]).not.toHaveProperty('courier');
      expect(lastComplaintWrite()).not.toHaveProperty('wait');
      expect(sfn).toHaveReceivedCommandExactlyOnceWith(SendTaskSuccessCommand, {
        taskToken: 'token-9',
        output: JSON.stringify({
          ...planAwaitingResolution(6),
          until: '2025-11-26T02:10:00.000Z',
          timeoutSeconds: 600,
        }),
      });
    });

    it('leaves a courier email owed longer than its lease to the workflow: no wait, a plan to notify at once', async () => {
      const late = owing();
      late.notices = late.notices!.map((n) => ({ ...n, createdAt: '2025-11-26T01:50:00.000Z', claimedAt: '2025-11-26T01:50:00.000Z' }));
      followWrites(late);
      await awaitResolution();
      expect(ses).not.toHaveReceivedCommand(SendEmailCommand);
      expect(dynamo).not.toHaveReceivedCommand(PutCommand);
      expect(JSON.parse(sfn.commandCalls(SendTaskSuccessCommand)[0]!.args[0].input.output!)).toMatchObject({
        action: 'notify',
        noticeId: 'response-5',
      });
    });

    it('stores the task token on the complaint, conditional on the version it read', async () => {
      dynamo.on(GetCommand).resolves(stored(aComplaint({ version: 4 })));
      await awaitStep(
        { complaintId: aComplaint().id, kind: 'response', until: '2025-11-26T02:00:00.000Z', plannedAtVersion: 4, taskToken: 'token-1' },
        aLambdaContext,
      );
      expect(dynamo).toHaveReceivedCommandWith(PutCommand, {
        ConditionExpression: 'version = :expected',
        ExpressionAttributeValues: { ':expected': 4 },
      });
      expect(lastComplaintWrite()).toMatchObject({ version: 5, wait: { kind: 'response', taskToken: 'token-1' } });
      expect(sfn).not.toHaveReceivedCommand(SendTaskSuccessCommand);
    });

    it('completes its own token at once when the response came after the plan, before the wait', async () => {
      // Planned at version 3; the agent's response made it version 4.
      dynamo
        .on(GetCommand)
        .resolves(stored(aComplaint({ phase: 'AWAITING_RESOLUTION', firstRespondedAt: '2025-11-24T05:00:00.000Z', version: 4 })));
      await awaitStep(
        { complaintId: aComplaint().id, kind: 'response', until: '2025-11-26T02:00:00.000Z', plannedAtVersion: 3, taskToken: 'token-1' },
        aLambdaContext,
      );
      expect(sfn).toHaveReceivedCommandExactlyOnceWith(SendTaskSuccessCommand, {
        taskToken: 'token-1',
        output: JSON.stringify(planAwaitingResolution(4)),
      });
      expect(dynamo).not.toHaveReceivedCommand(PutCommand);
    });
  });

  describe('Function: record-response', () => {
    const respond = () =>
      recordResponse(
        anApiEvent({
          method: 'POST',
          path: `/staff/complaints/${aComplaint().id}/responses`,
          pathParameters: { id: aComplaint().id },
          body: { message: '您好，我们已联系承运商。' },
          staff: { username: 'alice', groups: ['agents'] },
        }),
        aLambdaContext,
      );

    it('completes the workflow wait with the stored token, and sends no email itself: the next wait carries it', async () => {
      const waiting = aComplaint({
        wait: { kind: 'response', taskToken: 'token-7', until: '2025-11-26T02:00:00.000Z', since: '2025-11-24T02:00:01.000Z' },
      });
      followWrites(waiting);
      const result = await respond();
      expect(result.statusCode).toBe(201);
      expect(sfn).toHaveReceivedCommandExactlyOnceWith(SendTaskSuccessCommand, {
        taskToken: 'token-7',
        // Claimed (version 4) and answered (version 5) in one write: the plan follows it.
        output: JSON.stringify(planAwaitingResolution(5)),
      });
      expect(ses).not.toHaveReceivedCommand(SendEmailCommand);
      expect(lastComplaintWrite()).toMatchObject({
        notices: [{ kind: 'response', courier: 'workflow', attempts: 0, text: '您好，我们已联系承运商。' }],
      });
    });

    it("wakes the workflow while the change's events are still being written: one round trip, not two", async () => {
      const waiting = aComplaint({
        wait: { kind: 'response', taskToken: 'token-7', until: '2025-11-26T02:00:00.000Z', since: '2025-11-24T02:00:01.000Z' },
      });
      dynamo.on(GetCommand).resolves(stored(waiting));
      const heldEvents: (() => void)[] = [];
      dynamo.on(PutCommand, { Item: { entity: 'event' } }).callsFake(() => new Promise((resolve) => heldEvents.push(() => resolve({}))));
      // The wake lets the events go: had the request waited for them first, it would never answer.
      sfn.on(SendTaskSuccessCommand).callsFake(() => {
        for (const release of heldEvents.splice(0)) release();
        return {};
      });
      expect((await respond()).statusCode).toBe(201);
      expect(
        dynamo
          .commandCalls(PutCommand)
          .filter((c) => c.args[0].input.Item?.entity === 'event')
          .map((c) => c.args[0].input.Item!.type),
      ).toEqual(expect.arrayContaining(['claimed', 'responded']));
    });

    it('sends the email itself when the workflow failed and will not come for it', async () => {
      const failed = aComplaint({ failure: { error: 'States.TaskFailed', cause: 'boom', at: '2025-11-24T03:00:00.000Z' } });
      followWrites(failed);
      expect((await respond()).statusCode).toBe(201);
      expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 1);
      expect(ses.commandCalls(SendEmailCommand)[0]!.args[0].input.Destination).toEqual({ ToAddresses: ['li@example.com'] });
      expect(lastComplaintWrite()).toMatchObject({
        notices: [{ kind: 'response', attempts: 1, sentAt: '2025-11-26T02:00:00.000Z', messageId: 'e-1' }],
      });
    });

    it('treats a token whose wait already timed out as harmless', async () => {
      sfn.on(SendTaskSuccessCommand).rejects(new TaskTimedOut({ message: 'gone', $metadata: {} }));
      dynamo.on(GetCommand).resolves(
        stored(
          aComplaint({
            wait: { kind: 'response', taskToken: 'old', until: '2025-11-26T02:00:00.000Z', since: '2025-11-24T02:00:01.000Z' },
          }),
        ),
      );
      expect((await respond()).statusCode).toBe(201);
    });

    it('refuses a caller who is not in the agents group with 403', async () => {
      const result = await recordResponse(
        anApiEvent({
          method: 'POST',
          pathParameters: { id: 'x' },
          body: { message: 'hi' },
          staff: { username: 'sam', groups: ['supervisors'] },
        }),
        aLambdaContext,
      );
      expect(result.statusCode).toBe(403);
    });
  });

  describe('Function: send-surveys', () => {
    it('queries the sparse due index, sends one survey with an unguessable link and records it sent', async () => {
      useClock(fixedClock('2025-12-02T03:00:00.000Z'));
      const closed = aComplaint({
        phase: 'CLOSED',
        closedAt: '2025-12-01T02:00:00.000Z',
        closeOutcome: 'confirmed',
        surveyDueAt: '2025-12-02T02:00:00.000Z',
      });
      dynamo.on(QueryCommand).resolves({ Items: [{ id: closed.id }] });
      dynamo.on(GetCommand).resolves(stored(closed));

      expect(await sendSurveys({}, aLambdaContext)).toEqual({ sent: 1, skipped: 0 });

      expect(dynamo).toHaveReceivedCommandWith(QueryCommand, {
        TableName: 'complaints-test',
        IndexName: 'surveysDue',
        KeyConditionExpression: '#pk = :pk AND #due <= :now',
        ExpressionAttributeValues: { ':pk': 'SURVEY_DUE', ':now': '2025-12-02T03:00:00.000Z' },
      });
      expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 1);
      const email = ses.commandCalls(SendEmailCommand)[0]!.args[0].input;
      expect(email.Destination).toEqual({ ToAddresses: ['li@example.com'] });
      expect(email.Content?.Simple?.Subject?.Data).toBe('【满意度回访】案件编号 CL-20251124-0001');
      const link = /https:\/\/api\.example\.com\/prod\/surveys\/([\w-]+\.[\w-]{43})\n/.exec(email.Content?.Simple?.Body?.Text?.Data ?? '');
      // Signed with the key from Secrets Manager, for this case, valid for 30 days.
      const verified = verifyLinkToken(new TextEncoder().encode(signingKey), link![1]!, 'survey', new Date('2025-12-02T03:00:00.000Z'));
      expect(verified).toEqual({
        valid: true,
        claims: { purpose: 'survey', complaintId: closed.id, expiresAt: new Date('2026-01-01T03:00:00.000Z'), accessRevision: 0 },
      });
      expect(secrets).toHaveReceivedCommandWith(GetSecretValueCommand, {
        SecretId: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:closeloop-link-signing-AbCdEf',
      });
      expect(dynamo).toHaveReceivedCommandWith(PutCommand, {
        ConditionExpression: 'attribute_not_exists(pk)',
        Item: expect.objectContaining({ entity: 'survey', complaintId: closed.id }),
      });
      expect(lastComplaintWrite()).toMatchObject({ surveySentAt: '2025-12-02T03:00:00.000Z' });
      expect(lastComplaintWrite()).not.toHaveProperty('surveyDuePk');
    });

    it('skips a survey another run claimed a minute ago, and never sends it twice', async () => {
      useClock(fixedClock('2025-12-02T03:00:00.000Z'));
      const claimed = aComplaint({
        phase: 'CLOSED',
        closedAt: '2025-12-01T02:00:00.000Z',
        closeOutcome: 'confirmed',
        surveyDueAt: '2025-12-02T02:00:00.000Z',
        surveyClaimedAt: '2025-12-02T02:59:00.000Z',
      });
      dynamo.on(QueryCommand).resolves({ Items: [{ id: claimed.id }] });
      dynamo.on(GetCommand).resolves(stored(claimed));
      expect(await sendSurveys({}, aLambdaContext)).toEqual({ sent: 0, skipped: 1 });
      expect(ses).not.toHaveReceivedCommand(SendEmailCommand);
    });
  });
});
