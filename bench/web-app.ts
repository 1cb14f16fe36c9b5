/**
 * Section (f) of `npm run bench`: the web app.
 *
 * - What the first load of the desk (/desk/) and of the portal (/portal/)
 *   downloads: each built index.html's entry script, modulepreload links and
 *   stylesheets, and the static imports of those chunks followed recursively
 *   (rolldown writes them as top-level `import … from "./x.js"`; a dynamic
 *   `import()` is a lazy chunk and not followed). Each file gzipped at level 9
 *   (node:zlib) and summed. The desk's lazy reports chunk (what opening the
 *   reports adds) is measured apart; ECharts must be there, not in the first load.
 * - How long the desk takes to show a queue of `--open` open cases: the local
 *   runtime on a manual clock, that many complaints filed through the API
 *   (all stay open), then headless Chromium (Debian's, as the browser tests
 *   drive it) opens the supervisor's desk on the queue of every open case,
 *   each load in a fresh profile (empty cache); the time from `page.goto` to
 *   the first row visible, median of `--loads`.
 *
 *   node --import tsx bench/web-app.ts [--open 500] [--loads 5] [--out FILE]
 */
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { type Browser, type Locator, type Page, chromium } from 'playwright-core';
import { ManualClock } from '#local/clock.ts';
import { startLocalRuntime } from '#local/runtime.ts';
import { ensureWebAppBuilt, webDist } from '#local/web-app.ts';
import { forEachLimited, median, round } from './support/stats.ts';

const { values } = parseArgs({
  options: {
    open: { type: 'string' },
    loads: { type: 'string' },
    out: { type: 'string' },
  },
});
const openCases = Number(values.open ?? 500);
const loads = Number(values.loads ?? 5);
const say = (line: string) => process.stderr.write(`[web] ${line}\n`);

export interface AssetSize {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface FirstLoad {
  page: string;
  js: AssetSize[];
  css: AssetSize[];
  jsGzipBytes: number;
  cssGzipBytes: number;
  /** ECharts' own marker (`_echarts_instance_`) found in a first-load chunk. */
  echartsInFirstLoad: boolean;
}

export interface QueueLoad {
  openCases: number;
  loads: number;
  url: string;
  selector: string;
  /** Each load, ms from page.goto to the first queue row visible; empty when the queue showed no row. */
  firstRowMs: number[];
  medianMs: number | null;
  /** Why there is no figure (the queue page showing no row in time), else absent. */
  missing?: string;
  /** Stand-in while the queue shows no row: page.goto to the desk's heading visible, same loads. */
  headingMs: number[];
  medianHeadingMs: number;
  filingSeconds: number;
  chromium: string;
}

export interface WebResult {
  generatedAt: string;
  desk: FirstLoad;
  portal: FirstLoad;
  /** What opening the reports adds to the desk: the lazy chunk and what it imports beyond the first load. */
  reportsChunk: { js: AssetSize[]; jsGzipBytes: number; echarts: boolean };
  queue: QueueLoad | { error: string };
  targets: { firstLoadGzipKb: number; queueMs: number; deskFirstLoadMet: boolean; portalFirstLoadMet: boolean; echartsLazyMet: boolean; queueMet: boolean | undefined };
}

// --- first-load sizes -----------------------------------------------------------------

const echartsMarker = '_echarts_instance_';

const sizeOf = async (file: string): Promise<AssetSize & { text: string }> => {
  const body = await readFile(join(webDist, file));
  return { file, bytes: body.length, gzipBytes: gzipSync(body, { level: 9 }).length, text: body.toString('utf8') };
};

/** Top-level static imports and re-exports of a rolldown chunk: `import{a as b}from"./x.js"`, `import"./x.js"`, `export*from"./x.js"`. */
function staticImports(code: string): string[] {
  const found: string[] = [];
  const pattern = /(?:^|[;}\n])\s*(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?["'`](\.{1,2}\/[^"'`]+\.js)["'`]/g;
  for (const match of code.matchAll(pattern)) found.push(match[1]!);
  return found;
}

/** The chunk and everything it imports statically, as paths under web/dist. */
async function closure(entries: string[]): Promise<Map<string, AssetSize & { text: string }>> {
  const seen = new Map<string, AssetSize & { text: string }>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    const asset = await sizeOf(file);
    seen.set(file, asset);
    for (const spec of staticImports(asset.text)) queue.push(posix.normalize(posix.join(posix.dirname(file), spec)));
  }
  return seen;
}

const strip = ({ file, bytes, gzipBytes }: AssetSize): AssetSize => ({ file, bytes, gzipBytes });
const total = (assets: AssetSize[]) => assets.reduce((sum, a) => sum + a.gzipBytes, 0);

async function firstLoad(page: 'desk' | 'portal'): Promise<{ result: FirstLoad; files: Set<string> }> {
  const html = await readFile(join(webDist, page, 'index.html'), 'utf8');
  const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]+)"`).exec(tag)?.[1];
  const tags = [...html.matchAll(/<(script|link)\b[^>]*>/g)].map((m) => m[0]);
  const local = (href: string | undefined) => (href && href.startsWith('/') ? href.slice(1) : undefined);
  const scripts = tags.filter((t) => t.startsWith('<script') && /type="module"/.test(t)).map((t) => local(attr(t, 'src')));
  const preloads = tags.filter((t) => t.startsWith('<link') && /rel="modulepreload"/.test(t)).map((t) => local(attr(t, 'href')));
  const styles = tags.filter((t) => t.startsWith('<link') && /rel="stylesheet"/.test(t)).map((t) => local(attr(t, 'href')));
  const js = await closure([...scripts, ...preloads].filter((f): f is string => f !== undefined));
  const css = await Promise.all(styles.filter((f): f is string => f !== undefined).map(sizeOf));
  const jsAssets = [...js.values()];
  return {
    result: {
      page: `/${page}/`,
      js: jsAssets.map(strip),
      css: css.map(strip),
      jsGzipBytes: total(jsAssets),
      cssGzipBytes: total(css),
      echartsInFirstLoad: jsAssets.some((a) => a.text.includes(echartsMarker)),
    },
    files: new Set(js.keys()),
  };
}

async function reportsChunk(deskFirstLoad: Set<string>): Promise<WebResult['reportsChunk']> {
  const { readdir } = await import('node:fs/promises');
  const chunk = (await readdir(join(webDist, 'assets'))).find((f) => /^reports-page-.*\.js$/.test(f));
  if (!chunk) throw new Error('no reports-page chunk in web/dist/assets: is the reports page still lazy (React.lazy)?');
  const lazy = [...(await closure([`assets/${chunk}`])).values()].filter((a) => !deskFirstLoad.has(a.file));
  return { js: lazy.map(strip), jsGzipBytes: total(lazy), echarts: lazy.some((a) => a.text.includes(echartsMarker)) };
}

// --- queue load time ------------------------------------------------------------------

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const chromiumArgs = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];

