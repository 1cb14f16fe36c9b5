import ICAL from 'ical.js';
import * as z from 'zod';
import {
  addDays,
  isLocalDate,
  type CalendarEntry,
  type LocalDate,
} from '#domain/business-calendar.ts';
import type { CustomCalendar } from '#domain/custom-calendar.ts';

// What the desk holds once read; kept apart so functions that only apply a calendar bundle no parser.
export { type CustomCalendar, mergeCustomCalendars, withCustomCalendar } from '#domain/custom-calendar.ts';

/*
 * Calendar entries a desk adds on top of the statutory calendar: a company
 * closure day, an extra working day, or a whole year's State Council notice
 * (国务院办公厅关于部分节假日安排的通知) published before the chinese-days
 * package carries it. Entries override the statutory day; a year becomes
 * "covered" (counted at all) only when the file declares it and gives its
 * schedule, because a covered year with no entries would quietly count as
 * weekends-only, the very guess BusinessCalendar refuses to make.
 *
 * JSON format:
 *
 *   {
 *     "description": "optional free text, e.g. where the schedule comes from",
 *     "coveredYears": [2027],
 *     "entries": [
 *       { "date": "2027-02-06", "kind": "holiday", "name": "春节 Spring Festival" },
 *       { "date": "2027-02-14", "kind": "working", "name": "春节调休 make-up day", "nameZh": "春节调休上班" }
 *     ]
 *   }
 *
 * - coveredYears: optional; each year listed must have at least one entry.
 *   A file of company days alone covers nothing new.
 * - date: a real YYYY-MM-DD (local date of the desk); kind: holiday | working;
 *   name: 1..100 characters; nameZh optional, 1..100 characters.
 * - the same date twice is allowed only with the same kind.
 *
 * iCalendar (RFC 5545) format, read with ical.js: all-day VEVENTs, DTSTART;VALUE=DATE:20270206
 * with an optional exclusive DTEND;VALUE=DATE (or DURATION:PnD / PnW), each
 * day of a multi-day event becoming one entry named by its SUMMARY. The kind
 * comes from, in order: X-CLOSELOOP-KIND:holiday|working; Apple's
 * X-APPLE-SPECIAL-DAY (ALTERNATE-WORKDAY / WORK-HOLIDAY, as chinese-days
 * writes it); CATEGORIES mentioning working, workday, 补班 or 上班; a SUMMARY
 * mentioning 补班, 上班, (班), make-up, working or workday; else holiday.
 * X-CLOSELOOP-COVERED-YEARS:2027[,2028] on the VCALENDAR declares covered years.
 */

export class CalendarFileError extends Error {
  override readonly name = 'CalendarFileError';
}

const MAX_NAME = 100;
// A typo such as DTEND in the wrong year must not expand into years of holidays.
const MAX_EVENT_DAYS = 366;

const LocalDateSchema = z.string().refine(isLocalDate, {
  error: (issue) => `expected a real calendar date as YYYY-MM-DD, got ${JSON.stringify(issue.input)}`,
});
const NameSchema = z
  .string()
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(MAX_NAME, { error: `must be at most ${MAX_NAME} characters` });

const EntrySchema = z.strictObject({
  date: LocalDateSchema,
  kind: z.enum(['holiday', 'working'], { error: 'expected "holiday" or "working"' }),
  name: NameSchema,
  nameZh: NameSchema.optional(),
});

const CalendarFileSchema = z.strictObject({
  description: z.string().max(2000).optional(),
  coveredYears: z
    .array(z.int({ error: 'expected a year such as 2027' }).min(1900).max(2999))
    .optional()
    .default([]),
  entries: z.array(EntrySchema).min(1, { error: 'a calendar file needs at least one entry' }),
});

export function parseCalendarJson(text: string, source = 'calendar.json'): CustomCalendar {
  const body = stripBom(text);
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch (error) {
    throw new CalendarFileError(`${source}: not valid JSON: ${jsonSyntaxMessage(error, body)}`);
  }
  const parsed = CalendarFileSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 5).map((issue) => {
      const field = formatPath(issue.path);
      if (!field) return 'expected a JSON object such as {"coveredYears": [2027], "entries": [...]}';
      const missing = 'input' in issue && issue.input === undefined && issue.code !== 'unrecognized_keys';
      return `${field}: ${missing ? 'is required' : issue.message}`;
    });
    const more = parsed.error.issues.length > 5 ? ` (and ${parsed.error.issues.length - 5} more)` : '';
    throw new CalendarFileError(`${source}: ${problems.join('; ')}${more}`);
  }
  return assemble(
    source,
    parsed.data.entries.map((entry, i) => ({ entry: { ...entry }, where: `entries[${i}]` })),
    parsed.data.coveredYears.map((year, i) => ({ year, where: `coveredYears[${i}]` })),
  );
}

