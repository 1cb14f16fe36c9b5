import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { openApiDocumentText } from './openapi-document.ts';

/** What the local front answers outside the API: the OpenAPI document and its reference page. */
export interface StaticAnswer {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

// Swagger UI from its npm package, served by the front itself: no CDN, so the page works offline.
const swaggerUi = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const assets: Record<string, { file: string; type: string }> = {
  '/docs/swagger-ui.css': {
    file: 'swagger-ui.css',
    type: 'text/css; charset=utf-8',
  },
  '/docs/swagger-ui-bundle.js': {
    file: 'swagger-ui-bundle.js',
    type: 'text/javascript; charset=utf-8',
  },
};

// Scripts and styles from this origin only (no inline code): the page needs no 'unsafe-inline'.
const docsPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const pageHeaders = {
  'content-security-policy': docsPolicy,
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
};

const docsPage = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>closeloop API reference</title>
<link rel="stylesheet" href="/docs/swagger-ui.css">
</head>
<body>
<main id="api-reference" aria-label="closeloop API reference"></main>
<script src="/docs/swagger-ui-bundle.js"></script>
<script src="/docs/start.js"></script>
</body>
</html>
`;

const startScript = `window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#api-reference', deepLinking: true });\n`;

/** GET /openapi.json, /docs and the page's own files; undefined for anything else. */
export async function apiDocsAnswer(method: string | undefined, pathname: string): Promise<StaticAnswer | undefined> {
  if (method !== 'GET' && method !== 'HEAD') return undefined;
  if (pathname === '/openapi.json') {
    return {
      status: 200,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-cache',
      },
      body: openApiDocumentText(),
    };
  }
  if (pathname === '/docs' || pathname === '/docs/') {
    return {
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8', ...pageHeaders },
      body: docsPage,
    };
  }
  if (pathname === '/docs/start.js')
    return {
      status: 200,
      headers: {
        'content-type': 'text/javascript; charset=utf-8',
        ...pageHeaders,
      },
      body: startScript,
    };
  const asset = assets[pathname];
  if (!asset) return undefined;
  return {
    status: 200,
    headers: {
      'content-type': asset.type,
      'cache-control': 'max-age=3600',
      ...pageHeaders,
    },
    body: await readFile(join(swaggerUi, asset.file)),
  };
}
