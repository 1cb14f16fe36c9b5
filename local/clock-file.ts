import { randomUUID } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const fileName = 'clock.json';

/** The clock a previous run reached, if it left one that can be read. */
export async function readSavedClock(dataDir: string): Promise<Date | undefined> {
  try {
    const saved = JSON.parse(await readFile(join(dataDir, fileName), 'utf8')) as { now: string };
    const at = new Date(saved.now);
    return Number.isNaN(at.getTime()) ? undefined : at;
  } catch {
    return undefined;
  }
}

/**
 * Saves the clock of a runtime with a data directory. A kill can land at any
 * moment, so each save is whole or absent (a temporary file renamed over the
 * old one), saves run one at a time, and the file never goes back: work done
 * at a time must never be replayed at an earlier one after a restart.
 */
export function clockSaver(dataDir: string): (at: Date) => Promise<void> {
  let highest = 0;
  let chain: Promise<void> = Promise.resolve();
  return (at) => {
    highest = Math.max(highest, at.getTime());
    const write = async () => {
      const temporary = join(dataDir, `${fileName}.${randomUUID()}.tmp`);
      await writeFile(temporary, JSON.stringify({ now: new Date(highest).toISOString() }));
      await rename(temporary, join(dataDir, fileName));
    };
    chain = chain.then(write, write);
    return chain;
  };
}
