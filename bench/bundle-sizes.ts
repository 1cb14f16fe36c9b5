/**
 * Section (a) of `npm run bench`: every function bundled with esbuild as the
 * CDK NodejsFunction bundles it (lib/complaint-function.ts), its size
 * minified and gzipped, and its cold module-load time in a fresh Node process
 * (median of N runs of `node -e` importing the bundle; import time only),
 * beside a baseline bundle holding only the AWS SDK clients and commands the
 * function's bundle holds, built and loaded the same way.
 *
 *   node --import tsx bench/bundle-sizes.ts [--runs 20] --out FILE
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { type BuildOptions, type Metafile, build } from 'esbuild';
import { env } from '#declarations/capabilities.ts';
import { routes } from '#declarations/routes.ts';
import { scheduledTasks, workflowTasks } from '#declarations/workflow-tasks.ts';
import { projectRoot } from '#local/workflow-wiring.ts';
import { bundleTargets, ownBundleBytes } from './support/bundle-targets.ts';
import { median, round } from './support/stats.ts';

const run = promisify(execFile);
const { values } = parseArgs({ options: { runs: { type: 'string' }, out: { type: 'string' } } });
const runs = Number(values.runs ?? 20);
const progress = (line: string) => process.stderr.write(`[bundles] ${line}\n`);


/**
 * The `bundling` of lib/complaint-function.ts as the esbuild options CDK
 * passes (aws-lambda-nodejs builds `--bundle entry --target=node24
 * --platform=node --format=esm --minify --charset=utf8 --sourcemap --sources-content=false
 * --banner:js=... --main-fields=module,main`, no externals with bundleAwsSDK).
 */
const requireBanner =
  "import { createRequire as topLevelCreateRequire } from 'node:module'; const require = topLevelCreateRequire(import.meta.url);";
const cdkBundling: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'esm',
  minify: true,
  charset: 'utf8',
  sourcemap: true,
  sourcesContent: false,
  banner: { js: requireBanner },
  mainFields: ['module', 'main'],
  absWorkingDir: projectRoot,
  metafile: true,
  logLevel: 'silent',
};

/** What a deployed function finds in its environment (values are placeholders; nothing is called at import). */
const functionEnvironment = {
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  POWERTOOLS_SERVICE_NAME: 'closeloop',
  [env.tableName]: 'closeloop-complaints',
  [env.workflowArn]: 'arn:aws:states:us-east-1:123456789012:stateMachine:closeloop-complaint',
  [env.escalationTopicArn]: 'arn:aws:sns:us-east-1:123456789012:escalations',
  [env.operationsTopicArn]: 'arn:aws:sns:us-east-1:123456789012:operations',
  [env.mailFrom]: 'complaints@example.com',
  [env.publicBaseUrl]: 'https://api.example.com/prod',
  [env.deskTimeZone]: 'Asia/Shanghai',
  [env.linkSigningSecretArn]: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:link-signing',
};

export interface BundleResult {
  functionName: string;
  handler: string;
  minifiedBytes: number;
  gzippedBytes: number;
  /** The SDK packages and commands in the bundle, which the baseline holds too. */
  sdk: string[];
  baseline: { minifiedBytes: number; gzippedBytes: number; loadMs: number };
  loadMs: number;
  loadRatio: number;
  /** Largest contributors to the minified bundle, by package. */
  largest: { name: string; bytes: number }[];
  /** Bytes of zod's locale messages in the bundle (every language, when the \`z.locales\` namespace is used). */
  zodLocalesBytes: number;
  /** Bytes of triage (functions/domain/triage and the sentiment package's word list). */
  triageBytes: number;
  sizeMet: boolean;
  loadMet: boolean;
  error?: string;
}

export interface BundlesResult {
  runs: number;
  node: string;
  targets: typeof bundleTargets;
  functions: BundleResult[];
}

interface Built {
  file: string;
  minifiedBytes: number;
  gzippedBytes: number;
  metafile: Metafile;
}

async function bundle(options: BuildOptions, outfile: string): Promise<Built> {
  const result = await build({ ...cdkBundling, ...options, outfile });
  const code = await readFile(outfile);
  return { file: outfile, minifiedBytes: code.length, gzippedBytes: gzipSync(code, { level: 9 }).length, metafile: result.metafile! };
}

const packageOf = (input: string) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? input.split('/').slice(0, 2).join('/');

