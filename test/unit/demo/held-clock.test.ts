import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ScaledClock } from '#local/clock.ts';
import { clockSaver } from '#local/clock-file.ts';
import { startLocalRuntime } from '#local/runtime.ts';

describe('the clock of --demo and --start-at', () => {
  afterEach(() => vi.useRealTimers());

  it('a held ScaledClock moves only when advanced, fires its timers on the way, then runs on at its speed once released', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-01T00:00:00.000Z'));
    const clock = new ScaledClock(3600, new Date('2025-09-15T01:00:00.000Z'), { held: true });
    const fired: string[] = [];
    clock.setTimer(new Date('2025-09-15T03:00:00.000Z'), () => fired.push(clock.now().toISOString()));
    vi.setSystemTime(new Date('2026-12-01T00:00:10.000Z'));
    expect(clock.now().toISOString()).toBe('2025-09-15T01:00:00.000Z');
    await clock.advanceBy(5 * 3600_000);
    expect(fired).toEqual(['2025-09-15T03:00:00.000Z']);
    expect(clock.now().toISOString()).toBe('2025-09-15T06:00:00.000Z');
    clock.release();
    // Ten real seconds at 3600x: ten simulated hours, from where the demo left it.
    vi.setSystemTime(new Date('2026-12-01T00:00:20.000Z'));
    expect(clock.now().toISOString()).toBe('2025-09-15T16:00:00.000Z');
    clock.stop();
  });

  it('a --start-at before the clock saved in --data is refused: a saved clock never goes back', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'closeloop-start-at-'));
    try {
      await clockSaver(dataDir)(new Date('2025-10-01T00:00:00.000Z'));
      await expect(startLocalRuntime({ dataDir, startAt: new Date('2025-09-15T01:00:00.000Z'), port: 0 })).rejects.toThrow(
        'the start 2025-09-15T01:00:00.000Z is before the clock saved in',
      );
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
