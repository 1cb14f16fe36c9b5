import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface Started {
  child: ChildProcess;
  api: string;
  mailViewer: string;
  agentToken: string;
  supervisorToken: string;
  /** The local DynamoDB, for a test that reads what was stored. */
  dynamodb: string;
  output: () => string;
}

/** Starts `npm start`'s program as a client would meet it, on a random port, and reads its banner. */
export async function startLocalStack(extraArgs: string[] = []): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bin/local.ts', '--port', '0', ...extraArgs], {
    cwd: root,
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const banner = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner within 60 s:\n${output}`)), 60_000);
    const check = () => {
      if (/Supervisor token\s+\S+/.test(output)) {
        clearTimeout(timer);
        resolve(output);
      }
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
  const field = (label: string) => new RegExp(`${label}\\s+(\\S+)`).exec(banner)?.[1] ?? '';
  return {
    child,
    api: field('API'),
    mailViewer: field('Mail viewer'),
    agentToken: field('Agent token'),
    supervisorToken: field('Supervisor token'),
    dynamodb: field('DynamoDB endpoint'),
    output: () => output,
  };
}


const exited = (stack: Started) => stack.child.exitCode !== null || stack.child.signalCode !== null;

/** Ends only the process this test started, by its PID, and waits for it to exit. */
export async function stopLocalStack(stack: Started | undefined): Promise<void> {
  if (!stack || exited(stack)) return;
  const exit = new Promise((resolve) => stack.child.once('exit', resolve));
  stack.child.kill('SIGTERM');
  await exit;
}

/** A crash: SIGKILL to the process this test started (by its PID), no chance to save or close anything. */
export async function killLocalStack(stack: Started): Promise<void> {
  if (exited(stack)) return;
  const exit = new Promise((resolve) => stack.child.once('exit', resolve));
  process.kill(stack.child.pid!, 'SIGKILL');
  await exit;
}

/** A JSON request to a started stack, as a client makes it. */
export async function call(api: string, method: string, path: string, body?: unknown, token?: string) {
  const response = await fetch(`${api}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
