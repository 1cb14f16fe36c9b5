/**
 * The Step Functions JSON protocol (awsJson1_0) over node:http, so `SFNClient`
 * with `endpoint` set to this server works unchanged. Requests are
 * `POST /` with `X-Amz-Target: AWSStepFunctions.<Action>`; timestamps travel
 * as epoch seconds; errors are HTTP 400 `{"__type": "<Code>", "message": ...}`,
 * which the SDK turns into its exception classes. Signatures are not checked.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import * as z from 'zod';
import { StepFunctionsError } from './errors.ts';
import type { LocalStepFunctions } from './local-step-functions.ts';

const TARGET_PREFIX = 'AWSStepFunctions.';
const MAX_BODY_BYTES = 2 * 1024 * 1024;
const statusSchema = z.enum(['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE']);

/** What the service reports for a machine created without logging or X-Ray tracing. */
const UNCONFIGURED = {
  loggingConfiguration: { level: 'OFF', includeExecutionData: false },
  tracingConfiguration: { enabled: false },
} as const;

const epochSeconds = (date: Date | undefined) => (date === undefined ? undefined : date.getTime() / 1000);

type Action = (api: LocalStepFunctions, body: unknown) => Promise<Record<string, unknown>>;

function action<S extends z.ZodType>(
  schema: S,
  run: (api: LocalStepFunctions, input: z.infer<S>) => Promise<Record<string, unknown>>,
): Action {
  return async (api, body) => {
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new StepFunctionsError(
        'ValidationException',
        `1 validation error detected: '${issue?.path.join('.') ?? ''}' ${issue?.message ?? 'is invalid'}`,
      );
    }
    return run(api, parsed.data);
  };
}

const taskToken = z.string().min(1).max(2048);

