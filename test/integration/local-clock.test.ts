import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aFilingBody } from '../support/builders.ts';
import { readSavedClock } from '#local/clock-file.ts';
import { type LocalRuntime, startLocalRuntime } from '#local/runtime.ts';

describe('The clock of the local runtime, sped up or jumped by hand, with a data directory', () => {
  let dataDir: string;
  let runtime: LocalRuntime;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'closeloop-clock-data-'));
    runtime = await startLocalRuntime({ port: 0, speed: 1, dataDir });
  });
  afterAll(async () => {
    await runtime.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('saves a jump of the clock before the work of the jump, so a kill halfway restarts at the new time', async () => {
    const before = await (await fetch(`${runtime.url}/__local/clock`)).json() as { now: string };
    const jumped = await fetch(`${runtime.url}/__local/clock/advance`, { method: 'POST', body: JSON.stringify({ hours: 48 }) });
    expect(jumped.status).toBe(200);

    // Read at once: the periodic save (every 2 s of real time) has not run.
    const saved = await readSavedClock(dataDir);
    expect(saved!.getTime()).toBeGreaterThanOrEqual(Date.parse(before.now) + 48 * 3600_000);
  });

  it('lets the work in flight finish before a jump: a wait planned before it is not pushed back by it', async () => {
    const filed = await fetch(`${runtime.url}/complaints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(aFilingBody()),
    });
    const { id, receivedAt } = (await filed.json()) as { id: string; receivedAt?: string };
    // At once, while the new workflow is still triaging, acknowledging and planning its first wait.
    await fetch(`${runtime.url}/__local/clock/advance`, { method: 'POST', body: JSON.stringify({ hours: 37 }) });

    const staff = await fetch(`${runtime.url}/staff/complaints/${id}`, { headers: { authorization: `Bearer ${runtime.tokens.supervisor}` } });
    const staffCase = (await staff.json()) as { receivedAt: string; timeline: { type: string; at: string }[] };
    const received = Date.parse(receivedAt ?? staffCase.receivedAt);
    const at = (type: string) => Date.parse(staffCase.timeline.find((e) => e.type === type)?.at ?? '') - received;
    expect(at('acknowledgement_sent')).toBeLessThan(60_000);
    // The wait began before the jump, so the jump passed its 36-hour instant and the warning went out
    // (a sped-up clock runs what a jump passed at the new time); begun after, it would end 36 hours later.
    expect(at('warned')).toBeGreaterThanOrEqual(36 * 3600_000);
    expect(at('warned')).toBeLessThan(38 * 3600_000);
  });
});
