import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FunctionTimedOutError, currentInvocation, invokeFunction } from '#local/lambda-invocation.ts';

describe('Function: invokeFunction', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2025-11-24T02:00:00.000Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('answers Sandbox.Timedout when the handler is still running at the end of its timeout', async () => {
    // Prepare
    const never = () => new Promise<never>(() => undefined);

    // Act
    const call = invokeFunction('PlanNextStep', never, {}, 30_000);
    const outcome = expect(call).rejects.toThrow(FunctionTimedOutError);
    await vi.advanceTimersByTimeAsync(29_999);
    let settled = false;
    void call.catch(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);

    // Assess
    await outcome;
    await expect(call).rejects.toMatchObject({ name: 'Sandbox.Timedout', message: expect.stringContaining('Task timed out after 30.00 seconds') });
  });

  it('gives the handler a context that counts down from the timeout, and its invocation by name', async () => {
    // Prepare
    let seen: { remaining: number; name?: string } | undefined;
    const handler = async (_event: unknown, context: unknown) => {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      seen = {
        remaining: (context as { getRemainingTimeInMillis(): number }).getRemainingTimeInMillis(),
        name: currentInvocation()?.functionName,
      };
      return 'done';
    };

    // Act
    const call = invokeFunction('CloseComplaint', handler, {}, 30_000);
    await vi.advanceTimersByTimeAsync(1_000);

    // Assess
    await expect(call).resolves.toBe('done');
    expect(seen).toEqual({ remaining: 29_000, name: 'CloseComplaint' });
  });

  it('drops the answer of a handler that finishes after its timeout, as a frozen sandbox would', async () => {
    // Prepare
    const late = () => new Promise((resolve) => setTimeout(() => resolve('too late'), 5_000));

    // Act
    const call = invokeFunction('WarnStaff', late, {}, 3_000);
    const outcome = expect(call).rejects.toMatchObject({ name: 'Sandbox.Timedout' });
    await vi.advanceTimersByTimeAsync(5_000);

    // Assess
    await outcome;
  });
});
