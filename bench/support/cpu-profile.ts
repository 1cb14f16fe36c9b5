/** Where the time of a V8 CPU profile (`node --cpu-prof`) went, by area of the local stack and by function. */
import { readFile } from 'node:fs/promises';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  sampledMs: number;
  byArea: { area: string; ms: number; share: number }[];
  topFunctions: { name: string; where: string; selfMs: number; share: number }[];
}

const areas: [string, RegExp][] = [
  ['AWS SDK clients (@aws-sdk, @smithy: middleware, signing, serde)', /node_modules\/@(aws-sdk|smithy)\//],
  ['dynalite and LevelDB (the local DynamoDB)', /node_modules\/(dynalite|level|abstract-level|memory-level|level-transcoder|lazy|big\.js|buffer-crc32|async|lock|functional-red-black-tree)\//],
  ['Step Functions emulator (aws-local-stepfunctions, jsonpath, local/step-functions)', /node_modules\/(aws-local-stepfunctions|jsonpath-plus|asl-validator|ajv)|\/local\/step-functions\//],
  ['our domain code (calendar, deadlines, triage, lifecycle)', /\/functions\/domain\//],
  ['our handlers and adapters', /\/functions\/(handlers|adapters|declarations)\//],
  ['zod validation', /node_modules\/zod\//],
  ['Powertools logger, middy', /node_modules\/@(aws-lambda-powertools|middy)\//],
  ['local runtime (HTTP front, clock, hooks)', /\/local\/|\/bench\//],
  ['TypeScript loader (tsx)', /node_modules\/tsx\//],
  ['HTTP, sockets and streams (node)', /^node:(_http|net|internal\/streams|internal\/deps\/undici|stream|events|internal\/stream_base)|^$/],
  ['crypto (node)', /^node:internal\/crypto/],
];

const nativeCrypto = new Set(['Hash', 'Hmac', 'RandomBytesJob', 'digest', 'update', 'randomFillSync']);

function areaOf(node: ProfileNode, underInspector: boolean): string {
  const { url, functionName } = node.callFrame;
  if (underInspector) return 'the profiler itself (stopping it)';
  if (functionName === '(garbage collector)') return 'garbage collector';
  if (functionName === '(idle)') return 'idle';
  if (functionName === '(program)') return 'V8 and Node internals';
  if (url === '' && ['writev', 'runMicrotasks', 'evaluate'].includes(functionName)) return 'HTTP, sockets and streams (node)';
  if (url === '' && nativeCrypto.has(functionName)) return 'crypto (node)';
  for (const [area, pattern] of areas) if (url !== '' && pattern.test(url)) return area;
  return url.startsWith('node:') ? 'other Node internals' : 'other';
}

const shortWhere = (url: string, line: number) =>
  `${url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(functions|local|bench)\//, '$1/')}:${line + 1}`;

export async function summarizeProfile(file: string, top = 12): Promise<ProfileSummary> {
  const profile = JSON.parse(await readFile(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const underInspector = (id: number) => {
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      if (byId.get(at)?.callFrame.url === 'node:inspector') return true;
    }
    return false;
  };
  const selfUs = new Map<number, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    selfUs.set(id, (selfUs.get(id) ?? 0) + dt);
    total += dt;
  });
  const byArea = new Map<string, number>();
  const byFunction = new Map<string, { name: string; where: string; us: number }>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id)!;
    const area = areaOf(node, underInspector(id));
    byArea.set(area, (byArea.get(area) ?? 0) + us);
    const name = node.callFrame.functionName || '(anonymous)';
    const where = node.callFrame.url ? shortWhere(node.callFrame.url, node.callFrame.lineNumber) : '(native)';
    const key = `${name} ${where}`;
    const entry = byFunction.get(key) ?? { name, where, us: 0 };
    entry.us += us;
    byFunction.set(key, entry);
  }
  const ms = (us: number) => Math.round(us / 100) / 10;
  const share = (us: number) => Math.round((1000 * us) / Math.max(1, total)) / 10;
  return {
    sampledMs: ms(total),
    byArea: [...byArea].sort((a, b) => b[1] - a[1]).map(([area, us]) => ({ area, ms: ms(us), share: share(us) })),
    topFunctions: [...byFunction.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((f) => ({ name: f.name, where: f.where, selfMs: ms(f.us), share: share(f.us) })),
  };
}