export function parseCalendarIcs(text: string, source = 'calendar.ics'): CustomCalendar {
  const body = stripBom(text);
  const fail = (line: number, message: string) => new CalendarFileError(`${source}: line ${line}: ${message}`);
  const outlines = outline(body, fail);
  if (outlines.length === 0) throw new CalendarFileError(`${source}: not an iCalendar file: no BEGIN:VCALENDAR found`);
  let parsed: unknown;
  try {
    parsed = ICAL.parse(body);
  } catch (error) {
    throw new CalendarFileError(`${source}: ${error instanceof Error ? error.message : String(error)}`);
  }
  // ical.js answers one root component bare, several as a list.
  const roots = (outlines.length === 1 ? [parsed] : parsed) as unknown[];

  const located: Located[] = [];
  const declared: DeclaredYear[] = [];
  roots.forEach((jcal, i) => {
    const calendar = locate(new ICAL.Component(jcal as unknown[]), outlines[i] as Outline);
    for (const prop of calendar.all('x-closeloop-covered-years')) {
      for (const item of String(prop.property.getFirstValue()).split(',')) {
        const year = item.trim();
        if (!/^\d{4}$/.test(year)) {
          throw fail(prop.line, `X-CLOSELOOP-COVERED-YEARS: "${year}" is not a year such as 2027`);
        }
        declared.push({ year: Number(year), where: `line ${prop.line} (X-CLOSELOOP-COVERED-YEARS)` });
      }
    }
    for (const child of calendar.children) {
      const misplaced = child.deep.find((prop) => prop.name === 'X-CLOSELOOP-COVERED-YEARS');
      if (misplaced) {
        throw fail(misplaced.line, 'X-CLOSELOOP-COVERED-YEARS belongs on the VCALENDAR, not inside a component');
      }
      // Properties of components nested in an event (a VALARM's own SUMMARY) are not the event's.
      if (child.component.name === 'vevent') located.push(...eventEntries(child, fail));
    }
  });
  if (located.length === 0) throw new CalendarFileError(`${source}: no VEVENT with a date found`);
  return assemble(source, located, declared);
}

/** Chooses the parser by extension, so a CLI flag or a config value can name either kind of file. */
export function parseCalendarFile(text: string, fileName: string): CustomCalendar {
  const extension = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (extension === 'json') return parseCalendarJson(text, fileName);
  if (extension === 'ics' || extension === 'ical' || extension === 'ifb') return parseCalendarIcs(text, fileName);
  throw new CalendarFileError(`${fileName}: unsupported calendar file type: expected a .json or .ics file`);
}

interface Located {
  entry: CalendarEntry;
  /** Where in the file the entry came from, for error messages. */
  where: string;
}

interface DeclaredYear {
  year: number;
  where: string;
}

/** Checks shared by both formats: conflicting duplicates, and covered years that come with a schedule. */
function assemble(source: string, located: Located[], declared: DeclaredYear[]): CustomCalendar {
  const byDate = new Map<LocalDate, Located>();
  for (const item of located) {
    const earlier = byDate.get(item.entry.date);
    if (!earlier) {
      byDate.set(item.entry.date, item);
      continue;
    }
    if (earlier.entry.kind !== item.entry.kind) {
      throw new CalendarFileError(
        `${source}: ${item.where}: ${item.entry.date} is listed as ${item.entry.kind} but ${earlier.where} ` +
          `lists it as ${earlier.entry.kind}`,
      );
    }
  }

  const yearsWithEntries = new Set([...byDate.keys()].map((date) => Number(date.slice(0, 4))));
  for (const { year, where } of declared) {
    if (!yearsWithEntries.has(year)) {
      throw new CalendarFileError(
        `${source}: ${where}: ${year} is declared covered but no entry falls in it; a covered year needs ` +
          `its full holiday and make-up day schedule`,
      );
    }
  }

  return {
    coveredYears: [...new Set(declared.map((d) => d.year))].sort((a, b) => a - b),
    entries: [...byDate.values()].map((l) => l.entry).sort((a, b) => a.date.localeCompare(b.date)),
    source,
  };
}

type Fail = (line: number, message: string) => CalendarFileError;

/** Where a component and its own properties are in the file, in file order (ical.js keeps no positions). */
interface Outline {
  name: string;
  line: number;
  props: { name: string; line: number; text: string }[];
  children: Outline[];
}

