import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import type { Server } from 'node:http';
import { basename, join } from 'node:path';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ResourceInUseException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, paginateScan } from '@aws-sdk/lib-dynamodb';
import { env } from '#declarations/capabilities.ts';
import { type RouteDeclaration, routes } from '#declarations/routes.ts';
import { indexes, projectionOf, tableSchema } from '#declarations/table-schema.ts';
import { complaintItem, fromComplaintItem, outboxOf } from '#adapters/stores/complaint-item.ts';
import { scheduledTasks } from '#declarations/workflow-tasks.ts';
import { useClock } from '#adapters/clock.ts';
import { forgetLinkSigningKey } from '#adapters/link-signing-key.ts';
import { parseSlaPolicy } from '#domain/sla-policy.ts';
import { addDays, chinaStatutoryCalendar } from '#domain/business-calendar.ts';
import { type DrivableClock, ManualClock, ScaledClock } from './clock.ts';
import { clockSaver, readSavedClock } from './clock-file.ts';
import { type LocalEngines, startEngines } from './engines.ts';
import { type InboxMessage, type TopicInbox, bindTopicInbox } from './escalation-inbox.ts';
import { apiDocsAnswer } from './api-docs.ts';
import { webAppAnswer } from './web-app.ts';
import { type ApiLambda, createHttpFront } from './http-front.ts';
import { issueStaffToken } from './staff-tokens.ts';
import { LocalStepFunctions } from './step-functions/local-step-functions.ts';
import { WorkflowThread } from './workflow-thread/host.ts';
import { handlerLoader, lambdaContext, localAccountId, localRegion, localWorkflow } from './workflow-wiring.ts';
import type { RuntimeHooks } from './runtime-hooks.ts';

const region = localRegion;
const accountId = localAccountId;
const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };

export interface RuntimeOptions {
  host?: '127.0.0.1';
  /** 0 = a random free port. */
  port?: number;
  /** Simulated seconds per real second; ignored when `clock` is given. */
  speed?: number;
  /**
   * Where the clock starts (default: now, or the clock saved in `dataDir` if
   * later). A saved clock never goes back: a `startAt` before it is refused.
   */
  startAt?: Date;
  /** Start the clock held: it moves only by `advanceBy` until `ScaledClock.release()` (`--demo`). */
  holdClock?: boolean;
  /** Tests pass a ManualClock and move it themselves. */
  clock?: DrivableClock;
  /** Keep cases on disk here; a restart resumes every open complaint. */
  dataDir?: string;
  timeZone?: string;
  mailFrom?: string;
  /** Where the runtime prints escalations and what it does; silent when absent. */
  log?: (line: string) => void;
  /** Also print every workflow state transition. */
  traceWorkflow?: boolean;
  /** An SLA policy JSON file (as SLA_POLICY on AWS); validated before anything starts. */
  policyFile?: string;
  /** Calendar entries (.json or .ics) loaded at start, as PUT /staff/calendar would. */
  calendarFiles?: string[];
  /** Who receives the monthly review (REPORT_RECIPIENTS): it shows in the mail viewer. */
  reportRecipients?: string[];
  /**
   * Observers for measurement (`npm run bench`): every Lambda invocation and
   * workflow history event. `aroundInvoke` needs `workflowIn: 'process'`.
   */
  hooks?: RuntimeHooks;
  /**
   * Where the Step Functions emulator and the workflow handlers run: on their
   * own thread (the default: the HTTP front keeps its event loop, and a crash
   * of that thread is recovered as a restart is), or in this thread, where
   * code in this process can reach into every handler call (the fault
   * injection of the tests, the bench's per-invocation meters).
   */
  workflowIn?: 'thread' | 'process';
}

/** The Step Functions emulator, wherever it runs. */
export interface LocalWorkflowEngine {
  listExecutions: LocalStepFunctions['listExecutions'];
  describeExecution: LocalStepFunctions['describeExecution'];
  openTasks(): Promise<ReturnType<LocalStepFunctions['openTasks']>>;
  idle(): Promise<void>;
}

