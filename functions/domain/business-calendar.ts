// Raw data of chinese-days (maintained from the State Council's yearly
// 国务院办公厅关于部分节假日安排的通知); we read its JSON rather than keep a
// hand-typed copy, so a package update brings next year's notice.
import chineseDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' };

export type LocalDate = string; // 'YYYY-MM-DD' in the desk's time zone
export type DayKind = 'working' | 'weekend' | 'holiday' | 'makeup_working';

export interface CalendarEntry {
  date: LocalDate;
  kind: 'holiday' | 'working';
  /** English; a make-up working day is named after the holiday it pays for ("Spring Festival make-up working day"). */
  name: string;
  nameZh?: string;
}

export class CalendarYearMissingError extends Error {
  override readonly name = 'CalendarYearMissingError';
  readonly year: number;

  constructor(year: number, coveredYears: readonly number[] = []) {
    const covered = coveredYears.length > 0 ? describeYears(coveredYears) : 'none';
    super(
      `BUSINESS CALENDAR MISSING FOR ${year}: working days in ${year} cannot be counted until the ` +
        `State Council holiday calendar (国务院节假日安排) for ${year} is loaded; covered years: ${covered}`,
    );
    this.year = year;
  }
}

const DAY_MS = 86_400_000;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export class BusinessCalendar {
  readonly timeZone: string;
  readonly #coveredYears: ReadonlySet<number>;
  readonly #entries: ReadonlyMap<LocalDate, CalendarEntry>;
  readonly #wallClock: Intl.DateTimeFormat;
  /** Local midnights already found, by wall-clock reading: a zone's offsets never change within a process. */
  readonly #instantsAtWall = new Map<number, number>();
  /** Working or not, by date: a report asks it for the same few hundred days for every row. Covered dates only. */
  readonly #workingDays = new Map<LocalDate, boolean>();

  constructor(opts: { timeZone: string; coveredYears: Iterable<number>; entries: Iterable<CalendarEntry> }) {
    this.#wallClock = wallClockFormat(opts.timeZone);
    this.timeZone = opts.timeZone;

    const years = new Set<number>();
    for (const year of opts.coveredYears) {
      if (!Number.isInteger(year)) throw new RangeError(`Covered year must be an integer, got ${year}`);
      years.add(year);
    }
    this.#coveredYears = years;

    const entries = new Map<LocalDate, CalendarEntry>();
    for (const entry of opts.entries) {
      parseLocalDate(entry.date);
      if (entry.kind !== 'holiday' && entry.kind !== 'working') {
        throw new RangeError(`Calendar entry ${entry.date} has unknown kind "${String(entry.kind)}"`);
      }
      entries.set(entry.date, { ...entry });
    }
    this.#entries = entries;
  }

  get coveredYears(): number[] {
    return [...this.#coveredYears].sort((a, b) => a - b);
  }

  covers(year: number): boolean {
    return this.#coveredYears.has(year);
  }

  dayKind(date: LocalDate): DayKind {
    const { dayOfWeek } = this.#coveredDay(date);
    const weekend = dayOfWeek === 0 || dayOfWeek === 6;
    const entry = this.#entries.get(date);
    if (entry?.kind === 'holiday') return 'holiday';
    if (entry?.kind === 'working') return weekend ? 'makeup_working' : 'working';
    return weekend ? 'weekend' : 'working';
  }

  isWorkingDay(date: LocalDate): boolean {
    const known = this.#workingDays.get(date);
    if (known !== undefined) return known;
    // dayKind throws for a year without a notice, so only covered dates are ever remembered.
    const kind = this.dayKind(date);
    const working = kind === 'working' || kind === 'makeup_working';
    if (this.#workingDays.size >= 20_000) this.#workingDays.clear();
    this.#workingDays.set(date, working);
    return working;
  }

  /** Throws for an uncovered year too: "no holiday" must never be a guess. */
  holidayName(date: LocalDate): string | undefined {
    this.#coveredDay(date);
    const entry = this.#entries.get(date);
    return entry?.kind === 'holiday' ? entry.name : undefined;
  }

  entry(date: LocalDate): CalendarEntry | undefined {
    this.#coveredDay(date);
    const entry = this.#entries.get(date);
    return entry ? { ...entry } : undefined;
  }

  /** The entries of one covered year, by date; [] for a year without a notice, which has no entries to show. */
  entriesIn(year: number): CalendarEntry[] {
    if (!this.#coveredYears.has(year)) return [];
    const prefix = `${String(year).padStart(4, '0')}-`;
    return [...this.#entries.values()]
      .filter((e) => e.date.startsWith(prefix))
      .sort((a, b) => a.date.localeCompare(b.date))
      .map((e) => ({ ...e }));
  }

  localDateOf(instant: Date): LocalDate {
    const wall = this.#wallClockMs(assertInstant(instant).getTime());
    return toLocalDate(wall);
  }

  /**
   * The first instant of the local day. Usually 00:00 local, but where a DST
   * gap swallows midnight (America/Santiago, Asia/Beirut) it is the moment
   * the clocks jump, and where midnight happens twice it is the first one.
   */
  startOfLocalDay(date: LocalDate): Date {
    const { wall } = parseLocalDate(date);
    return new Date(this.#firstInstantAtOrAfterWall(wall));
  }

  /**
   * The last instant of the local day: 23:59:59.999 local, and on a day whose
   * last hour is repeated (DST ends at midnight) the later of the two.
   */
  endOfLocalDay(date: LocalDate): Date {
    const { wall } = parseLocalDate(date);
    return new Date(this.#firstInstantAtOrAfterWall(wall + DAY_MS) - 1);
  }

  nthWorkingDayAfter(date: LocalDate, n: number): LocalDate {
    if (!Number.isInteger(n) || n < 1) {
      throw new RangeError(`Working-day count must be a positive integer, got ${n}`);
    }
    let day = parseLocalDate(date).wall;
    let found = 0;
    while (found < n) {
      day += DAY_MS;
      if (this.isWorkingDay(toLocalDate(day))) found += 1;
    }
    return toLocalDate(day);
  }

  /** Working days in (fromExclusive, toInclusive]; negative when `to` is before `from`. */
  workingDaysBetween(fromExclusive: LocalDate, toInclusive: LocalDate): number {
    const from = parseLocalDate(fromExclusive).wall;
    const to = parseLocalDate(toInclusive).wall;
    if (to < from) return -this.workingDaysBetween(toInclusive, fromExclusive);
    let count = 0;
    for (let day = from + DAY_MS; day <= to; day += DAY_MS) {
      if (this.isWorkingDay(toLocalDate(day))) count += 1;
    }
    return count;
  }

  /** Company entries (a shutdown day, a later year's notice) layered on top; later entries win. */
  withEntries(entries: Iterable<CalendarEntry>, coveredYears: Iterable<number> = []): BusinessCalendar {
    return new BusinessCalendar({
      timeZone: this.timeZone,
      coveredYears: [...this.#coveredYears, ...coveredYears],
      entries: [...this.#entries.values(), ...entries],
    });
  }

  withTimeZone(timeZone: string): BusinessCalendar {
    return new BusinessCalendar({
      timeZone,
      coveredYears: this.#coveredYears,
      entries: this.#entries.values(),
    });
  }

  #coveredDay(date: LocalDate): { dayOfWeek: number } {
    const { year, wall } = parseLocalDate(date);
    if (!this.#coveredYears.has(year)) throw new CalendarYearMissingError(year, this.coveredYears);
    return { dayOfWeek: new Date(wall).getUTCDay() };
  }

  /** The local wall-clock reading of an instant, encoded as if it were UTC milliseconds. */
  #wallClockMs(instantMs: number): number {
    const parts: Record<string, number> = {};
    for (const part of this.#wallClock.formatToParts(instantMs)) {
      if (part.type !== 'literal') parts[part.type] = Number(part.value);
    }
    const seconds = Date.UTC(
      parts.year ?? NaN,
      (parts.month ?? NaN) - 1,
      parts.day ?? NaN,
      parts.hour ?? NaN,
      parts.minute ?? NaN,
      parts.second ?? NaN,
    );
    return seconds + mod(instantMs, 1000);
  }

  #offsetMs(instantMs: number): number {
    return this.#wallClockMs(instantMs) - instantMs;
  }

  /**
   * The earliest instant whose wall clock reads `wall` or, if `wall` falls in
   * a DST gap, the instant the clocks jump past it. Assumes at most one offset
   * change within a day either side, which holds for every IANA zone.
   */
  #firstInstantAtOrAfterWall(wall: number): number {
    let instant = this.#instantsAtWall.get(wall);
    if (instant === undefined) {
      // Reports evaluate working time over the same few hundred days for every row: a few Intl lookups each, once.
      if (this.#instantsAtWall.size >= 20_000) this.#instantsAtWall.clear();
      instant = this.#findFirstInstantAtOrAfterWall(wall);
      this.#instantsAtWall.set(wall, instant);
    }
    return instant;
  }

  #findFirstInstantAtOrAfterWall(wall: number): number {
    const before = this.#offsetMs(wall - DAY_MS);
    const after = this.#offsetMs(wall + DAY_MS);
    const exact = [wall - before, wall - after].filter((t) => this.#wallClockMs(t) === wall);
    if (exact.length > 0) return Math.min(...exact);

    // In a gap the offset grows (after > before): the jump lies in between.
    let lo = wall - after;
    let hi = wall - before;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (this.#wallClockMs(mid) > wall) hi = mid;
      else lo = mid;
    }
    return hi;
  }
}

/** The mainland-China statutory calendar, for the years chinese-days has a State Council notice for. */
export function chinaStatutoryCalendar(timeZone = 'Asia/Shanghai'): BusinessCalendar {
  return new BusinessCalendar({ timeZone, coveredYears: statutory.years, entries: statutory.entries });
}

export function isLocalDate(value: string): value is LocalDate {
  try {
    parseLocalDate(value);
    return true;
  } catch {
    return false;
  }
}

/** The day after each date asked for: working-time loops step a day at a time over the same dates. */
const nextDays = new Map<LocalDate, LocalDate>();

export function addDays(date: LocalDate, days: number): LocalDate {
  if (days === 1) {
    let next = nextDays.get(date);
    if (next === undefined) {
      next = toLocalDate(parseLocalDate(date).wall + DAY_MS);
      if (nextDays.size >= 20_000) nextDays.clear();
      nextDays.set(date, next);
    }
    return next;
  }
  return toLocalDate(parseLocalDate(date).wall + days * DAY_MS);
}

const statutory = loadChineseDays(chineseDays);

function loadChineseDays(data: { holidays: Record<string, string>; workdays: Record<string, string> }): {
  years: number[];
  entries: CalendarEntry[];
} {
  const entries: CalendarEntry[] = [];
  const years = new Set<number>();
  // Values look like "Spring Festival,春节,4": English, Chinese, statutory day count.
  const add = (kind: CalendarEntry['kind'], table: Record<string, string>) => {
    for (const [date, value] of Object.entries(table)) {
      const [english = value, chinese] = value.split(',');
      years.add(parseLocalDate(date).year);
      entries.push(
        kind === 'holiday'
          ? { date, kind, name: english, ...(chinese ? { nameZh: chinese } : {}) }
          : {
              date,
              kind,
              name: `${english} make-up working day`,
              ...(chinese ? { nameZh: `${chinese}调休上班` } : {}),
            },
      );
    }
  };
  add('holiday', data.holidays);
  add('working', data.workdays);
  return { years: [...years].sort((a, b) => a - b), entries };
}

function wallClockFormat(timeZone: string): Intl.DateTimeFormat {
  if (typeof timeZone !== 'string' || timeZone.trim() === '') {
    throw new RangeError('Time zone is required: give an IANA name such as "Asia/Shanghai"');
  }
  try {
    return new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'iso8601',
      numberingSystem: 'latn',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
  } catch (error) {
    if (error instanceof RangeError) {
      throw new RangeError(`Unknown time zone "${timeZone}": give an IANA name such as "Asia/Shanghai"`, {
        cause: error,
      });
    }
    throw error;
  }
}

function parseLocalDate(date: LocalDate): { year: number; wall: number } {
  const match = typeof date === 'string' ? LOCAL_DATE.exec(date) : null;
  if (match) {
    const year = Number(match[1]);
    const month = Number(match[2]);
    const day = Number(match[3]);
    const wall = Date.UTC(year, month - 1, day);
    // Date.UTC maps years 0..99 to 1900..1999, and rolls Feb 30 into March.
    if (toLocalDate(wall) === date) return { year, wall };
  }
  throw new RangeError(`Invalid local date "${String(date)}": expected a real calendar date as YYYY-MM-DD`);
}

function toLocalDate(wall: number): LocalDate {
  const d = new Date(wall);
  const year = String(d.getUTCFullYear()).padStart(4, '0');
  const month = String(d.getUTCMonth() + 1).padStart(2, '0');
  const day = String(d.getUTCDate()).padStart(2, '0');
  return `${year}-${month}-${day}`;
}

function assertInstant(instant: Date): Date {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new RangeError(`Invalid instant: ${String(instant)}`);
  }
  return instant;
}

function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}

function describeYears(years: readonly number[]): string {
  const ranges: string[] = [];
  let start = years[0]!;
  let prev = start;
  for (const year of [...years.slice(1), Number.NaN]) {
    if (year === prev + 1) {
      prev = year;
      continue;
    }
    ranges.push(start === prev ? `${start}` : `${start}-${prev}`);
    start = year;
    prev = year;
  }
  return ranges.join(', ');
}
