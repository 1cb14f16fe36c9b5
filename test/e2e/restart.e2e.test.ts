import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Started, call, startLocalStack, stopLocalStack } from '../support/child-stack.ts';

async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  let value = await probe();
  for (let attempt = 0; attempt < 100 && !done(value); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await probe();
  }
  return value;
}

describe('e2e: a restart with --data keeps every case and resumes open complaints', () => {
  let dataDir: string;
  let first: Started | undefined;
  let second: Started | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'closeloop-data-'));
  });
  afterAll(async () => {
    await stopLocalStack(first);
    await stopLocalStack(second);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('resumes the complaint at its stored phase and deadlines, and the clock never goes back', async () => {
    first = await startLocalStack(['--data', dataDir]);
    const filed = await call(first.api, 'POST', '/complaints', {
      customer: { id: 'r-1', name: 'Sun Li', email: 'sun@example.com', locale: 'zh-CN' },
      channel: 'phone',
      subject: '退款未到账',
      description: '退款申请已过十天仍未到账。',
    });
    expect(filed.status).toBe(201);
    const id = filed.body.id as string;
    const accessToken = filed.body.accessToken as string;
    await call(first.api, 'POST', `/staff/complaints/${id}/responses`, { message: '正在核查。' }, first.agentToken);
    const jumped = await call(first.api, 'POST', '/__local/clock/advance', { hours: 30 });
    const before = await call(first.api, 'GET', `/staff/complaints/${id}`, undefined, first.agentToken);
    expect(before.body.phase).toBe('AWAITING_RESOLUTION');
    await stopLocalStack(first);

    second = await startLocalStack(['--data', dataDir]);
    expect(second.output()).toContain('1 open complaint(s) resumed');
    const clock = await call(second.api, 'GET', '/__local/clock');
    expect(Date.parse(clock.body.now as string)).toBeGreaterThanOrEqual(Date.parse(jumped.body.now as string));

    const after = await call(second.api, 'GET', `/staff/complaints/${id}`, undefined, second.agentToken);
    expect(after.body).toMatchObject({
      phase: 'AWAITING_RESOLUTION',
      caseNumber: filed.body.caseNumber,
      responseDueAt: filed.body.responseDueAt,
      resolutionDueAt: filed.body.resolutionDueAt,
    });
    const resumedWait = await eventually(
      () => call(second!.api, 'GET', `/staff/complaints/${id}`, undefined, second!.agentToken),
      (c) => (c.body.wait as { kind?: string } | undefined)?.kind === 'resolution',
    );
    // The resumed execution waits for the very instant the first one waited for (the 75 % warning).
    expect(resumedWait.body.wait).toMatchObject({ kind: 'resolution', until: (before.body.wait as { until: string }).until });

    // The new execution's wait is completed by the resolution, and the loop closes as before.
    const resolved = await call(second.api, 'POST', `/staff/complaints/${id}/resolution`, { rootCause: '银行退款延迟', resolution: '已人工加急到账' }, second.agentToken);
    expect(resolved.status).toBe(200);
    await call(second.api, 'POST', `/complaints/${id}/confirmation`, { decision: 'accept' }, accessToken);
    const closed = await eventually(
      () => call(second!.api, 'GET', `/complaints/${id}`, undefined, accessToken),
      (c) => c.body.phase === 'CLOSED',
    );
    expect(closed.body.phase).toBe('CLOSED');
    const acknowledgements = (closed.body.timeline as { type: string }[]).filter((e) => e.type === 'acknowledgement_sent');
    expect(acknowledgements).toHaveLength(1);
  });
});
