import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deadlines, type ReadFile } from '../../bin/cli/deadlines.ts';
import { runCli } from '../../bin/cli.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');

/** Files the command may read, by the name given on the command line; anything else is missing. */
const files =
  (contents: Record<string, string>): ReadFile =>
  (path) => {
    const text = contents[path];
    if (text === undefined) throw Object.assign(new Error(`ENOENT: no such file, open '${path}'`), { code: 'ENOENT' });
    return text;
  };

const nov24 = ['--received', '2025-11-24T10:00:00+08:00'];
const badFiles = files({
  'bad.json': '{"entries":[{"date":"2027-02-30","kind":"holiday","name":"x"}]}',
  'bad.ics':
    'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART:20270206T090000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n',
  'notes.txt': 'closed on Friday',
  'bad-policy.json': JSON.stringify({
    version: 'bad',
    defaults: {
      firstResponseHours: 48,
      resolutionWorkingDays: 0,
      confirmationWorkingDays: 3,
      surveyDelayHours: 24,
      warningThreshold: 0.75,
    },
  }),
});

describe('Command: closeloop deadlines', () => {
  it('prints both deadlines as ISO instants for a receipt on Tue 2025-09-30 10:00 Shanghai', () => {
    const result = deadlines(['--received', '2025-09-30T10:00:00+08:00']);

    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toMatchObject({
      responseDueAt: '2025-10-02T02:00:00.000Z',
      resolutionDueAt: '2025-10-16T15:59:59.999Z',
    });
  });

  it('ends the resolution day in the zone given by --tz: Mon 2025-11-24 in New York is due Wed 12-03 23:59:59.999 EST', () => {
    const result = deadlines(['--received', '2025-11-24T10:00:00-05:00', '--tz', 'America/New_York']);

    expect(JSON.parse(result.stdout)).toMatchObject({
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
    { input: ['--received', '2025-09-30T10:00:00+08:00', '--verbose'], error: /--verbose/ },
    { input: [...nov24, '--severity', 'L4'], error: /--severity must be one of L1, L2, L3, got "L4"/ },
    { input: [...nov24, '--tier', 'gold'], error: /--tier must be one of standard, vip/ },
    { input: [...nov24, '--category', 'food'], error: /--category must be one of product_quality/ },
    { input: [...nov24, '--paused-from', '2025-11-24T10:00:00+08:00'], error: /must be given together/ },
    { input: [...nov24, '--paused-to', '2025-11-24T10:00:00+08:00'], error: /must be given together/ },
    {
      input: [...nov24, '--paused-from', '2025-11-24T16:00:00+08:00', '--paused-to', '2025-11-24T10:00:00+08:00'],
      error: /--paused-to .* must be after --paused-from/,
    },
    {
      input: [...nov24, '--paused-from', '2025-11-24T12:00:00+08:00', '--paused-to', '2025-11-24T12:00:00+08:00'],
      error: /--paused-to .* must be after --paused-from/,
    },
    {
      input: [...nov24, '--paused-from', '2025-11-24', '--paused-to', '2025-11-25T10:00:00+08:00'],
      error: /--paused-from "2025-11-24" is not an ISO 8601 date-time/,
    },
    {
      input: [...nov24, '--paused-from', '2025-11-23T10:00:00+08:00', '--paused-to', '2025-11-25T10:00:00+08:00'],
      error: /--paused-from must not be before --received/,
    },
    {
      input: [...nov24, '--calendar', 'missing.json'],
      error: /--calendar missing\.json: cannot read the file \(ENOENT\)/,
    },
    {
      input: [...nov24, '--calendar', 'bad.json'],
      error: /bad\.json: entries\[0\]\.date: expected a real calendar date/,
    },
    { input: [...nov24, '--calendar', 'bad.ics'], error: /bad\.ics: line 4: DTSTART must be an all-day date/ },
    { input: [...nov24, '--calendar', 'notes.txt'], error: /notes\.txt: unsupported calendar file type/ },
    { input: [...nov24, '--policy', 'bad-policy.json'], error: /bad-policy\.json is invalid: .*resolutionWorkingDays/ },
    { input: [...nov24, '--policy', 'missing.json'], error: /--policy missing\.json: cannot read the file/ },
  ])('rejects $input with exit code 2 and one line on stderr', ({ input, error }) => {
    const result = deadlines(input, badFiles);

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

describe('Command: closeloop deadlines, policies, pauses and calendars', () => {
  const calendars = files({
    'calendar-2027.json': fixture('calendar-2027.json'),
    'calendar-2027.ics': fixture('calendar-2027.ics'),
    'company-closure.json': fixture('company-closure.json'),
    'policy.json': JSON.stringify({
      version: 'desk-2026',
      defaults: {
        firstResponseHours: 48,
        resolutionWorkingDays: 7,
        confirmationWorkingDays: 3,
        surveyDelayHours: 24,
        warningThreshold: 0.75,
      },
      category: { billing_dispute: { firstResponseHours: 12, resolutionWorkingDays: 2 } },
    }),
  });
  const run = (...argv: string[]) => {
    const result = deadlines(argv, calendars);
    return { ...result, body: result.exitCode === 0 ? JSON.parse(result.stdout) : undefined };
  };

  it('states the policy behind the deadlines: default-2025, defaults only, 48 h and 7 working days', () => {
    const { body, stderr } = run(...nov24);

    expect(stderr).toBe('');
    expect(body).toEqual({
      responseDueAt: '2025-11-26T02:00:00.000Z',
      resolutionDueAt: '2025-12-03T15:59:59.999Z',
      provisional: false,
      policy: {
        version: 'default-2025',
        applied: ['defaults'],
        targets: {
          firstResponseHours: 48,
          resolutionWorkingDays: 7,
          confirmationWorkingDays: 3,
          surveyDelayHours: 24,
          warningThreshold: 0.75,
        },
      },
    });
  });

  it('tightens for an L3 VIP: answered within 24 h, resolved within 3 working days (Thu 2025-11-27)', () => {
    const { body } = run(...nov24, '--severity', 'L3', '--tier', 'vip', '--category', 'product_quality');

    expect(body).toMatchObject({
      responseDueAt: '2025-11-25T02:00:00.000Z',
      resolutionDueAt: '2025-11-27T15:59:59.999Z',
      policy: {
        applied: ['defaults', 'severity:L3', 'tier:vip'],
        targets: { firstResponseHours: 24, resolutionWorkingDays: 3 },
      },
    });
  });

  it('reads a policy file: a billing dispute under desk-2026 is due in 12 h and 2 working days', () => {
    const { body } = run(...nov24, '--category', 'billing_dispute', '--policy', 'policy.json');

    expect(body).toMatchObject({
      responseDueAt: '2025-11-24T14:00:00.000Z',
      resolutionDueAt: '2025-11-26T15:59:59.999Z',
      policy: { version: 'desk-2026', applied: ['defaults', 'category:billing_dispute'] },
    });
  });

  it('moves only the resolution deadline for a pause: 6 h on Mon 2025-11-24 → Thu 12-04 05:59:59.999', () => {
    const { body } = run(
      ...nov24,
      '--paused-from',
      '2025-11-24T10:00:00+08:00',
      '--paused-to',
      '2025-11-24T16:00:00+08:00',
    );

    expect(body).toMatchObject({
      responseDueAt: '2025-11-26T02:00:00.000Z',
      resolutionDueAt: '2025-12-03T21:59:59.999Z',
      paused: { from: '2025-11-24T02:00:00.000Z', to: '2025-11-24T08:00:00.000Z', workingMs: 21_600_000 },
    });
  });

  it('counts only the 72 working hours of a pause across Spring Festival 2026: Sat 02-28 → Wed 03-04', () => {
    const { body } = run(
      '--received',
      '2026-02-12T15:00:00+08:00',
      '--paused-from',
      '2026-02-13T10:00:00+08:00',
      '--paused-to',
      '2026-02-25T10:00:00+08:00',
    );

    expect(body).toMatchObject({
      resolutionDueAt: '2026-03-04T15:59:59.999Z',
      provisional: false,
      paused: { workingMs: 72 * 3_600_000 },
    });
  });

  it('counts a year without a notice Monday-Friday, flags it and warns on one stderr line', () => {
    // 12-29, 30, 31 = 1..3; Fri 2027-01-01 (not known as 元旦 yet) = 4; Mon 01-04..Wed 01-06 = 5..7.
    const result = run('--received', '2026-12-28T10:00:00+08:00');

    expect(result.exitCode).toBe(0);
    expect(result.body).toMatchObject({
      resolutionDueAt: '2027-01-06T15:59:59.999Z',
      provisional: true,
      missingYears: [2027],
    });
    expect(result.stderr).toMatch(/PROVISIONAL.*2027/);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('flags a year that only the pause runs into: Mon 2026-12-21, paused 4 working days, due Tue 2027-01-05', () => {
    // Due Wed 12-30 (22, 23, 24, 25, 28, 29, 30). Pause Mon 10:00 → Fri 10:00 = 14 + 3 × 24 + 10 h = 4 days:
    // 1 ms of 12-30, Thu 12-31, Fri 2027-01-01 (Monday-Friday, no notice), Mon 01-04, 24 h - 1 ms of Tue 01-05.
    const result = run(
      '--received',
      '2026-12-21T10:00:00+08:00',
      '--paused-from',
      '2026-12-21T10:00:00+08:00',
      '--paused-to',
      '2026-12-25T10:00:00+08:00',
    );

    expect(result.body).toMatchObject({
      resolutionDueAt: '2027-01-05T15:59:59.999Z',
      provisional: true,
      missingYears: [2027],
      paused: { workingMs: 4 * 86_400_000 },
    });
    expect(result.stderr).toMatch(/PROVISIONAL.*2027/);
  });

  it.each(['calendar-2027.json', 'calendar-2027.ics'])(
    'is no longer provisional with a 2027 calendar from %s: due Thu 2027-01-07 after New Year 01-01..03',
    (file) => {
      const { body, stderr } = run('--received', '2026-12-28T10:00:00+08:00', '--calendar', file);

      expect(stderr).toBe('');
      expect(body).toMatchObject({ resolutionDueAt: '2027-01-07T15:59:59.999Z', provisional: false });
      expect(body).not.toHaveProperty('missingYears');
    },
  );

  it('layers several calendars: a company closure on Thu 2026-12-31 and the 2027 fixture push Tue 12-22 to Mon 2027-01-04', () => {
    // 12-23, 24, 25, 28, 29, 30 = 1..6; 12-31 closed; 2027-01-01..03 off; Mon 01-04 = 7.
    const plain = run('--received', '2026-12-22T10:00:00+08:00');
    const { body } = run(
      '--received',
      '2026-12-22T10:00:00+08:00',
      '--calendar',
      'company-closure.json',
      '--calendar',
      'calendar-2027.json',
    );

    expect(plain.body).toMatchObject({ resolutionDueAt: '2026-12-31T15:59:59.999Z' });
    expect(body).toMatchObject({ resolutionDueAt: '2027-01-04T15:59:59.999Z', provisional: false });
  });

  it('reads the calendar file from disk by default', () => {
    const path = new URL('../fixtures/calendar-2027.ics', import.meta.url).pathname;

    const result = deadlines(['--received', '2026-12-28T10:00:00+08:00', '--calendar', path]);

    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ resolutionDueAt: '2027-01-07T15:59:59.999Z' });
  });
});

describe('Function: runCli', () => {
  it('dispatches to the deadlines command', async () => {
    const result = await runCli(['deadlines', '--received', '2025-11-24T10:00:00+08:00']);

    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
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

describe('README: the deadlines example', () => {
  const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  /** The README's second `closeloop deadlines` command, continuation lines joined, as the shell splits it. */
  const example = () => {
    const start = readme.indexOf('npx closeloop deadlines --received 2026-12-28');
    expect(start).toBeGreaterThan(0);
    const lines = readme.slice(start).split('\n');
    const end = lines.findIndex((line) => !line.endsWith('\\'));
    const words = lines.slice(0, end + 1).join(' ').replaceAll('\\', ' ').split(/\s+/).filter(Boolean);
    expect(words.slice(0, 3)).toEqual(['npx', 'closeloop', 'deadlines']);
    return words.slice(2);
  };

  it('names files that exist in examples/', () => {
    const argv = example();

    expect(argv.filter((word, i) => argv[i - 1] === '--calendar' || argv[i - 1] === '--policy')).toEqual([
      'examples/company-days.ics',
      'examples/policy.json',
    ]);
  });

  it('runs as written through the closeloop bin: VIP L3 due in 12 h and 3 working days, the closure and the pause push it to Mon 2027-01-04, provisional', () => {
    const argv = example();

    // bin/closeloop.js is what `npx closeloop` runs; the README's paths are relative to the project root.
    const stdout = execFileSync(process.execPath, ['bin/closeloop.js', ...argv], {
      cwd: projectRoot,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });

    expect(JSON.parse(stdout)).toEqual({
      responseDueAt: '2026-12-28T14:00:00.000Z',
      resolutionDueAt: '2027-01-04T15:59:59.999Z',
      provisional: true,
      missingYears: [2027],
      policy: {
        version: 'example-2026',
        applied: ['defaults', 'severity:L3', 'tier:vip'],
        targets: {
          firstResponseHours: 12,
          resolutionWorkingDays: 3,
          confirmationWorkingDays: 3,
          surveyDelayHours: 24,
          warningThreshold: 0.75,
        },
      },
      paused: { from: '2026-12-29T02:00:00.000Z', to: '2026-12-30T02:00:00.000Z', workingMs: 86_400_000 },
    });
  });

  it('gives the same answer in process, with the provisional warning on stderr, as the README shows', async () => {
    const result = await runCli(example().map((word) => (word.startsWith('examples/') ? `${projectRoot}${word}` : word)));

    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ resolutionDueAt: '2027-01-04T15:59:59.999Z', provisional: true });
    expect(result.stderr).toMatch(/^closeloop deadlines: WARNING: PROVISIONAL: .* for 2027;/);
    expect(readme).toContain('"resolutionDueAt":"2027-01-04T15:59:59.999Z","provisional":true');
  });
});