/**
 * The file's component tree with a line for every property, so that every
 * message can name the line a person must fix. ical.js does the reading
 * (unfolding, parameters, escapes, value types); this pass only finds lines
 * and reports broken nesting where it happens.
 */
function outline(text: string, fail: Fail): Outline[] {
  const roots: Outline[] = [];
  const stack: Outline[] = [];
  const logical: { line: number; text: string }[] = [];
  text.split(/\r\n|\n|\r/).forEach((physical, index) => {
    // RFC 5545 §3.1: a line starting with a space or tab continues the previous one.
    if (physical.startsWith(' ') || physical.startsWith('\t')) {
      const previous = logical.at(-1);
      if (!previous) throw fail(index + 1, 'continuation line with nothing to continue');
      previous.text += physical.slice(1);
    } else if (physical.trim() !== '') {
      logical.push({ line: index + 1, text: physical });
    }
  });
  for (const { line, text: content } of logical) {
    const name = /^[A-Za-z0-9-]+(?=[;:])/.exec(content)?.[0]?.toUpperCase();
    if (!name || !content.includes(':')) throw fail(line, `expected NAME:value: ${JSON.stringify(truncate(content, 60))}`);
    const value = content.slice(content.indexOf(':') + 1).trim();
    const inside = stack.at(-1);
    if (name === 'BEGIN') {
      const component = value.toUpperCase();
      if (!inside && component !== 'VCALENDAR') throw fail(line, `expected BEGIN:VCALENDAR, found BEGIN:${value}`);
      if (inside && component === 'VCALENDAR') throw fail(line, 'BEGIN:VCALENDAR inside another component');
      const opened: Outline = { name: component, line, props: [], children: [] };
      (inside ? inside.children : roots).push(opened);
      stack.push(opened);
    } else if (name === 'END') {
      if (inside?.name !== value.toUpperCase()) {
        throw fail(line, `END:${value} does not close ${inside ? `BEGIN:${inside.name}` : 'anything'}`);
      }
      stack.pop();
    } else if (!inside) {
      throw fail(line, `${name} outside BEGIN:VCALENDAR ... END:VCALENDAR`);
    } else {
      inside.props.push({ name, line, text: content });
    }
  }
  const open = stack.at(-1);
  if (open) throw fail(open.line, `BEGIN:${open.name} is never closed (missing END:${open.name})`);
  return roots;
}

interface LocatedProperty {
  property: ICAL.Property;
  name: string;
  line: number;
  /** The content line as written, for messages. */
  text: string;
}

interface LocatedComponent {
  component: ICAL.Component;
  line: number;
  props: LocatedProperty[];
  /** Every property of this component and the ones nested in it. */
  deep: LocatedProperty[];
  children: LocatedComponent[];
  first(name: string): LocatedProperty | undefined;
  all(name: string): LocatedProperty[];
}

/** Pairs ical.js's components and properties with the outline's lines: both keep file order. */
function locate(component: ICAL.Component, where: Outline): LocatedComponent {
  const props = component.getAllProperties().map((property, i) => {
    const at = where.props[i];
    return { property, name: property.name.toUpperCase(), line: at?.line ?? where.line, text: at?.text ?? '' };
  });
  const children = component.getAllSubcomponents().map((child, i) => locate(child, where.children[i] ?? where));
  const key = (name: string) => name.toUpperCase();
  return {
    component,
    line: where.line,
    props,
    deep: [...props, ...children.flatMap((child) => child.deep)],
    children,
    first: (name) => props.find((prop) => prop.name === key(name)),
    all: (name) => props.filter((prop) => prop.name === key(name)),
  };
}

