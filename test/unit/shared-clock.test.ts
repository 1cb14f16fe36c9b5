import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock, ScaledClock } from '#local/clock.ts';
import { type ClockNotice, type ClockRequest, SharedClock, TimerService, publishClock, readPublishedClock } from '#local/workflow-thread/shared-clock.ts';

const nextMessage = <T>(port: MessagePort) => new Promise<T>((resolve) => port.once('message', resolve));

describe('The runtime clock as the workflow thread reads it', () => {
  const channels: MessageChannel[] = [];
  afterEach(() => {
    for (const channel of channels.splice(0)) {
      channel.port1.close();
      channel.port2.close();
    }
  });

  it('reads a manual clock where it stands, after every jump', async () => {
    const clock = new ManualClock('2025-11-24T02:00:00.000Z');
    const buffer = publishClock(clock);
    const shared = new SharedClock(buffer, new MessageChannel().port1);
    expect(shared.now().toISOString()).toBe('2025-11-24T02:00:00.000Z');
    await clock.advanceBy(90 * 60_000);
    expect(shared.now().toISOString()).toBe('2025-11-24T03:30:00.000Z');
    expect(readPublishedClock(buffer)).toEqual({ atMs: Date.parse('2025-11-24T03:30:00.000Z'), realMs: 0, rate: 0 });
  });

  it('reads a sped-up clock as it runs, and its jumps, within a few real milliseconds', async () => {
    const clock = new ScaledClock(3600, new Date('2025-11-24T02:00:00.000Z'));
    try {
      const shared = new SharedClock(publishClock(clock), new MessageChannel().port1);
      // 3,600 simulated seconds a real one: 10 real ms are 36 simulated seconds.
      expect(Math.abs(shared.now().getTime() - clock.now().getTime())).toBeLessThan(36_000);
      await clock.advanceBy(24 * 3600_000);
      expect(Math.abs(shared.now().getTime() - clock.now().getTime())).toBeLessThan(36_000);
      expect(shared.now().getTime()).toBeGreaterThanOrEqual(Date.parse('2025-11-25T02:00:00.000Z'));
    } finally {
      clock.stop();
    }
  });

  it('holds a held clock still until released', async () => {
    const clock = new ScaledClock(60, new Date('2025-11-24T02:00:00.000Z'), { held: true });
    try {
      const shared = new SharedClock(publishClock(clock), new MessageChannel().port1);
      await clock.advanceBy(3600_000);
      expect(shared.now().toISOString()).toBe('2025-11-24T03:00:00.000Z');
      clock.release();
      expect(shared.now().getTime()).toBeGreaterThanOrEqual(Date.parse('2025-11-24T03:00:00.000Z'));
      expect(Math.abs(shared.now().getTime() - clock.now().getTime())).toBeLessThan(1_000);
    } finally {
      clock.stop();
    }
  });

  it('keeps the thread’s timers on the main clock: fired in time order as it moves, a cancelled one never', async () => {
    const clock = new ManualClock('2025-11-24T02:00:00.000Z');
    const channel = new MessageChannel();
    channels.push(channel);
    const threadSide = channel.port1;
    const mainSide = channel.port2;
    const shared = new SharedClock(publishClock(clock), threadSide);
    const service = new TimerService(clock, (notice) => mainSide.postMessage(notice));
    mainSide.on('message', (request: ClockRequest) => service.handle(request));
    threadSide.on('message', (notice: ClockNotice) => shared.fired(notice.id));

    const fired: string[] = [];
    shared.setTimer(new Date('2025-11-24T05:00:00.000Z'), () => fired.push('late'));
    shared.setTimer(new Date('2025-11-24T03:00:00.000Z'), () => fired.push('early'));
    const cancelled = shared.setTimer(new Date('2025-11-24T04:00:00.000Z'), () => fired.push('cancelled'));
    cancelled.cancel();
    // The three requests and the cancel reach the main side in order.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(clock.pendingTimers()).toBe(2);

    const secondFired = nextMessage(threadSide);
    await clock.advanceTo('2025-11-24T06:00:00.000Z');
    await secondFired;
    await new Promise((resolve) => setImmediate(resolve));
    expect(fired).toEqual(['early', 'late']);
    expect(clock.pendingTimers()).toBe(0);

    service.handle({ type: 'timer', id: 99, at: Date.parse('2025-11-25T00:00:00.000Z') });
    service.cancelAll();
    expect(clock.pendingTimers()).toBe(0);
  });
});
