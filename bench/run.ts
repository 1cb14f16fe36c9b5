/**
 * `npm run bench`: measures the product on this machine and writes
 * bench/results.json and bench/results.md. Benchmarks are not tests; they are
 * not part of `npm test`.
 *
 *   (a) bundle sizes and cold load times        bench/bundle-sizes.ts
 *   (b) usage and cost per complaint             bench/complaint-usage.ts
 *   (c) API latency and throughput, CPU profile  bench/api-latency.ts
 *   (d) memory per open complaint                bench/open-complaint-memory.ts
 *   (e) what a KPI report reads                  bench/report-reads.ts
 *   (f) the web app: first-load JS, queue time    bench/web-app.ts
 *
 * Each section runs in a fresh Node process; (c), the most sensitive to a
 * busy machine, runs first and alone. By default (d), which measures memory
 * and times nothing, runs beside (a) and (b) so the whole takes about ten
 * minutes on an idle 2-core machine: (a)'s load times are compared with
 * baselines timed in the same rounds, and (b) counts. `--sequential` runs
 * every section alone (cleaner absolute times, a few minutes longer). (e)
 * times reports, so it runs last and alone, then (f), which times Chromium.
 *
 *   npm run bench -- [--quick] [--sequential] [--only bundles,usage,latency,memory,reports,web]
 *                    [--runs 20] [--complaints 1000] [--filings 300] [--reads 1000] [--open 10000]
 *                    [--report-months 10000,100000] [--report-year-month 10000] [--web-open 500] [--web-loads 5]
 *   npm run bench -- --report-only      (bench/results.md again from bench/results.json)
 *
 * With `--only`, the sections not run keep their figures from the previous
 * bench/results.json, so sections can be run one at a time.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from '#local/workflow-wiring.ts';
import type { LatencyFigures, LatencyResult } from './api-latency.ts';
import type { BundlesResult } from './bundle-sizes.ts';
import type { UsageResult } from './complaint-usage.ts';
import { type CostResult, composeCost } from './cost-model.ts';
import type { MemoryResult } from './open-complaint-memory.ts';
import type { ReportsResult } from './report-reads.ts';
import type { WebResult } from './web-app.ts';
import { renderReport } from './report.ts';
import { type ProfileSummary, summarizeProfile } from './support/cpu-profile.ts';
import { round } from './support/stats.ts';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean' },
    sequential: { type: 'boolean' },
    only: { type: 'string' },
    runs: { type: 'string' },
    complaints: { type: 'string' },
    filings: { type: 'string' },
    reads: { type: 'string' },
    open: { type: 'string' },
    'report-months': { type: 'string' },
    'report-year-month': { type: 'string' },
    'web-open': { type: 'string' },
    'web-loads': { type: 'string' },
    'report-only': { type: 'boolean' },
  },
});
const quick = values.quick === true;
const sections = new Set((values.only ?? 'bundles,usage,latency,memory,reports,web').split(',').map((s) => s.trim()));
const sizes = {
  runs: values.runs ?? (quick ? '5' : '20'),
  complaints: values.complaints ?? (quick ? '200' : '1000'),
  filings: values.filings ?? (quick ? '100' : '300'),
  reads: values.reads ?? (quick ? '300' : '1000'),
  open: values.open ?? (quick ? '2000' : '10000'),
  reportMonths: values['report-months'] ?? (quick ? '2000,10000' : '10000,100000'),
  reportYearMonth: values['report-year-month'] ?? (quick ? '2000' : '10000'),
  webOpen: values['web-open'] ?? (quick ? '100' : '500'),
  webLoads: values['web-loads'] ?? (quick ? '3' : '5'),
};

type Failed = { error: string };

export interface SectionRun {
  startedAt: string;
  seconds: number;
  mode: 'full' | 'quick';
  loadAverageBefore: number;
  loadAverageAfter: number;
  /** Another section that ran at the same time, if any. */
  alongside?: string;
}

