import { readFileSync } from 'node:fs';
import { openApiDocument } from '#contract/openapi.ts';
import { routes } from '#declarations/routes.ts';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

/** The document as committed in openapi/closeloop.json: generated from the route contracts, stable text. */
export const openApiDocumentText = () => `${JSON.stringify(openApiDocument(routes, version), null, 2)}\n`;
