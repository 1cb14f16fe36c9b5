import { describe, expect, it } from 'vitest';
import { concurrencyLimit } from '#local/workflow-wiring.ts';

describe('The local limit on workflow invocations running at once', () => {
  it('runs at most the limit together and starts the others in the order they came, each as a slot frees', async () => {
    const inSlot = concurrencyLimit(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const finishers: (() => void)[] = [];
    const works = [0, 1, 2, 3, 4].map((n) =>
      inSlot(async () => {
        started.push(n);
        running++;
        most = Math.max(most, running);
        await new Promise<void>((resolve) => finishers.push(resolve));
        running--;
        return n * 10;
      }),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1]);
    while (finishers.length > 0 || started.length < 5) {
      finishers.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await Promise.all(works)).toEqual([0, 10, 20, 30, 40]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(2);
  });

  it('frees the slot of a work that fails', async () => {
    const inSlot = concurrencyLimit(1);
    await expect(inSlot(() => Promise.reject(new Error('Sandbox.Timedout')))).rejects.toThrow('Sandbox.Timedout');
    expect(await inSlot(() => Promise.resolve('next'))).toBe('next');
  });
});
