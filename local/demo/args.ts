/**
 * The command-line pieces of `npm start -- --demo [N] --start-at ISO`, pure so
 * they can be tested without starting anything.
 */

export const defaultDemoCount = 300;
export const maxDemoCount = 5000;

/**
 * node's parseArgs cannot take an option with an optional value, so `--demo`
 * alone becomes `--demo=300` before it runs: the token after `--demo` is its
 * value unless there is none or it is another option (`--port`, `-h`). A
 * value that is not a count is kept, so the validation below names it.
 */
export function withDemoDefault(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === '--') {
      out.push(...argv.slice(i));
      break;
    }
    if (token !== '--demo') {
      out.push(token);
      continue;
    }
    const next = argv[i + 1];
    const isValue = next !== undefined && next !== '--' && !/^-[a-zA-Z-]/.test(next);
    out.push(`--demo=${isValue ? next : defaultDemoCount}`);
    if (isValue) i++;
  }
  return out;
}

/** The number of complaints `--demo` files, 1..5000; an error names what was wrong. */
export function parseDemoCount(value: string): number {
  const count = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(count) || count < 1 || count > maxDemoCount) {
    throw new RangeError(`--demo takes a number of complaints from 1 to ${maxDemoCount}, got ${JSON.stringify(value)}`);
  }
  return count;
}

const isoInstant = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/;

/**
 * An ISO-8601 instant with a time and an offset or Z (`2025-09-15T09:00:00+08:00`):
 * a date alone or a time without an offset would depend on the machine's zone.
 * The fields must exist on the calendar (no 2025-02-30, no 24:00).
 */
export function parseStartAt(value: string): Date {
  const match = isoInstant.exec(value);
  const fail = () =>
    new RangeError(
      `--start-at takes an ISO-8601 instant with an offset or Z, such as 2025-09-15T09:00:00+08:00, got ${JSON.stringify(value)}`,
    );
  if (!match) throw fail();
  const [, y, mo, d, h, mi, s = '0', , , oh = '0', om = '0'] = match;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number];
  const calendarDay = new Date(Date.UTC(year, month - 1, day));
  const realDay = calendarDay.getUTCFullYear() === year && calendarDay.getUTCMonth() === month - 1 && calendarDay.getUTCDate() === day;
  if (!realDay || hour > 23 || minute > 59 || second > 59 || Number(oh) > 18 || Number(om) > 59) throw fail();
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw fail();
  return at;
}
