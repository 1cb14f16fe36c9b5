import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { extname, join, normalize, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { webSecurityHeaders } from '#declarations/web-security-headers.ts';
import type { StaticAnswer } from './api-docs.ts';

const webRoot = fileURLToPath(new URL('../web/', import.meta.url));
export const webDist = join(webRoot, 'dist');
const stampFile = join(webDist, '.source-hash');

/** What a build is made from: a change to any of these makes `npm start` build again. */
async function sourceHash(): Promise<string> {
  const hash = createHash('sha256');
  const walk = async (dir: string): Promise<string[]> => {
    const entries = await readdir(dir, { withFileTypes: true });
    const files = await Promise.all(
      entries
        .filter((e) => !(dir === webRoot && (e.name === 'dist' || e.name === 'node_modules')))
        .map((e) => (e.isDirectory() ? walk(join(dir, e.name)) : Promise.resolve([join(dir, e.name)]))),
    );
    return files.flat();
  };
  const files = (await walk(webRoot)).sort();
  files.push(fileURLToPath(new URL('../package-lock.json', import.meta.url)));
  for (const file of files) {
    hash.update(relative(webRoot, file)).update('\0').update(await readFile(file)).update('\0');
  }
  return hash.digest('hex');
}

/**
 * Builds the web app with Vite when its sources changed since the last build
 * (or there is none); otherwise does nothing, so a restart costs no build.
 */
export async function ensureWebAppBuilt(log: (line: string) => void = () => {}): Promise<'built' | 'current'> {
  const wanted = await sourceHash();
  const built = existsSync(stampFile) ? (await readFile(stampFile, 'utf8')).trim() : undefined;
  if (built === wanted && existsSync(join(webDist, 'desk', 'index.html'))) return 'current';
  log('Building the web app (its sources changed)…');
  const { build } = await import('vite');
  // Vite keeps a NODE_ENV it finds (vitest sets `test`), and React then ships its development build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(webRoot, 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  await writeFile(stampFile, `${wanted}\n`);
  return 'built';
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** The same headers, from the same module, as CloudFront's response headers policy on AWS; locally nothing is fetched from another origin. */
export const localWebSecurityHeaders: Record<string, string> = webSecurityHeaders({ connectSources: [] });

/** Locally the desk signs in with the printed development tokens; on AWS, config.json names Cognito. */
const localConfig = JSON.stringify({ auth: { kind: 'local' } });

/**
 * The built web app on the API's own origin, as CloudFront serves it from S3:
 * a page's path without a file falls back to its app's index.html (the app
 * routes in the browser), hashed assets are cached for good, `/` goes to the portal.
 */
export const webAppAnswer = webAppFrom(webDist);

export function webAppFrom(dist: string) {
  return (method: string | undefined, pathname: string) => answerFrom(dist, method, pathname);
}

async function answerFrom(dist: string, method: string | undefined, pathname: string): Promise<StaticAnswer | undefined> {
  if (method !== 'GET' && method !== 'HEAD') return undefined;
  if (pathname === '/') return { status: 302, headers: { location: '/portal/', ...localWebSecurityHeaders }, body: '' };
  if (pathname === '/config.json') {
    return { status: 200, headers: { 'content-type': contentTypes['.json']!, 'cache-control': 'no-cache', ...localWebSecurityHeaders }, body: localConfig };
  }
  const app = /^\/(desk|portal)(\/|$)/.exec(pathname)?.[1];
  if (!app && !pathname.startsWith('/assets/')) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  const file = normalize(join(dist, decoded));
  // Only the two apps and their assets are served: not a file beside them (the build stamp), nor above.
  const top = relative(dist, file).split(sep)[0];
  if (top !== 'desk' && top !== 'portal' && top !== 'assets') return undefined;
  const isAsset = pathname.startsWith('/assets/');
  const target = extname(file) !== '' ? file : join(dist, app ?? '', 'index.html');
  let body: Buffer;
  try {
    body = await readFile(target);
  } catch {
    if (isAsset || extname(file) !== '') return { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8', ...localWebSecurityHeaders }, body: 'Not found' };
    return { status: 503, headers: { 'content-type': 'text/plain; charset=utf-8', ...localWebSecurityHeaders }, body: 'The web app is not built: npm start builds it.' };
  }
  return {
    status: 200,
    headers: {
      'content-type': contentTypes[extname(target)] ?? 'application/octet-stream',
      // Hashed names change with their content; the pages must be fetched fresh to find the new names.
      'cache-control': isAsset ? 'public, max-age=31536000, immutable' : 'no-cache',
      ...localWebSecurityHeaders,
    },
    body,
  };
}