export interface LocalRuntime {
  url: string;
  clock: DrivableClock;
  stateMachineArn: string;
  endpoints: { dynamodb: string; stepFunctions: string; ses: string; mailViewer: string; sns: string; sqs: string };
  tokens: { agent: string; supervisor: string };
  /** The web app on the API's origin; the desk links sign in as the sample agent and supervisor (local only). */
  web: { deskAsAgent: string; deskAsSupervisor: string; portal: string };
  escalations: TopicInbox;
  operations: TopicInbox;
  /** Resolves once no request, workflow step or scheduled run is in flight. */
  settle(): Promise<void>;
  /** Runs the survey sender now, as its hourly schedule would. */
  runSurveySender(): Promise<unknown>;
  /** Runs one scheduled task now, as its EventBridge rule would. */
  runScheduledTask(functionName: (typeof scheduledTasks)[number]['functionName']): Promise<unknown>;
  resumedComplaints: number;
  /** The local Step Functions, for introspection in tests (open task tokens, executions). */
  stepFunctions: LocalWorkflowEngine;
  /** The local DynamoDB's thread's memory, as it measures it itself (the memory bench). */
  dynamodbMemory(): Promise<NodeJS.MemoryUsage>;
  /** The workflow's own thread, when it has one (see `workflowIn`). */
  workflowThread: Pick<WorkflowThread, 'restarts' | 'crash' | 'memory' | 'eventLoopUtilization'> | undefined;
  stop(): Promise<void>;
}

/** Work in flight, so a manual clock moves only when everything it started has finished. */
class InFlight {
  count = 0;
  /** Bumped whenever work starts, so a quiet pass can be told from a busy one. */
  generation = 0;
  private waiters: (() => void)[] = [];
  track = <T>(work: Promise<T>): Promise<T> => {
    this.count++;
    this.generation++;
    return work.finally(() => {
      this.count--;
      if (this.count === 0) for (const wake of this.waiters.splice(0)) wake();
    });
  };
  idle(): Promise<void> {
    return this.count === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }
}

async function createTableIfMissing(client: DynamoDBClient, tableName: string): Promise<void> {
  const attributeNames = new Set<string>([tableSchema.partitionKey, tableSchema.sortKey]);
  for (const index of tableSchema.globalIndexes) {
    attributeNames.add(index.partitionKey);
    attributeNames.add(index.sortKey);
  }
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [...attributeNames].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
        KeySchema: [
          { AttributeName: tableSchema.partitionKey, KeyType: 'HASH' },
          { AttributeName: tableSchema.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: tableSchema.globalIndexes.map((index) => ({
          IndexName: index.name,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          Projection: projectionOf(index),
        })),
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException) && (error as Error).name !== 'ResourceInUseException') throw error;
  }
  // dynalite, like DynamoDB, answers CREATING first; writes before ACTIVE fail.
  for (let attempt = 0; attempt < 200; attempt++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE') return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`local table ${tableName} did not become ACTIVE`);
}

/**
 * Open complaints at start-up, to restart their executions (which lived in
 * memory). A local-only start-up step, not a request path or a scheduled job,
 * so the one Scan in the product lives here.
 */
async function openComplaintIds(client: DynamoDBClient, tableName: string): Promise<string[]> {
  const documents = DynamoDBDocumentClient.from(client);
  const ids: string[] = [];
  for await (const page of paginateScan(
    { client: documents },
    {
      TableName: tableName,
      FilterExpression: 'entity = :complaint AND phase <> :closed',
      ExpressionAttributeValues: { ':complaint': 'complaint', ':closed': 'CLOSED' },
      ProjectionExpression: 'id',
    },
  )) {
    for (const item of page.Items ?? []) ids.push(String(item.id));
  }
  return ids;
}

/**
 * Complaints a data directory kept from before the KPI reports carry no
 * report facts, so the month index cannot see them. Each is written again as
 * the store writes it now, at the same version and only if still without
 * them: a complaint saved meanwhile already has them. A start-up step like the
 * resume above, hence a Scan; on AWS no table predates the index.
 */
async function backfillReportFacts(client: DynamoDBClient, tableName: string): Promise<number> {
  const documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const monthKey = indexes.reportMonth.partitionKey;
  let written = 0;
  for await (const page of paginateScan(
    { client: documents },
    {
      TableName: tableName,
      FilterExpression: 'entity = :complaint AND attribute_not_exists(#month)',
      ExpressionAttributeNames: { '#month': monthKey },
      ExpressionAttributeValues: { ':complaint': 'complaint' },
    },
  )) {
    for (const item of page.Items ?? []) {
      try {
        await documents.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...complaintItem(fromComplaintItem(item), outboxOf(item)),
              ...(typeof item.writeId === 'string' ? { writeId: item.writeId } : {}),
            },
            ConditionExpression: 'version = :version AND attribute_not_exists(#month)',
            ExpressionAttributeNames: { '#month': monthKey },
            ExpressionAttributeValues: { ':version': Number(item.version) },
          }),
        );
        written++;
      } catch (error) {
        if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
      }
    }
  }
  return written;
}