export interface BenchResults {
  generatedAt: string;
  mode: 'full' | 'quick';
  wallSeconds: number;
  machine: { cpus: number; cpuModel: string; node: string; loadAverageAtStart: number[]; loadAverageAtEnd: number[] };
  sizes: typeof sizes;
  /** When each section ran, how long it took and how busy the machine was (sections may come from separate runs). */
  sectionRuns: Record<string, SectionRun>;
  bundles?: BundlesResult | Failed;
  usage?: UsageResult | Failed;
  cost?: CostResult;
  /** With `workflowInProcess`: filing at 16 with the workflow on the serving thread, for comparison. */
  latency?: (LatencyResult & { workflowInProcess?: LatencyFigures }) | Failed;
  profiles?: { filing: ProfileSummary; filingWorkflowInProcess: ProfileSummary; directory: string } | Failed;
  memory?: MemoryResult | Failed;
  reports?: ReportsResult | Failed;
  web?: WebResult | Failed;
}

if (values['report-only']) {
  const saved = JSON.parse(await readFile(join(projectRoot, 'bench/results.json'), 'utf8')) as BenchResults;
  await writeFile(join(projectRoot, 'bench/results.md'), renderReport(saved));
  process.exit(0);
}

const workDir = await mkdtemp(join(tmpdir(), 'closeloop-bench-'));
const say = (line: string) => process.stderr.write(`[bench] ${line}\n`);