/** `@aws-sdk/client-x` and `@aws-sdk/lib-dynamodb` packages with the commands that made it into the bundle. */
function sdkUse(metafile: Metafile): Map<string, Set<string>> {
  const used = new Map<string, Set<string>>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const match = /node_modules\/(@aws-sdk\/(?:client-[a-z0-9-]+|lib-dynamodb))\/(?:dist-[a-z]+\/commands\/(\w+Command)\.js)?/.exec(input);
      if (!match || bytesInOutput === 0) continue;
      const commands = used.get(match[1]!) ?? new Set<string>();
      if (match[2]) commands.add(match[2]);
      used.set(match[1]!, commands);
    }
  }
  return used;
}

const clientClasses: Record<string, string> = {
  '@aws-sdk/client-dynamodb': 'DynamoDBClient',
  '@aws-sdk/client-sfn': 'SFNClient',
  '@aws-sdk/client-sns': 'SNSClient',
  '@aws-sdk/client-sesv2': 'SESv2Client',
  '@aws-sdk/client-sqs': 'SQSClient',
  '@aws-sdk/client-secrets-manager': 'SecretsManagerClient',
};

/** A module that only creates the same SDK clients at module scope (as our adapters do) and holds the same commands. */
function baselineSource(used: Map<string, Set<string>>): string {
  const clientPackages = [...used.keys()].filter((pkg) => pkg !== '@aws-sdk/lib-dynamodb');
  if (used.has('@aws-sdk/lib-dynamodb') && !clientPackages.includes('@aws-sdk/client-dynamodb')) clientPackages.push('@aws-sdk/client-dynamodb');
  const lines: string[] = [];
  const held: string[] = [];
  for (const [i, pkg] of clientPackages.sort().entries()) {
    const name = clientClasses[pkg];
    if (!name) throw new Error(`no client class known for ${pkg}: add it to bench/bundle-sizes.ts`);
    lines.push(`import * as sdk${i} from '${pkg}';`, `const client${i} = new sdk${i}.${name}({});`);
    held.push(`client${i}`, ...[...(used.get(pkg) ?? [])].sort().map((command) => `sdk${i}.${command}`));
  }
  if (used.has('@aws-sdk/lib-dynamodb')) {
    const dynamoDb = clientPackages.indexOf('@aws-sdk/client-dynamodb');
    lines.push(`import * as documents from '@aws-sdk/lib-dynamodb';`, `const documentClient = documents.DynamoDBDocumentClient.from(client${dynamoDb});`);
    held.push('documentClient', ...[...used.get('@aws-sdk/lib-dynamodb')!].sort().map((command) => `documents.${command}`));
  }
  lines.push(`export const handler = async () => [${held.join(', ')}].length;`);
  return lines.join('\n');
}

/** Milliseconds to `import()` the file in a fresh process; nothing else is timed. */
async function loadMs(file: string): Promise<number> {
  const script =
    'const t0 = performance.now(); await import(process.env.BENCH_BUNDLE_URL); process.stdout.write(String(performance.now() - t0));';
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...functionEnvironment, PATH: process.env.PATH ?? '', BENCH_BUNDLE_URL: pathToFileURL(file).href },
    cwd: tmpdir(),
  });
  const ms = Number(stdout.trim());
  if (!Number.isFinite(ms)) throw new Error(`unexpected output: ${stdout}`);
  return ms;
}

const functions = [
  ...routes.map((r) => ({ functionName: r.functionName, handler: r.handler })),
  ...workflowTasks.map((t) => ({ functionName: t.functionName, handler: t.handler })),
  ...scheduledTasks.map((t) => ({ functionName: t.functionName, handler: t.handler })),
].filter((f, i, all) => all.findIndex((g) => g.handler === f.handler) === i);