/**
 * The first row of the queue. The queue page is being written: a case number
 * as a link (its accessible name), else any row of a table. Adjust here only.
 */
export const queueRowSelector = 'link named like a case number (CL-yyyymmdd-nnnn), else a table body row';
export function firstQueueRow(page: Page): Locator {
  return page
    .getByRole('link', { name: /CL-\d{8}-\d{4}/ })
    .or(page.locator('table tbody tr'))
    .first();
}

async function timeLoads(browser: Browser, url: string, target: (page: Page) => Locator, timeout: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < loads; i++) {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    try {
      const page = await context.newPage();
      const t0 = performance.now();
      await page.goto(url);
      await target(page).waitFor({ state: 'visible', timeout });
      times.push(round(performance.now() - t0, 1));
    } finally {
      await context.close();
    }
  }
  return times;
}

async function queueLoad(): Promise<QueueLoad> {
  const runtime = await startLocalRuntime({ clock: new ManualClock('2025-11-24T02:00:00.000Z'), port: 0 });
  let browser: Browser | undefined;
  try {
    const t0 = performance.now();
    await forEachLimited(
      Array.from({ length: openCases }, (_, i) => i),
      8,
      async (i) => {
        const response = await fetch(`${runtime.url}/complaints`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            customer: { id: `bench-web-${i}`, name: `Customer ${i}`, email: `customer${i}@example.com`, locale: 'en' },
            channel: 'web',
            subject: `Parcel ${i} has not arrived`,
            description: `Order SO-${i} shows as shipped, but nothing has arrived.`,
          }),
        });
        if (response.status !== 201) throw new Error(`filing ${i}: ${response.status} ${await response.text()}`);
        await response.arrayBuffer();
      },
    );
    await runtime.settle();
    const filingSeconds = round((performance.now() - t0) / 1000);
    say(`${openCases} complaints filed in ${filingSeconds} s`);

    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    const url = new URL(runtime.web.deskAsSupervisor);
    // A supervisor's queue defaults to every open case; the scope is named so the figure means the same if the default changes.
    url.search = '?scope=all';
    const headingMs = await timeLoads(browser, url.toString(), (page) => page.getByRole('heading', { level: 1 }), 15_000);
    let firstRowMs: number[] = [];
    let missing: string | undefined;
    try {
      firstRowMs = await timeLoads(browser, url.toString(), firstQueueRow, 15_000);
    } catch (error) {
      missing = `the queue showed no row within 15 s (${queueRowSelector}): ${(error as Error).message.split('\n')[0]}`;
      say(missing);
    }
    return {
      openCases,
      loads,
      url: `${url.pathname}${url.search}`,
      selector: queueRowSelector,
      firstRowMs,
      medianMs: firstRowMs.length > 0 ? round(median(firstRowMs), 1) : null,
      ...(missing ? { missing } : {}),
      headingMs,
      medianHeadingMs: round(median(headingMs), 1),
      filingSeconds,
      chromium: browser.version(),
    };
  } finally {
    await browser?.close();
    await runtime.stop();
  }
}

// --- run ------------------------------------------------------------------------------

const built = await ensureWebAppBuilt(say);
say(`web app ${built}`);
const desk = await firstLoad('desk');
const portal = await firstLoad('portal');
const reports = await reportsChunk(desk.files);
say(`first load gzip: desk JS ${round(desk.result.jsGzipBytes / 1024)} KB, portal JS ${round(portal.result.jsGzipBytes / 1024)} KB`);
let queue: WebResult['queue'];
try {
  queue = await queueLoad();
} catch (error) {
  queue = { error: (error as Error).message };
}
const firstLoadGzipKb = 200;
const queueMs = 1000;
const under = (load: FirstLoad) => load.jsGzipBytes < firstLoadGzipKb * 1024 && load.cssGzipBytes < firstLoadGzipKb * 1024;
const result: WebResult = {
  generatedAt: new Date().toISOString(),
  desk: desk.result,
  portal: portal.result,
  reportsChunk: reports,
  queue,
  targets: {
    firstLoadGzipKb,
    queueMs,
    deskFirstLoadMet: under(desk.result),
    portalFirstLoadMet: under(portal.result),
    echartsLazyMet: !desk.result.echartsInFirstLoad,
    queueMet: 'error' in queue || queue.medianMs === null ? undefined : queue.medianMs < queueMs,
  },
};
const out = values.out ?? join(dirname(webDist), '..', 'bench', 'web.json');
await writeFile(out, `${JSON.stringify(result, null, 2)}\n`);
say(`wrote ${out}`);
