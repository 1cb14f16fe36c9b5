import { readFileSync, writeFileSync } from 'node:fs';
import { openApiDocumentText } from '../local/openapi-document.ts';

/** npm run openapi: writes the committed OpenAPI document; a test fails when it is stale. */
const target = new URL('../openapi/closeloop.json', import.meta.url);
const text = openApiDocumentText();
const before = (() => {
  try {
    return readFileSync(target, 'utf8');
  } catch {
    return '';
  }
})();
writeFileSync(target, text);
console.log(`${before === text ? 'unchanged' : 'written'}: openapi/closeloop.json`);
