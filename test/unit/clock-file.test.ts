import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clockSaver, readSavedClock } from '#local/clock-file.ts';

describe('Module: local clock file', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'closeloop-clock-'));
  });
  afterEach(async () => rm(dataDir, { recursive: true, force: true }));

  it('never goes back: an older time saved after a newer one leaves the newer one', async () => {
    const save = clockSaver(dataDir);
    await Promise.all([save(new Date('2025-11-26T02:00:00.000Z')), save(new Date('2025-11-24T02:00:00.000Z'))]);
    expect(await readSavedClock(dataDir)).toEqual(new Date('2025-11-26T02:00:00.000Z'));
  });

  it('leaves no temporary file behind, only clock.json', async () => {
    await clockSaver(dataDir)(new Date('2025-11-24T02:00:00.000Z'));
    expect(await readdir(dataDir)).toEqual(['clock.json']);
  });

  it('reads a torn or missing file as no saved clock, not as a time', async () => {
    expect(await readSavedClock(dataDir)).toBeUndefined();
    await writeFile(join(dataDir, 'clock.json'), '{"now": "2025-11-');
    expect(await readSavedClock(dataDir)).toBeUndefined();
  });
});