const workDir = await mkdtemp(join(tmpdir(), 'closeloop-bundles-'));
try {
  progress(`bundling ${functions.length} functions and their baselines in ${workDir}`);
  const built = new Map<string, { fn: Built; baseline: string; sdk: string[] } | { error: string }>();
  const baselines = new Map<string, Built>();
  for (const fn of functions) {
    try {
      const out = await bundle({ entryPoints: [join(projectRoot, 'functions/handlers', `${fn.handler}.ts`)] }, join(workDir, fn.functionName, 'index.mjs'));
      const used = sdkUse(out.metafile);
      const source = baselineSource(used);
      if (!baselines.has(source)) {
        baselines.set(
          source,
          await bundle({ stdin: { contents: source, resolveDir: projectRoot, sourcefile: 'baseline.mjs', loader: 'js' } }, join(workDir, `baseline-${baselines.size}`, 'index.mjs')),
        );
      }
      const sdk = [...used].map(([pkg, commands]) => `${pkg.replace('@aws-sdk/', '')}${commands.size ? ` (${[...commands].map((c) => c.replace(/Command$/, '')).join(', ')})` : ''}`);
      built.set(fn.handler, { fn: out, baseline: source, sdk });
    } catch (error) {
      const first = (error as { errors?: { text: string }[] }).errors?.[0]?.text;
      built.set(fn.handler, { error: first ?? (error as Error).message.split('\n')[0]! });
    }
  }

  // Rounds over every bundle, so drift in machine load spreads over all of them alike.
  const samples = new Map<string, number[]>();
  const files = [...new Set([...built.values()].flatMap((b) => ('fn' in b ? [b.fn.file] : [])).concat([...baselines.values()].map((b) => b.file)))];
  const loadErrors = new Map<string, string>();
  progress(`timing ${files.length} bundles x ${runs} fresh processes`);
  for (let pass = 0; pass < runs; pass++) {
    for (const file of files) {
      if (loadErrors.has(file)) continue;
      try {
        samples.set(file, [...(samples.get(file) ?? []), await loadMs(file)]);
      } catch (error) {
        loadErrors.set(file, ((error as { stderr?: string }).stderr ?? (error as Error).message).trim().split('\n').slice(-1)[0]!);
      }
    }
  }

  const results: BundleResult[] = functions.map((fn) => {
    const b = built.get(fn.handler)!;
    const empty = { minifiedBytes: 0, gzippedBytes: 0, loadMs: Number.NaN };
    if ('error' in b) {
      return { ...fn, minifiedBytes: 0, gzippedBytes: 0, sdk: [], baseline: empty, loadMs: Number.NaN, loadRatio: Number.NaN, largest: [], zodLocalesBytes: 0, triageBytes: 0, sizeMet: false, loadMet: false, error: b.error };
    }
    const base = baselines.get(b.baseline)!;
    const loaded = median(samples.get(b.fn.file) ?? []);
    const baseLoaded = median(samples.get(base.file) ?? []);
    const output = Object.values(b.fn.metafile.outputs).find((o) => o.entryPoint !== undefined) ?? Object.values(b.fn.metafile.outputs)[0]!;
    const byPackage = new Map<string, number>();
    let zodLocalesBytes = 0;
    let triageBytes = 0;
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      byPackage.set(packageOf(input), (byPackage.get(packageOf(input)) ?? 0) + bytesInOutput);
      if (/node_modules\/zod\/.*\/locales\//.test(input)) zodLocalesBytes += bytesInOutput;
      if (/functions\/domain\/triage\/|node_modules\/sentiment\//.test(input)) triageBytes += bytesInOutput;
    }
    const error = loadErrors.get(b.fn.file) ?? loadErrors.get(base.file);
    return {
      ...fn,
      minifiedBytes: b.fn.minifiedBytes,
      gzippedBytes: b.fn.gzippedBytes,
      sdk: b.sdk,
      baseline: { minifiedBytes: base.minifiedBytes, gzippedBytes: base.gzippedBytes, loadMs: round(baseLoaded, 1) },
      loadMs: round(loaded, 1),
      loadRatio: round(loaded / baseLoaded, 2),
      largest: [...byPackage].sort((x, y) => y[1] - x[1]).slice(0, 6).map(([name, bytes]) => ({ name, bytes })),
      zodLocalesBytes,
      triageBytes,
      sizeMet: ownBundleBytes({ functionName: fn.functionName, minifiedBytes: b.fn.minifiedBytes, baseline: base, triageBytes }) < bundleTargets.maxOwnBytes,
      loadMet: loaded / baseLoaded <= bundleTargets.maxLoadRatio,
      ...(error ? { error } : {}),
    };
  });
  const result: BundlesResult = { runs, node: process.version, targets: bundleTargets, functions: results };
  progress(`done: ${results.filter((r) => r.sizeMet).length}/${results.length} with own code under ${bundleTargets.maxOwnBytes / 1024} KB, ${results.filter((r) => r.loadMet).length}/${results.length} within ${bundleTargets.maxLoadRatio}x baseline load`);
  if (values.out) await writeFile(values.out, JSON.stringify(result, null, 2));
  else process.stderr.write(`${JSON.stringify(result, null, 2)}\n`);
} finally {
  await rm(workDir, { recursive: true, force: true });
}
