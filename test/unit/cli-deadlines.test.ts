import { describe, it, expect } from 'vitest';
import { deadlines } from '../../bin/cli/deadlines.ts';
import { runCli } from '../../bin/cli.ts';

describe('Command: closeloop deadlines', () => {
  it('prints both deadlines as ISO instants for a receipt on Tue 2025-09-30 10:00 Shanghai', () => {
    const result = deadlines(['--received', '2025-09-30T10:00:00+08:00']);

    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({
      responseDueAt: '2025-10-02T02:00:00.000Z',
      resolutionDueAt: '2025-10-16T15:59:59.999Z',
    });
  });

  it('ends the resolution day in the zone given by --tz: Mon 2025-11-24 in New York is due Wed 12-03 23:59:59.999 EST', () => {
    const result = deadlines(['--received', '2025-11-24T10:00:00-05:00', '--tz', 'America/New_York']);

    expect(JSON.parse(result.stdout)).toEqual({
      responseDueAt: '2025-11-26T15:00:00.000Z',
      resolutionDueAt: '2025-12-04T04:59:59.999Z',
    });
  });

  it.each([
    { input: [], error: /--received is required/ },
    { input: ['--received'], error: /--received/ },
    { input: ['--received', 'yesterday'], error: /not an ISO 8601 date-time/ },
    { input: ['--received', '2025-09-30T10:00:00'], error: /with an offset/ },
    { input: ['--received', '2025-02-30T10:00:00+08:00'], error: /not an ISO 8601 date-time/ },
    { input: ['--received', '2025-09-30T10:00:00+08:00', '--tz', 'Mars/Olympus_Mons'], error: /Unknown time zone/ },
    { input: ['--received', '2026-12-28T10:00:00+08:00'], error: /2027.*State Council/ },
    { input: ['--received', '2025-09-30T10:00:00+08:00', '--verbose'], error: /--verbose/ },
  ])('rejects $input with exit code 2 and one line on stderr', ({ input, error }) => {
    const result = deadlines(input);

    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(error);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('prints its usage on --help', () => {
    const result = deadlines(['--help']);

    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/usage: closeloop deadlines --received/);
  });
});

describe('Function: runCli', () => {
  it('dispatches to the deadlines command', async () => {
    const result = await runCli(['deadlines', '--received', '2025-11-24T10:00:00+08:00']);

    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      responseDueAt: '2025-11-26T02:00:00.000Z',
      resolutionDueAt: '2025-12-03T15:59:59.999Z',
    });
  });

  it.each([[['frobnicate']], [[]], [['toString']]])('prints usage on stderr and exits 2 for %j', async (argv) => {
    const result = await runCli(argv);

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/usage: closeloop <command>/);
    expect(result.stderr).toMatch(/deadlines/);
  });
});