const actions: Record<string, Action> = {
  StartExecution: action(
    z.object({
      stateMachineArn: z.string().min(1),
      name: z.string().optional(),
      input: z.string().optional(),
      traceHeader: z.string().optional(),
    }),
    async (api, input) => {
      const started = await api.startExecution({
        stateMachineArn: input.stateMachineArn,
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.input !== undefined ? { input: input.input } : {}),
      });
      return { executionArn: started.executionArn, startDate: epochSeconds(started.startDate) };
    },
  ),
  SendTaskSuccess: action(z.object({ taskToken, output: z.string() }), async (api, input) => {
    await api.sendTaskSuccess(input);
    return {};
  }),
  SendTaskFailure: action(
    z.object({ taskToken, error: z.string().max(256).optional(), cause: z.string().max(32768).optional() }),
    async (api, input) => {
      await api.sendTaskFailure(input);
      return {};
    },
  ),
  SendTaskHeartbeat: action(z.object({ taskToken }), async (api, input) => {
    await api.sendTaskHeartbeat(input);
    return {};
  }),
  StopExecution: action(
    z.object({
      executionArn: z.string().min(1),
      error: z.string().max(256).optional(),
      cause: z.string().max(32768).optional(),
    }),
    async (api, input) => {
      const stopped = await api.stopExecution(input);
      return { stopDate: epochSeconds(stopped.stopDate) };
    },
  ),
  DescribeExecution: action(
    z.object({ executionArn: z.string().min(1), includedData: z.string().optional() }),
    async (api, input) => {
      const d = await api.describeExecution({ executionArn: input.executionArn });
      return {
        executionArn: d.executionArn,
        stateMachineArn: d.stateMachineArn,
        name: d.name,
        status: d.status,
        startDate: epochSeconds(d.startDate),
        stopDate: epochSeconds(d.stopDate),
        input: d.input,
        inputDetails: { included: true },
        ...(d.output !== undefined ? { output: d.output, outputDetails: { included: true } } : {}),
        error: d.error,
        cause: d.cause,
        redriveCount: 0,
        redriveStatus: 'NOT_REDRIVABLE',
      };
    },
  ),
  ListExecutions: action(
    z.object({
      stateMachineArn: z.string().min(1),
      statusFilter: statusSchema.optional(),
      maxResults: z.number().int().min(0).max(1000).optional(),
      nextToken: z.string().optional(),
    }),
    async (api, input) => {
      if (input.statusFilter === 'PENDING_REDRIVE') return { executions: [] };
      const listed = await api.listExecutions({
        stateMachineArn: input.stateMachineArn,
        ...(input.statusFilter !== undefined ? { statusFilter: input.statusFilter } : {}),
        ...(input.maxResults !== undefined ? { maxResults: input.maxResults } : {}),
        ...(input.nextToken !== undefined ? { nextToken: input.nextToken } : {}),
      });
      return {
        executions: listed.executions.map((e) => ({
          executionArn: e.executionArn,
          stateMachineArn: e.stateMachineArn,
          name: e.name,
          status: e.status,
          startDate: epochSeconds(e.startDate),
          stopDate: epochSeconds(e.stopDate),
        })),
        nextToken: listed.nextToken,
      };
    },
  ),
  ListStateMachines: action(
    z.object({ maxResults: z.number().int().min(0).max(1000).optional(), nextToken: z.string().optional() }),
    (api, input) => {
      const listed = api.listStateMachines({
        ...(input.maxResults !== undefined ? { maxResults: input.maxResults } : {}),
        ...(input.nextToken !== undefined ? { nextToken: input.nextToken } : {}),
      });
      return Promise.resolve({
        stateMachines: listed.stateMachines.map((m) => ({
          stateMachineArn: m.stateMachineArn,
          name: m.name,
          type: 'STANDARD',
          creationDate: epochSeconds(m.creationDate),
        })),
        nextToken: listed.nextToken,
      });
    },
  ),
  DescribeStateMachine: action(
    z.object({ stateMachineArn: z.string().min(1), includedData: z.string().optional() }),
    async (api, input) => {
      const m = await api.describeStateMachine({ stateMachineArn: input.stateMachineArn });
      return {
        stateMachineArn: m.stateMachineArn,
        name: m.name,
        status: 'ACTIVE',
        definition: m.definition,
        roleArn: m.roleArn,
        type: 'STANDARD',
        creationDate: epochSeconds(m.creationDate),
        ...UNCONFIGURED,
      };
    },
  ),
  DescribeStateMachineForExecution: action(
    z.object({ executionArn: z.string().min(1), includedData: z.string().optional() }),
    async (api, input) => {
      const m = await api.describeStateMachineForExecution({ executionArn: input.executionArn });
      return {
        stateMachineArn: m.stateMachineArn,
        name: m.name,
        definition: m.definition,
        roleArn: m.roleArn,
        updateDate: epochSeconds(m.creationDate),
        ...UNCONFIGURED,
      };
    },
  ),
  GetExecutionHistory: action(
    z.object({
      executionArn: z.string().min(1),
      maxResults: z.number().int().min(0).max(1000).optional(),
      nextToken: z.string().min(1).max(3096).optional(),
      reverseOrder: z.boolean().optional(),
      includeExecutionData: z.boolean().optional(),
    }),
    async (api, input) => {
      const history = await api.getExecutionHistory({
        executionArn: input.executionArn,
        ...(input.maxResults !== undefined ? { maxResults: input.maxResults } : {}),
        ...(input.nextToken !== undefined ? { nextToken: input.nextToken } : {}),
        ...(input.reverseOrder !== undefined ? { reverseOrder: input.reverseOrder } : {}),
        ...(input.includeExecutionData !== undefined ? { includeExecutionData: input.includeExecutionData } : {}),
      });
      return {
        events: history.events.map((e) => ({
          id: e.id,
          previousEventId: e.previousEventId,
          timestamp: epochSeconds(e.timestamp),
          type: e.type,
          ...(e.details ? { [e.details.key]: e.details.value } : {}),
        })),
        nextToken: history.nextToken,
      };
    },
  ),
};

export function createStepFunctionsHttpServer(api: LocalStepFunctions): Server {
  return createServer((req, res) => {
    void handle(api, req, res);
  });
}

async function handle(api: LocalStepFunctions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const requestId = randomUUID();
  try {
    if (req.method !== 'POST') {
      throw new StepFunctionsError(
        'UnknownOperationException',
        `${req.method ?? ''} is not supported; POST a JSON request`,
      );
    }
    const target = String(req.headers['x-amz-target'] ?? '');
    const run = target.startsWith(TARGET_PREFIX) ? actions[target.slice(TARGET_PREFIX.length)] : undefined;
    if (!run)
      throw new StepFunctionsError('UnknownOperationException', `Unknown operation ${target || '(no X-Amz-Target)'}`);
    const text = await readBody(req);
    let body: unknown;
    try {
      body = text.trim() === '' ? {} : JSON.parse(text);
    } catch {
      throw new StepFunctionsError('SerializationException', 'Request body is not valid JSON');
    }
    send(res, 200, requestId, await run(api, body));
  } catch (error) {
    if (error instanceof StepFunctionsError) {
      send(res, 400, requestId, { __type: error.code, message: error.message });
    } else {
      send(res, 500, requestId, {
        __type: 'InternalFailure',
        message: (error as Error).message ?? String(error),
      });
    }
  }
}

function send(res: ServerResponse, status: number, requestId: string, body: Record<string, unknown>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/x-amz-json-1.0',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': requestId,
  });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new StepFunctionsError('ValidationException', 'Request body too large');
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}