/** Runs a section script in a fresh process; its progress goes to our stderr, what handlers print is dropped. */
function section(script: string, args: string[], nodeFlags: string[] = []): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', join(projectRoot, 'bench', script), ...args], {
      cwd: projectRoot,
      env: {
        ...process.env,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    // Handlers' own warnings (escalations) are JSON lines; progress lines start with a tag.
    child.stderr.setEncoding('utf8');
    let tail = '';
    child.stderr.on('data', (chunk: string) => {
      for (const line of chunk.split('\n')) {
        if (line.startsWith('[')) process.stderr.write(`${line}\n`);
        else if (line.trim() !== '') tail = `${tail}${line}\n`.slice(-2000);
      }
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${script} exited with ${code}: ${tail.trim().split('\n').slice(-3).join(' | ')}`)),
    );
  });
}

async function jsonOf<T>(file: string): Promise<T> {
  return JSON.parse(await readFile(file, 'utf8')) as T;
}

async function readPrevious(): Promise<Partial<BenchResults> | undefined> {
  try {
    const saved = JSON.parse(await readFile(join(projectRoot, 'bench/results.json'), 'utf8')) as BenchResults;
    const kept: Partial<BenchResults> = { ...saved };
    for (const name of sections) {
      if (name === 'usage') delete kept.cost;
      if (name === 'latency') delete kept.profiles;
      delete kept[name as 'bundles' | 'usage' | 'latency' | 'memory' | 'reports' | 'web'];
    }
    return kept;
  } catch {
    return undefined;
  }
}

async function attempt<T>(name: string, work: () => Promise<T>, alongside?: string): Promise<T | Failed> {
  const t0 = performance.now();
  const startedAt = new Date().toISOString();
  const loadAverageBefore = round(loadavg()[0]!, 2);
  const record = () => {
    results.sectionRuns[name] = {
      startedAt,
      seconds: round((performance.now() - t0) / 1000),
      mode: quick ? 'quick' : 'full',
      loadAverageBefore,
      loadAverageAfter: round(loadavg()[0]!, 2),
      ...(alongside ? { alongside } : {}),
    };
  };
  try {
    const result = await work();
    record();
    say(`${name}: ${round((performance.now() - t0) / 1000)} s`);
    return result;
  } catch (error) {
    record();
    say(`${name} FAILED: ${(error as Error).message}`);
    return { error: (error as Error).message };
  }
}

const previous = values.only === undefined ? undefined : await readPrevious();
const started = performance.now();
const results: BenchResults = {
  ...previous,
  generatedAt: new Date().toISOString(),
  mode: quick ? 'quick' : 'full',
  wallSeconds: 0,
  machine: {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    loadAverageAtStart: loadavg().map((l) => round(l, 2)),
    loadAverageAtEnd: [],
  },
  sizes,
  sectionRuns: { ...previous?.sectionRuns },
};

const memory = (alongside?: string) =>
  attempt(
    'memory',
    async () => {
      const out = join(workDir, 'memory.json');
      await section('open-complaint-memory.ts', ['--complaints', sizes.open, '--out', out], ['--expose-gc']);
      return jsonOf<MemoryResult>(out);
    },
    alongside,
  );
if (sections.has('latency')) {
  results.latency = await attempt('latency', async () => {
    const out = join(workDir, 'latency.json');
    await section('api-latency.ts', ['--filings', sizes.filings, '--reads', sizes.reads, '--out', out]);
    const inProcess = join(workDir, 'latency-workflow-in-process.json');
    await section('api-latency.ts', ['--filings', sizes.filings, '--workflow-in', 'process', '--out', inProcess]);
    return { ...(await jsonOf<LatencyResult>(out)), workflowInProcess: (await jsonOf<LatencyResult>(inProcess)).levels[0] };
  });
  results.profiles = await attempt('profiles', async () => {
    const profile = async (name: string, extra: string[]) => {
      const file = join(workDir, `${name}.cpuprofile`);
      await section('api-latency.ts', ['--profile-filing', '--filings', sizes.filings, '--profile-out', file, ...extra]);
      return summarizeProfile(file);
    };
    return {
      filing: await profile('filing-x16', []),
      filingWorkflowInProcess: await profile('filing-x16-workflow-in-process', ['--workflow-in', 'process']),
      directory: workDir,
    };
  });
}
// Memory, which does not time anything, runs beside the bundles and the usage sections unless told not to.
const neighbours = values.sequential === true ? [] : ['bundles', 'usage'].filter((name) => sections.has(name));
const beside = sections.has('memory') && neighbours.length > 0 ? 'memory' : undefined;
const memoryAlongside = beside ? memory(neighbours.join(', ')) : undefined;
if (sections.has('bundles')) {
  results.bundles = await attempt(
    'bundles',
    async () => {
      const out = join(workDir, 'bundles.json');
      await section('bundle-sizes.ts', ['--runs', sizes.runs, '--out', out]);
      return jsonOf<BundlesResult>(out);
    },
    beside,
  );
}
if (sections.has('usage')) {
  results.usage = await attempt(
    'usage',
    async () => {
      const out = join(workDir, 'usage.json');
      await section('complaint-usage.ts', ['--complaints', sizes.complaints, '--out', out]);
      return jsonOf<UsageResult>(out);
    },
    beside,
  );
  if (!('error' in results.usage)) results.cost = composeCost(results.usage);
}
if (sections.has('memory')) results.memory = await (memoryAlongside ?? memory());
if (sections.has('reports')) {
  results.reports = await attempt('reports', async () => {
    const out = join(workDir, 'reports.json');
    const args = ['--months', sizes.reportMonths, '--year-month', sizes.reportYearMonth, '--runs', '3'];
    await section('report-reads.ts', [...args, '--out', out, '--profile-out', join(workDir, 'report-largest-month.cpuprofile')]);
    return jsonOf<ReportsResult>(out);
  });
}
if (sections.has('web')) {
  results.web = await attempt('web', async () => {
    const out = join(workDir, 'web.json');
    await section('web-app.ts', ['--open', sizes.webOpen, '--loads', sizes.webLoads, '--out', out]);
    return jsonOf<WebResult>(out);
  });
}

results.wallSeconds = round((performance.now() - started) / 1000);
results.machine.loadAverageAtEnd = loadavg().map((l) => round(l, 2));
await writeFile(join(projectRoot, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
await writeFile(join(projectRoot, 'bench/results.md'), renderReport(results));
const profiles = (await readdir(workDir)).filter((f) => f.endsWith('.cpuprofile'));
say(`wrote bench/results.md and bench/results.json in ${results.wallSeconds} s${profiles.length ? `; CPU profiles in ${workDir}` : ''}`);
