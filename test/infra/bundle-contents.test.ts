import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { routes } from '#declarations/routes.ts';
import { scheduledTasks, workflowTasks } from '#declarations/workflow-tasks.ts';

const projectRoot = join(import.meta.dirname, '../..');
const handlers = [...new Set([...routes.map((r) => r.handler), ...workflowTasks.map((t) => t.handler), ...scheduledTasks.map((t) => t.handler)])];

/** The source files each function's bundle takes in, as esbuild resolves them (the AWS SDK left out: every function has it). */
async function inputsOf(handler: string): Promise<string[]> {
  const result = await build({
    entryPoints: [join(projectRoot, 'functions/handlers', `${handler}.ts`)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    mainFields: ['module', 'main'],
    external: ['@aws-sdk/*', '@smithy/*'],
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs);
}

describe('Function bundles take in only what the function uses (cold start)', () => {
  it('only the calendar upload bundles the iCalendar reader (ical.js and the file parser): reading the desk calendar needs neither', async () => {
    const bundled = await Promise.all(handlers.map(async (handler) => [handler, await inputsOf(handler)] as const));
    const withIcal = bundled
      .filter(([, inputs]) => inputs.some((file) => file.includes('node_modules/ical.js/') || file.endsWith('functions/domain/calendar-file.ts')))
      .map(([handler]) => handler);
    expect(withIcal).toEqual(['api/load-calendar']);
  }, 60_000);
});
