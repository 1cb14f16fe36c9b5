import { parseArgs } from 'node:util';
import { CalendarYearMissingError, chinaStatutoryCalendar } from '#domain/business-calendar.ts';
import { computeDeadlines } from '#domain/deadlines.ts';
import type { Command, CommandResult } from '../cli.ts';

const USAGE = `usage: closeloop deadlines --received <ISO 8601 date-time with offset> [--tz <IANA zone>]

  Prints the first-response and resolution deadlines of a complaint received
  at that instant, on the mainland-China statutory calendar.

  --received  e.g. 2025-09-30T10:00:00+08:00 or 2025-09-30T02:00:00Z
  --tz        the desk's time zone (default Asia/Shanghai)
`;

// An offset is required: without one, Date.parse would read the machine's zone.
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/;

export function deadlines(argv: readonly string[]): CommandResult {
  let values: { received?: string | undefined; tz?: string | undefined; help?: boolean | undefined };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        received: { type: 'string' },
        tz: { type: 'string' },
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
  if (!receivedAt) {
    return fail(
      `--received "${values.received}" is not an ISO 8601 date-time with an offset, e.g. 2025-09-30T10:00:00+08:00`,
    );
  }

  try {
    const calendar = chinaStatutoryCalendar(values.tz ?? 'Asia/Shanghai');
    const due = computeDeadlines(receivedAt, calendar);
    const body = { responseDueAt: due.responseDueAt.toISOString(), resolutionDueAt: due.resolutionDueAt.toISOString() };
    return { stdout: `${JSON.stringify(body, null, 2)}\n`, stderr: '', exitCode: 0 };
  } catch (error) {
    if (error instanceof CalendarYearMissingError || error instanceof RangeError) return fail(error.message);
    throw error;
  }
}

export const deadlinesCommand: Command = {
  summary: 'print the response and resolution deadlines of a complaint',
  run: deadlines,
};

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

function fail(message: string): CommandResult {
  return { stdout: '', stderr: `closeloop deadlines: ${message}\n`, exitCode: 2 };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
