import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CalendarYearMissingError, chinaStatutoryCalendar, type BusinessCalendar } from '#domain/business-calendar.ts';
import { CalendarFileError, parseCalendarFile, withCustomCalendar } from '#domain/calendar-file.ts';
import { categories, tiers } from '#domain/complaint.ts';
import { deadlinesAtReceipt } from '#domain/deadlines.ts';
import {
  defaultSlaPolicy,
  parseSlaPolicy,
  PolicyConfigurationError,
  policyFor,
  severities,
  slaTargetsOf,
} from '#domain/sla-policy.ts';
import { extendForPause, workingTimeBetween } from '#domain/working-time.ts';
import type { Command, CommandResult } from '../cli.ts';

const USAGE = `usage: closeloop deadlines --received <ISO 8601 date-time with offset> [--tz <IANA zone>]
                          [--severity L1|L2|L3] [--tier standard|vip] [--category <category>]
                          [--paused-from <ISO> --paused-to <ISO>] [--calendar <file>]... [--policy <file>]

  Prints the first-response and resolution deadlines of a complaint received
  at that instant, on the mainland-China statutory calendar, and the policy
  targets that set them.

  --received     e.g. 2025-09-30T10:00:00+08:00 or 2025-09-30T02:00:00Z
  --tz           the desk's time zone (default Asia/Shanghai)
  --severity     L1 routine (default), L2 complex, L3 major
  --tier         standard (default) or vip
  --category     ${categories.join(', ')} (default other)
  --paused-from  with --paused-to: the clock was stopped waiting on the customer;
  --paused-to    the resolution deadline moves by the working time in between
  --calendar     a .json or .ics file of extra calendar days (company closures,
                 a year's State Council notice not yet in the package); may be
                 repeated, a later file winning on the same date
  --policy       a JSON SLA policy file (default: the built-in policy)

  A deadline counted through a year with no State Council notice is printed
  with "provisional": true and a warning on stderr: recompute it once the
  notice is loaded.
`;

// An offset is required: without one, Date.parse would read the machine's zone.
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/;

/** Reads a file named on the command line; injected so tests need no disk. */
export type ReadFile = (path: string) => string;

const readFromDisk: ReadFile = (path) => readFileSync(path, 'utf8');

interface Options {
  received?: string | undefined;
  tz?: string | undefined;
  severity?: string | undefined;
  tier?: string | undefined;
  category?: string | undefined;
  'paused-from'?: string | undefined;
  'paused-to'?: string | undefined;
  calendar?: string[] | undefined;
  policy?: string | undefined;
  help?: boolean | undefined;
}

export function deadlines(argv: readonly string[], readFile: ReadFile = readFromDisk): CommandResult {
  let values: Options;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        received: { type: 'string' },
        tz: { type: 'string' },
        severity: { type: 'string' },
        tier: { type: 'string' },
        category: { type: 'string' },
        'paused-from': { type: 'string' },
        'paused-to': { type: 'string' },
        calendar: { type: 'string', multiple: true },
        policy: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return fail(messageOf(error));
  }
  if (values.help) return { stdout: USAGE, stderr: '', exitCode: 0 };
  if (values.received === undefined) return fail('--received is required, e.g. --received 2025-09-30T10:00:00+08:00');

  const receivedAt = parseInstant(values.received);
  if (!receivedAt) return fail(notAnInstant('--received', values.received));

  const severity = values.severity ?? 'L1';
  if (!isOneOf(severities, severity)) {
    return fail(`--severity must be one of ${severities.join(', ')}, got "${severity}"`);
  }
  const tier = values.tier ?? 'standard';
  if (!isOneOf(tiers, tier)) return fail(`--tier must be one of ${tiers.join(', ')}, got "${tier}"`);
  const category = values.category ?? 'other';
  if (!isOneOf(categories, category)) {
    return fail(`--category must be one of ${categories.join(', ')}, got "${category}"`);
  }

  const pause = parsePause(values['paused-from'], values['paused-to']);
  if (typeof pause === 'string') return fail(pause);
  if (pause && pause.from < receivedAt) {
    return fail('--paused-from must not be before --received: a pause needs a complaint to pause');
  }

  try {
    const policy =
      values.policy === undefined
        ? defaultSlaPolicy
        : parseSlaPolicy(read(readFile, values.policy, '--policy'), values.policy);
    let calendar = chinaStatutoryCalendar(values.tz ?? 'Asia/Shanghai');
    for (const file of values.calendar ?? []) {
      calendar = withCustomCalendar(calendar, parseCalendarFile(read(readFile, file, '--calendar'), file));
    }

    const inForce = policyFor(policy, { severity, tier, category });
    const due = deadlinesAtReceipt(receivedAt, calendar, slaTargetsOf(inForce));
    const missing = [...(due.provisional?.missingYears ?? [])];
    let resolutionDueAt = due.resolutionDueAt;
    let paused: { from: string; to: string; workingMs: number } | undefined;
    if (pause) {
      // Counted like the deadline itself: a year without a notice is counted Monday-Friday and flagged.
      const extended = provisionally(calendar, missing, (counting) => ({
        workingMs: workingTimeBetween(pause.from, pause.to, counting),
        dueAt: extendForPause(due.resolutionDueAt, pause.from, pause.to, counting),
      }));
      resolutionDueAt = extended.dueAt;
      paused = { from: pause.from.toISOString(), to: pause.to.toISOString(), workingMs: extended.workingMs };
    }
    const missingYears = missing.length > 0 ? missing.sort((a, b) => a - b) : undefined;

    const body = {
      responseDueAt: due.responseDueAt.toISOString(),
      resolutionDueAt: resolutionDueAt.toISOString(),
      provisional: missingYears !== undefined,
      ...(missingYears ? { missingYears } : {}),
      policy: { version: inForce.version, applied: inForce.applied, targets: inForce.targets },
      ...(paused ? { paused } : {}),
    };
    const warning = missingYears
      ? `closeloop deadlines: WARNING: PROVISIONAL: no State Council holiday calendar (国务院节假日安排) for ` +
        `${missingYears.join(', ')}; those days were counted Monday-Friday. Load the notice (--calendar) and recompute.\n`
      : '';
    return { stdout: `${JSON.stringify(body, null, 2)}\n`, stderr: warning, exitCode: 0 };
  } catch (error) {
    if (
      error instanceof CalendarYearMissingError ||
      error instanceof CalendarFileError ||
      error instanceof PolicyConfigurationError ||
      error instanceof CliInputError ||
      error instanceof RangeError
    ) {
      return fail(error.message);
    }
    throw error;
  }
}

