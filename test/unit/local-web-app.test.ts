import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { localWebSecurityHeaders, webAppFrom } from '#local/web-app.ts';

let answer: ReturnType<typeof webAppFrom>;

beforeAll(async () => {
  const dist = await mkdtemp(join(tmpdir(), 'closeloop-web-'));
  await mkdir(join(dist, 'desk'), { recursive: true });
  await mkdir(join(dist, 'portal'), { recursive: true });
  await mkdir(join(dist, 'assets'), { recursive: true });
  await writeFile(join(dist, 'desk', 'index.html'), '<!doctype html><title>desk</title>');
  await writeFile(join(dist, 'portal', 'index.html'), '<!doctype html><title>portal</title>');
  await writeFile(join(dist, 'assets', 'desk-abc123.js'), 'export {};');
  await writeFile(join(dist, 'secret.txt'), 'outside the apps');
  answer = webAppFrom(dist);
});

describe('local web front: the built app on the API origin, as CloudFront serves it', () => {
  it("answers a desk or portal path without a file with that app's page, so browser routes survive a reload", async () => {
    for (const [path, title] of [
      ['/desk/', 'desk'],
      ['/desk', 'desk'],
      ['/desk/cases/01JD8Z6Q2W3E4R5T6Y7V8K9M0P', 'desk'],
      ['/portal/track/01JD8Z6Q2W3E4R5T6Y7V8K9M0P', 'portal'],
    ]) {
      const page = await answer('GET', path!);
      expect(page?.status, path).toBe(200);
      expect(String(page?.body)).toContain(`<title>${title}</title>`);
      expect(page?.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves hashed assets for good and a missing asset as 404, never the page', async () => {
    const asset = await answer('GET', '/assets/desk-abc123.js');
    expect(asset?.headers).toMatchObject({ 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=31536000, immutable' });
    expect((await answer('GET', '/assets/missing-1.js'))?.status).toBe(404);
    expect((await answer('GET', '/desk/missing.js'))?.status).toBe(404);
  });

  it('sends every answer with the CSP (no unsafe-inline or unsafe-eval), HSTS, frame-ancestors none and no-referrer', async () => {
    const page = await answer('GET', '/portal/');
    expect(page?.headers).toMatchObject(localWebSecurityHeaders);
    const csp = localWebSecurityHeaders['content-security-policy']!;
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(localWebSecurityHeaders['referrer-policy']).toBe('no-referrer');
    expect(localWebSecurityHeaders['strict-transport-security']).toMatch(/^max-age=\d{8}/);
  });

  it('sends / to the portal, tells the app to sign in locally, and leaves every other path to the API', async () => {
    expect(await answer('GET', '/')).toMatchObject({ status: 302, headers: { location: '/portal/' } });
    const config = await answer('GET', '/config.json');
    expect(JSON.parse(String(config?.body))).toEqual({ auth: { kind: 'local' } });
    expect(await answer('GET', '/complaints/01JD8Z6Q2W3E4R5T6Y7V8K9M0P')).toBeUndefined();
    expect(await answer('GET', '/staff/queue')).toBeUndefined();
    expect(await answer('POST', '/desk/')).toBeUndefined();
    expect(await answer('GET', '/secret.txt')).toBeUndefined();
  });

  it('never reads outside the built app, however the path is encoded', async () => {
    for (const path of ['/assets/../secret.txt', '/assets/%2e%2e/secret.txt', '/desk/..%2f..%2fpackage.json', '/assets/%E0%A4%A']) {
      const result = await answer('GET', path);
      expect(String(result?.body ?? ''), path).not.toContain('outside the apps');
    }
  });
});
