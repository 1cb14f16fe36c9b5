import { parseArgs } from 'node:util';
import * as z from 'zod';
import { startLocalRuntime } from '#local/runtime.ts';
import { isTimeZone } from '#domain/time-zone.ts';

const usage = `usage: npm start -- [--port 3000] [--speed 1] [--data DIR] [--tz Asia/Shanghai]
                 [--policy FILE] [--calendar FILE ...] [--report-to ADDRESS ...] [--trace]

  --port   HTTP port of the API on 127.0.0.1 (default 3000; 0 = random)
  --speed  simulated seconds per real second (3600 = one hour a second)
  --data   keep every case on disk in DIR; a restart resumes open complaints
  --tz     the desk's time zone (default Asia/Shanghai)
  --policy    an SLA policy JSON file (default: the built-in policy)
  --calendar  calendar entries to load, .json or .ics (repeatable)
  --report-to  send the monthly review to ADDRESS (repeatable): on each month's
               first working day at 09:00 desk time, in the mail viewer
  --trace     print every workflow state transition
`;

function fail(message: string): never {
  process.stderr.write(`closeloop: ${message}\n\n${usage}`);
  process.exit(2);
}

let values: {
  port?: string;
  speed?: string;
  data?: string;
  tz?: string;
  policy?: string;
  calendar?: string[];
  'report-to'?: string[];
  trace?: boolean;
  help?: boolean;
};
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string' },
      speed: { type: 'string' },
      data: { type: 'string' },
      tz: { type: 'string' },
      trace: { type: 'boolean' },
      policy: { type: 'string' },
      calendar: { type: 'string', multiple: true },
      'report-to': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  }));
} catch (error) {
  fail((error as Error).message);
}
if (values.help) {
  process.stdout.write(usage);
  process.exit(0);
}
const port = Number(values.port ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be 0..65535, got ${values.port}`);
const speed = Number(values.speed ?? 1);
if (!(speed > 0) || speed > 10_000_000) fail(`--speed must be a positive number, got ${values.speed}`);
const reportRecipients = (values['report-to'] ?? []).flatMap((list) => list.split(',').map((address) => address.trim()));
for (const address of reportRecipients) {
  if (!z.email().safeParse(address).success) fail(`--report-to must be an email address such as ops@example.com, got ${address}`);
}
if (values.tz && !isTimeZone(values.tz)) fail(`--tz must be an IANA time zone such as Asia/Shanghai, got ${values.tz}`);

const log = (line: string) => process.stdout.write(`${line}\n`);
const runtime = await startLocalRuntime({
  port,
  speed,
  ...(values.data ? { dataDir: values.data } : {}),
  ...(values.tz ? { timeZone: values.tz } : {}),
  log,
  traceWorkflow: values.trace === true,
  ...(values.policy ? { policyFile: values.policy } : {}),
  ...(values.calendar ? { calendarFiles: values.calendar } : {}),
  ...(reportRecipients.length > 0 ? { reportRecipients } : {}),
}).catch((error: unknown) => fail((error as Error).message));

log(`closeloop is running (no AWS account needed)

  Node                ${process.version} (node_modules/.bin/node, the major Lambda runs)
  API                 ${runtime.url}
  OpenAPI document    ${runtime.url}/openapi.json
  API reference       ${runtime.url}/docs
  DynamoDB endpoint   ${runtime.endpoints.dynamodb}
  Step Functions      ${runtime.endpoints.stepFunctions}
  SNS/SQS endpoint    ${runtime.endpoints.sns}
  Mail viewer         ${runtime.endpoints.mailViewer}
  Clock               ${runtime.clock.now().toISOString()} at ${speed}x${reportRecipients.length > 0 ? `\n  Monthly review to   ${reportRecipients.join(', ')} (first working day, 09:00 desk time)` : ''}${values.data ? `\n  Data directory      ${values.data} (${runtime.resumedComplaints} open complaint(s) resumed)` : ''}

  Agent token         ${runtime.tokens.agent}
  Supervisor token    ${runtime.tokens.supervisor}

Point the AWS CLI or any SDK at a local service, e.g.
  aws dynamodb scan --table-name closeloop-complaints --endpoint-url ${runtime.endpoints.dynamodb}
Jump the clock ahead:  curl -X POST ${runtime.url}/__local/clock/advance -d '{"hours":48}'
Escalations published to SNS are printed below. Ctrl-C stops.
`);

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  await runtime.stop();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
