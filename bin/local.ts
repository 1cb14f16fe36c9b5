import { parseArgs } from 'node:util';
import * as z from 'zod';
import { ScaledClock, startLocalRuntime } from '#local/runtime.ts';
import { isTimeZone } from '#domain/time-zone.ts';
import { readSavedClock } from '#local/clock-file.ts';
import { parseDemoCount, parseStartAt, withDemoDefault } from '#local/demo/args.ts';
import { runDemoFromCommandLine } from '#local/demo/command.ts';
import { ensureWebAppBuilt } from '#local/web-app.ts';

const usage = `usage: npm start -- [--port 3000] [--speed 1] [--data DIR] [--tz Asia/Shanghai]
                 [--policy FILE] [--calendar FILE ...] [--report-to ADDRESS ...] [--trace]
                 [--start-at ISO-8601] [--demo [N]]

  --port   HTTP port of the API on 127.0.0.1 (default 3000; 0 = random)
  --speed  simulated seconds per real second (3600 = one hour a second)
  --data   keep every case on disk in DIR; a restart resumes open complaints
  --tz     the desk's time zone (default Asia/Shanghai)
  --policy    an SLA policy JSON file (default: the built-in policy)
  --calendar  calendar entries to load, .json or .ics (repeatable)
  --report-to  send the monthly review to ADDRESS (repeatable): on each month's
               first working day at 09:00 desk time, in the mail viewer
  --trace     print every workflow state transition
  --start-at  start the clock at this instant, with an offset or Z
              (2025-09-15T09:00:00+08:00 replays a past year with its holidays);
              refused if --data holds a later clock: a saved clock never goes back
  --demo [N]  file N complaints (default 300, at most 5000) through the API and
              drive them over a simulated month ending now (or from --start-at),
              then run on at --speed; with --data whose clock is later than a
              month ago, the demo starts at that clock instead (printed)
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
  demo?: string;
  'start-at'?: string;
};
try {
  ({ values } = parseArgs({
    args: withDemoDefault(process.argv.slice(2)),
    options: {
      demo: { type: 'string' },
      'start-at': { type: 'string' },
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
const orFail = <T>(parse: () => T): T => {
  try {
    return parse();
  } catch (error) {
    return fail((error as Error).message);
  }
};
const demoCount = values.demo === undefined ? undefined : orFail(() => parseDemoCount(values.demo!));
let startAt = values['start-at'] === undefined ? undefined : orFail(() => parseStartAt(values['start-at']!));
if (demoCount !== undefined && !startAt) {
  // The demo's month ends about now; a data directory's later clock wins, as it never goes back.
  startAt = new Date(Date.now() - 30 * 24 * 3600_000);
  const saved = values.data ? await readSavedClock(values.data) : undefined;
  if (saved && saved > startAt) {
    process.stdout.write(
      `Demo: ${values.data} holds the clock at ${saved.toISOString()}, later than a month ago; the demo starts there (a saved clock never goes back)\n`,
    );
    startAt = saved;
  }
}

const log = (line: string) => process.stdout.write(`${line}\n`);
// Thousands of handler INFO lines would bury the demo's progress line; POWERTOOLS_LOG_LEVEL set by hand wins.
if (demoCount !== undefined && process.env.POWERTOOLS_LOG_LEVEL === undefined) process.env.POWERTOOLS_LOG_LEVEL = 'WARN';
// The desk and portal are served from web/dist: build them first when their sources changed.
await ensureWebAppBuilt(log).catch((error: unknown) => fail(`The web app did not build: ${(error as Error).message}`));
const runtime = await startLocalRuntime({
  port,
  speed,
  ...(startAt ? { startAt } : {}),
  ...(demoCount !== undefined ? { holdClock: true } : {}),
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
  Clock               ${runtime.clock.now().toISOString()} at ${speed}x${demoCount !== undefined ? ' once the demo has run' : ''}${reportRecipients.length > 0 ? `\n  Monthly review to   ${reportRecipients.join(', ')} (first working day, 09:00 desk time)` : ''}${values.data ? `\n  Data directory      ${values.data} (${runtime.resumedComplaints} open complaint(s) resumed)` : ''}

  Desk console (agent)       ${runtime.web.deskAsAgent}
  Desk console (supervisor)  ${runtime.web.deskAsSupervisor}
  Customer portal            ${runtime.web.portal}

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

if (demoCount !== undefined) {
  await runDemoFromCommandLine({ runtime, count: demoCount, timeZone: values.tz ?? 'Asia/Shanghai', out: process.stdout });
  if (runtime.clock instanceof ScaledClock) runtime.clock.release();
  log(`Clock runs on at ${speed}x from ${runtime.clock.now().toISOString()}.`);
}
