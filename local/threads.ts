import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/**
 * A thread of the local runtime loads TypeScript as `npm start` does, with
 * tsx, whatever loaded this module (vitest has its own loader). V8 flags such
 * as --expose-gc are the process's and reach a thread without being passed
 * (Node refuses them in a Worker's execArgv).
 */
export function tsxExecArgv(): string[] {
  return ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href];
}
