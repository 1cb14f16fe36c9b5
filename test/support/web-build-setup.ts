import { ensureWebAppBuilt } from '#local/web-app.ts';

/**
 * vitest globalSetup: the browser tests, and the local front's tests, serve
 * web/dist, so `npm test` on a fresh clone builds the web app once first
 * (nothing to do when its sources have not changed since the last build).
 */
export default async function buildWebApp(): Promise<void> {
  await ensureWebAppBuilt((line) => process.stderr.write(`${line}\n`));
}