async function restoreClockStart(dataDir: string | undefined, startAt: Date | undefined): Promise<Date> {
  const saved = dataDir ? await readSavedClock(dataDir) : undefined;
  if (startAt) {
    // Work done at the saved time must never be replayed at an earlier one.
    if (saved && saved > startAt) {
      throw new Error(
        `the start ${startAt.toISOString()} is before the clock saved in ${dataDir} (${saved.toISOString()}); a saved clock never goes back: start at or after it, or use another data directory`,
      );
    }
    return startAt;
  }
  const now = new Date();
  // A sped-up clock ran ahead of real time; going back would move deadlines.
  return saved && saved > now ? saved : now;
}

/**
 * Links in emails are signed with a key kept beside the data: a restart with
 * the same data directory keeps every link sent before it valid. Without a
 * data directory nothing survives a restart, so a fresh key is right.
 */
async function localLinkSigningKeyFile(dataDir: string | undefined): Promise<string> {
  const directory = dataDir ?? (await mkdtemp(join(tmpdir(), 'closeloop-keys-')));
  const file = join(directory, 'link-signing.key');
  try {
    await writeFile(file, randomBytes(48).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  forgetLinkSigningKey();
  return file;
}

export async function startLocalRuntime(options: RuntimeOptions = {}): Promise<LocalRuntime> {
  const log = options.log ?? (() => {});
  const workflowIn = options.workflowIn ?? 'thread';
  if (options.hooks?.aroundInvoke && workflowIn === 'thread') {
    // It would see the API's invocations and silently miss the workflow's.
    throw new Error("hooks.aroundInvoke wraps the workflow's invocations only with workflowIn: 'process'");
  }
  const policyJson = options.policyFile ? await readFile(options.policyFile, 'utf8') : undefined;
  if (policyJson !== undefined) parseSlaPolicy(policyJson, options.policyFile);
  const host = options.host ?? '127.0.0.1';
  const deskZone = options.timeZone ?? 'Asia/Shanghai';
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  const clock =
    options.clock ??
    new ScaledClock(options.speed ?? 1, await restoreClockStart(options.dataDir, options.startAt), { held: options.holdClock === true });
  const saveClock = options.dataDir ? clockSaver(options.dataDir) : undefined;
  const inFlight = new InFlight();

  const engines: LocalEngines = await startEngines({ host, ...(options.dataDir ? { dataDir: options.dataDir } : {}) });
  const stops: (() => Promise<void> | void)[] = [() => engines.stop()];
  try {
    const tableName = 'closeloop-complaints';
    const dynamodb = new DynamoDBClient({ endpoint: engines.dynamodbEndpoint, region, credentials: localCredentials });
    await createTableIfMissing(dynamodb, tableName);

    const [escalations, operations] = await Promise.all([
      bindTopicInbox({ snsEndpoint: engines.snsEndpoint, sqsEndpoint: engines.sqsEndpoint, topicName: 'closeloop-escalations', region }),
      bindTopicInbox({ snsEndpoint: engines.snsEndpoint, sqsEndpoint: engines.sqsEndpoint, topicName: 'closeloop-operations', region }),
    ]);
    stops.push(
      () => escalations.close(),
      () => operations.close(),
    );

    // Handlers are loaded lazily, after the environment below is in place: they
    // find the engines through AWS_ENDPOINT_URL_<SERVICE> as on AWS they find the real ones.
    const loadHandler = handlerLoader(options.hooks?.aroundInvoke);
    const stateMachineArn = `arn:aws:states:${region}:${accountId}:stateMachine:closeloop-complaint`;
    const startOpenExecutions = async (client: DynamoDBClient): Promise<number> => {
      const openIds = await openComplaintIds(client, tableName);
      for (const complaintId of openIds) {
        await workflow.startExecution({ stateMachineArn, name: complaintId, input: JSON.stringify({ complaintId }) });
      }
      return openIds.length;
    };
    let workflow: LocalWorkflowEngine & Pick<LocalStepFunctions, 'startExecution'>;
    let workflowThread: WorkflowThread | undefined;
    let stepFunctionsUrl: string;
    if (workflowIn === 'thread') {
      workflowThread = await WorkflowThread.start({
        clock,
        host,
        region,
        accountId,
        stateMachineName: 'closeloop-complaint',
        stateMachineArn,
        log,
        traceWorkflow: options.traceWorkflow === true,
        ...(options.hooks?.onWorkflowEvent ? { onHistoryEvent: options.hooks.onWorkflowEvent } : {}),
        resume: async () => {
          const client = new DynamoDBClient({ endpoint: engines.dynamodbEndpoint, region, credentials: localCredentials });
          try {
            log(`Workflow thread replaced: ${await startOpenExecutions(client)} open complaint(s) resumed`);
          } finally {
            client.destroy();
          }
        },
      });
      const thread = workflowThread;
      stops.push(() => thread.stop());
      workflow = thread;
      stepFunctionsUrl = thread.url;
    } else {
      const { definition, lambdas } = await localWorkflow(loadHandler);
      const stepFunctions = new LocalStepFunctions({
        clock,
        region,
        accountId,
        stateMachines: [{ name: 'closeloop-complaint', arn: stateMachineArn, definition }],
        lambdas,
        ...(options.traceWorkflow ? { log } : {}),
        ...(options.hooks?.onWorkflowEvent ? { onHistoryEvent: options.hooks.onWorkflowEvent } : {}),
      });
      stops.push(() => stepFunctions.close());
      stepFunctionsUrl = await stepFunctions.listen(0, host);
      workflow = {
        startExecution: (input) => stepFunctions.startExecution(input),
        listExecutions: (input) => stepFunctions.listExecutions(input),
        describeExecution: (input) => stepFunctions.describeExecution(input),
        openTasks: () => Promise.resolve(stepFunctions.openTasks()),
        idle: () => stepFunctions.idle(),
      };
    }

    const settle = async () => {
      // Until a pass starts nothing new: a finished request may have woken a workflow and vice versa.
      for (;;) {
        const generation = inFlight.generation;
        await inFlight.idle();
        await workflow.idle();
        await new Promise((resolve) => setImmediate(resolve));
        if (inFlight.count === 0 && inFlight.generation === generation) return;
      }
    };
    clock.setSettle(settle);
    useClock(clock);

    const server: Server = createHttpFront({
      routes,
      lambdaFor: async (route: RouteDeclaration) => (await loadHandler(route.handler)) as ApiLambda,
      track: inFlight.track,
      control: async (request, url, body) => localControl(request.method, url, body),
      pages: async (method, pathname) => (await apiDocsAnswer(method, pathname)) ?? webAppAnswer(method, pathname),
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => resolve());
    });
    stops.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const address = server.address();
    const url = `http://${host}:${typeof address === 'object' && address ? address.port : 0}`;

    const handlerEnvironment: Record<string, string> = {
      AWS_REGION: region,
      POWERTOOLS_SERVICE_NAME: 'closeloop',
      AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: engines.dynamodbEndpoint,
      AWS_ENDPOINT_URL_SFN: stepFunctionsUrl,
      AWS_ENDPOINT_URL_SES: engines.sesEndpoint,
      AWS_ENDPOINT_URL_SESV2: engines.sesEndpoint,
      AWS_ENDPOINT_URL_SNS: engines.snsEndpoint,
      [env.tableName]: tableName,
      [env.workflowArn]: stateMachineArn,
      [env.escalationTopicArn]: escalations.topicArn,
      [env.operationsTopicArn]: operations.topicArn,
      [env.mailFrom]: options.mailFrom ?? 'complaints@closeloop.local',
      [env.publicBaseUrl]: url,
      [env.deskTimeZone]: deskZone,
      [env.linkSigningKeyFile]: await localLinkSigningKeyFile(options.dataDir),
      ...(policyJson !== undefined ? { [env.slaPolicy]: policyJson } : {}),
    };
    Object.assign(process.env, handlerEnvironment);
    // Set or cleared: a runtime started in the same process (tests) must not inherit another's recipients.
    if (options.reportRecipients?.length) process.env[env.reportRecipients] = options.reportRecipients.join(',');
    else delete process.env[env.reportRecipients];
    // The monthly review (the one reader of the report recipients) is a schedule, on this thread.
    await workflowThread?.configure(handlerEnvironment);

    async function localControl(method: string | undefined, url: URL, body: string | null) {
      if (!url.pathname.startsWith('/__local/')) return undefined;
      if (url.pathname === '/__local/clock' && method === 'GET') return { status: 200, body: { now: clock.now().toISOString() } };
      if (url.pathname === '/__local/clock/advance' && method === 'POST') {
        const { hours, minutes } = (body ? JSON.parse(body) : {}) as { hours?: number; minutes?: number };
        const ms = ((hours ?? 0) * 60 + (minutes ?? 0)) * 60_000;
        if (!(ms > 0) || ms > 366 * 24 * 3600_000) return { status: 400, body: { message: 'give hours or minutes > 0, at most a year' } };
        // On disk before the work of the jump starts: a runtime killed halfway resumes at the new time.
        await saveClock?.(new Date(clock.now().getTime() + ms));
        await clock.advanceBy(ms);
        return { status: 200, body: { now: clock.now().toISOString() } };
      }
      return { status: 404, body: { message: `no local control at ${url.pathname}` } };
    }

    // EventBridge schedules, on the runtime's clock.
    const runScheduledTask = (functionName: (typeof scheduledTasks)[number]['functionName']) => {
      const task = scheduledTasks.find((t) => t.functionName === functionName)!;
      return inFlight.track(loadHandler(task.handler).then((handler) => handler({}, lambdaContext(task.functionName))));
    };
    const runSurveySender = () => runScheduledTask('SendSurveys');
    let stopped = false;
    const deskDays = chinaStatutoryCalendar(deskZone);
    const nextRunAt = (task: (typeof scheduledTasks)[number]): Date => {
      const now = clock.now();
      if ('everyMinutes' in task) return new Date(now.getTime() + task.everyMinutes * 60_000);
      // As EventBridge Scheduler's cron in the desk's zone: today at the hour if still ahead, else tomorrow.
      const today = deskDays.localDateOf(now);
      const atHour = (date: string) => new Date(deskDays.startOfLocalDay(date).getTime() + task.dailyAtHour * 3_600_000);
      return atHour(today) > now ? atHour(today) : atHour(addDays(today, 1));
    };
    for (const task of scheduledTasks) {
      const scheduleNext = () => {
        clock.setTimer(nextRunAt(task), () => {
          if (stopped) return;
          void runScheduledTask(task.functionName)
            .catch((error: unknown) => log(`${task.functionName} failed: ${(error as Error).message}`))
            .finally(scheduleNext);
        });
      };
      scheduleNext();
    }
    stops.push(() => {
      stopped = true;
    });

    const print = (label: string) => (message: InboxMessage) =>
      log(`${label} ${message.attributes.level ? `level ${message.attributes.level} ` : ''}${message.subject ?? ''}\n${message.message}`);
    if (options.log) {
      const watches = [escalations.watch(print('[SNS escalation]'), 500), operations.watch(print('[SNS operations]'), 500)];
      stops.push(() => Promise.all(watches.map((w) => w.stop())).then(() => undefined));
    }

    if (saveClock) {
      const timer = setInterval(() => void saveClock(clock.now()), 2_000);
      timer.unref();
      stops.push(async () => {
        clearInterval(timer);
        await saveClock(clock.now());
      });
    }

    // Executions lived in memory: every open complaint gets a fresh one, which
    // plans from the phase and deadlines stored on the case.
    const backfilled = await backfillReportFacts(dynamodb, tableName);
    if (backfilled > 0) log(`Report facts written for ${backfilled} complaint(s) kept from before the KPI reports`);
    const resumedComplaints = await startOpenExecutions(dynamodb);
    dynamodb.destroy();

    const [agent, supervisor] = await Promise.all([issueStaffToken('agent', 'agent-1'), issueStaffToken('supervisor', 'supervisor-1')]);
    for (const file of options.calendarFiles ?? []) {
      const response = await fetch(`${url}/staff/calendar`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${supervisor}` },
        body: JSON.stringify({ fileName: basename(file), content: await readFile(file, 'utf8') }),
      });
      const answer = await response.text();
      if (!response.ok) throw new Error(`calendar ${file} was refused: ${answer}`);
      log(`Calendar ${file} loaded: ${answer}`);
    }
    return {
      url,
      clock,
      stateMachineArn,
      endpoints: {
        dynamodb: engines.dynamodbEndpoint,
        stepFunctions: stepFunctionsUrl,
        ses: engines.sesEndpoint,
        mailViewer: engines.mailViewerUrl,
        sns: engines.snsEndpoint,
        sqs: engines.sqsEndpoint,
      },
      tokens: { agent, supervisor },
      // The token rides in the fragment, which a browser never sends to a server or in a Referer.
      web: { deskAsAgent: `${url}/desk/#sign-in=${agent}`, deskAsSupervisor: `${url}/desk/#sign-in=${supervisor}`, portal: `${url}/portal/` },
      escalations,
      operations,
      settle,
      runSurveySender,
      runScheduledTask,
      resumedComplaints,
      stepFunctions: workflow,
      workflowThread,
      dynamodbMemory: () => engines.dynamodbMemory(),
      stop: async () => {
        if (clock instanceof ScaledClock) clock.stop();
        for (const stop of stops.reverse()) await stop();
      },
    };
  } catch (error) {
    for (const stop of stops.reverse()) await stop();
    throw error;
  }
}

export { ManualClock, ScaledClock };