function eventEntries(event: LocatedComponent, fail: Fail): Located[] {
  const where = `line ${event.line} (VEVENT)`;

  if (event.first('RRULE') || event.first('RDATE')) {
    throw fail(event.line, 'recurring events (RRULE/RDATE) are not supported: list each day as its own event');
  }
  if (String(event.first('STATUS')?.property.getFirstValue() ?? '').trim().toUpperCase() === 'CANCELLED') return [];

  const dtstart = event.first('DTSTART');
  if (!dtstart) throw fail(event.line, 'VEVENT has no DTSTART');
  const start = allDayDate(dtstart, fail);

  let days = 1;
  const dtend = event.first('DTEND');
  const duration = event.first('DURATION');
  if (dtend && duration) throw fail(duration.line, 'VEVENT has both DTEND and DURATION');
  if (dtend) {
    const end = allDayDate(dtend, fail);
    days = Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000);
    if (days < 1) throw fail(dtend.line, `DTEND ${end} must be after DTSTART ${start} (DTEND is exclusive)`);
  } else if (duration) {
    days = wholeDays(duration, fail);
  }
  if (days > MAX_EVENT_DAYS) {
    throw fail(event.line, `event spans ${days} days from ${start}; at most ${MAX_EVENT_DAYS} are accepted`);
  }

  const summary = event.first('SUMMARY');
  const kind = eventKind(event, fail);
  const text = summary ? textOf(summary).replace(/\s+/g, ' ').trim() : '';
  const name = text || (kind === 'holiday' ? 'Company holiday' : 'Company working day');
  if (name.length > MAX_NAME) throw fail(summary?.line ?? event.line, `SUMMARY must be at most ${MAX_NAME} characters`);

  return Array.from({ length: days }, (_, offset) => ({
    entry: { date: addDays(start, offset), kind, name },
    where: `${where} ${JSON.stringify(name)}`,
  }));
}

function allDayDate(prop: LocatedProperty, fail: Fail): LocalDate {
  // ical.js gives a DATE as YYYY-MM-DD, whatever the file had after the colon.
  const raw: unknown = (prop.property.toJSON() as unknown[])[3];
  const value = typeof raw === 'string' ? raw : '';
  if (prop.property.type !== 'date') {
    throw fail(
      prop.line,
      `${prop.name} must be an all-day date such as ${prop.name};VALUE=DATE:20270206, got "${truncate(prop.text, 40)}"`,
    );
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !isLocalDate(value)) {
    throw fail(prop.line, `${prop.name} ${value.replaceAll('-', '')} is not a real calendar date`);
  }
  return value;
}

function wholeDays(prop: LocatedProperty, fail: Fail): number {
  const bad = () => fail(prop.line, `DURATION "${truncate(prop.text, 40)}" must be whole days or weeks, e.g. P3D`);
  let duration: ICAL.Duration;
  try {
    duration = prop.property.getFirstValue() as ICAL.Duration;
  } catch {
    throw bad();
  }
  if (duration.isNegative || duration.hours || duration.minutes || duration.seconds) throw bad();
  const days = duration.weeks * 7 + duration.days;
  if (days < 1) throw fail(prop.line, 'DURATION must be at least one day');
  return days;
}

const WORKING_CATEGORY = /(?<!non[- ]?)working|workday|补班|上班/i;
// "non-working" names a day off; "(班)" is how chinese-days marks a make-up day ("春节(班)").
const WORKING_SUMMARY = /补班|调休上班|上班|[(（]班[)）]|make-?up|(?<!non[- ]?)working|workday/i;

function eventKind(event: LocatedComponent, fail: Fail): CalendarEntry['kind'] {
  const explicit = event.first('X-CLOSELOOP-KIND');
  if (explicit) {
    const kind = textOf(explicit).trim().toLowerCase();
    if (kind !== 'holiday' && kind !== 'working') {
      throw fail(explicit.line, `X-CLOSELOOP-KIND must be holiday or working, got "${truncate(textOf(explicit), 40)}"`);
    }
    return kind;
  }
  // Written by chinese-days and Apple calendars; it is the only thing that tells the
  // 2015 victory-day holiday from its make-up day, which share one SUMMARY.
  const apple = event.first('X-APPLE-SPECIAL-DAY');
  const marker = apple ? textOf(apple).trim().toUpperCase() : undefined;
  if (marker === 'ALTERNATE-WORKDAY') return 'working';
  if (marker === 'WORK-HOLIDAY') return 'holiday';

  const categories = event.all('CATEGORIES').flatMap((prop) => prop.property.getValues().map(String));
  if (categories.some((category) => WORKING_CATEGORY.test(category))) return 'working';
  const summary = event.first('SUMMARY');
  if (summary && WORKING_SUMMARY.test(textOf(summary))) return 'working';
  return 'holiday';
}

function textOf(prop: LocatedProperty): string {
  return String(prop.property.getFirstValue() ?? '');
}

function jsonSyntaxMessage(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : String(error);
  // Node 20's messages give only a character position; people read files by line.
  const position = /at position (\d+)/.exec(message)?.[1];
  if (position === undefined || /line \d+/.test(message)) return message;
  const before = text.slice(0, Number(position));
  const line = before.split('\n').length;
  const column = Number(position) - before.lastIndexOf('\n');
  return `${message} (line ${line}, column ${column})`;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join('');
}

function stripBom(text: string): string {
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