export const deadlinesCommand: Command = {
  summary: 'print the response and resolution deadlines of a complaint',
  run: (argv) => deadlines(argv),
};

/** Runs `count`, treating each year it finds missing as Monday-Friday and recording it in `missing`. */
function provisionally<T>(calendar: BusinessCalendar, missing: number[], count: (calendar: BusinessCalendar) => T): T {
  let counting = missing.length > 0 ? calendar.withEntries([], missing) : calendar;
  for (;;) {
    try {
      return count(counting);
    } catch (error) {
      if (!(error instanceof CalendarYearMissingError) || missing.includes(error.year)) throw error;
      missing.push(error.year);
      counting = counting.withEntries([], [error.year]);
    }
  }
}

class CliInputError extends Error {
  override readonly name = 'CliInputError';
}

function read(readFile: ReadFile, path: string, flag: string): string {
  try {
    return readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliInputError(`${flag} ${path}: cannot read the file${code ? ` (${code})` : `: ${messageOf(error)}`}`);
  }
}

function parsePause(
  fromText: string | undefined,
  toText: string | undefined,
): { from: Date; to: Date } | string | undefined {
  if (fromText === undefined && toText === undefined) return undefined;
  if (fromText === undefined || toText === undefined) return '--paused-from and --paused-to must be given together';
  const from = parseInstant(fromText);
  if (!from) return notAnInstant('--paused-from', fromText);
  const to = parseInstant(toText);
  if (!to) return notAnInstant('--paused-to', toText);
  if (to <= from) return `--paused-to (${toText}) must be after --paused-from (${fromText})`;
  return { from, to };
}

function parseInstant(text: string): Date | undefined {
  const match = INSTANT.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second = 0] = match.map(Number);
  // Date.parse quietly rolls 2025-02-30 into March; a typo must not shift a deadline.
  const calendarDay = new Date(Date.UTC(year!, month! - 1, day));
  if (calendarDay.getUTCMonth() !== month! - 1 || calendarDay.getUTCDate() !== day!) return undefined;
  if (hour! > 23 || minute! > 59 || second > 59) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

function notAnInstant(flag: string, text: string): string {
  return `${flag} "${text}" is not an ISO 8601 date-time with an offset, e.g. 2025-09-30T10:00:00+08:00`;
}

function isOneOf<T extends string>(allowed: readonly T[], value: string): value is T {
  return (allowed as readonly string[]).includes(value);
}

/** One line on stderr: a policy error from zod spans several, and a CLI user reads the first screen. */
function fail(message: string): CommandResult {
  return { stdout: '', stderr: `closeloop deadlines: ${message.replace(/\s*\n\s*/g, ' ')}\n`, exitCode: 2 };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
