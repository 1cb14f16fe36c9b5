import { readFileSync, writeFileSync } from 'node:fs';
import { openApiDocumentText } from '../local/openapi-document.ts';
import { webApiTypesText } from '../local/web-api-types.ts';

/** npm run openapi: writes the committed OpenAPI document and the web app's API types; tests fail when either is stale. */
function write(target: URL, text: string, name: string) {
  const before = (() => {
    try {
      return readFileSync(target, 'utf8');
    } catch {
      return '';
    }
  })();
  writeFileSync(target, text);
  console.log(`${before === text ? 'unchanged' : 'written'}: ${name}`);
}

const documentText = openApiDocumentText();
write(new URL('../openapi/closeloop.json', import.meta.url), documentText, 'openapi/closeloop.json');
write(new URL('../web/src/api/schema.ts', import.meta.url), await webApiTypesText(documentText), 'web/src/api/schema.ts');
