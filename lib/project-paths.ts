import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found from this file, so synth and tests work from any working directory. */
export const projectRoot = fileURLToPath(new URL('..', import.meta.url));

export const lockFile = join(projectRoot, 'package-lock.json');

/** `api/file-complaint` → functions/handlers/api/file-complaint.ts, as declared in functions/declarations. */
export const handlerEntry = (handler: string) => join(projectRoot, 'functions', 'handlers', `${handler}.ts`);

export const projectFile = (relativePath: string) => join(projectRoot, relativePath);

export const handlerExists = (handler: string) => existsSync(handlerEntry(handler));

/** The web app as `npm run build:web` (Vite) leaves it: desk/, portal/, assets/. */
export const webDist = join(projectRoot, 'web', 'dist');
