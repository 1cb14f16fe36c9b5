import * as z from 'zod';
import {
  addDays,
  isLocalDate,
  type BusinessCalendar,
  type CalendarEntry,
  type LocalDate,
} from '#domain/business-calendar.ts';

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
 * iCalendar (RFC 5545) format: all-day VEVENTs, DTSTART;VALUE=DATE:20270206
 * with an optional exclusive DTEND;VALUE=DATE (or DURATION:PnD / PnW), each
 * day of a multi-day event becoming one entry named by its SUMMARY. The kind
 * comes from, in order: X-CLOSELOOP-KIND:holiday|working; Apple's
 * X-APPLE-SPECIAL-DAY (ALTERNATE-WORKDAY / WORK-HOLIDAY, as chinese-days
 * writes it); CATEGORIES mentioning working, workday, 补班 or 上班; a SUMMARY
 * mentioning 补班, 上班, (班), make-up, working or workday; else holiday.
 * X-CLOSELOOP-COVERED-YEARS:2027[,2028] on the VCALENDAR declares covered years.
 */

export interface CustomCalendar {
  coveredYears: number[];
  entries: CalendarEntry[];
  /** Where the entries came from (a file name), for messages and audit. */
  source: string;
}

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
  const located: Located[] = [];
  const declared: DeclaredYear[] = [];
  const stack: { name: string; line: number }[] = [];
  let event: EventDraft | undefined;
  let sawCalendar = false;
  const fail = (line: number, message: string) => new CalendarFileError(`${source}: line ${line}: ${message}`);

  for (const prop of contentLines(stripBom(text), source)) {
    const inside = stack.at(-1)?.name;
    if (prop.name === 'BEGIN') {
      const component = prop.value.toUpperCase();
      if (stack.length === 0 && component !== 'VCALENDAR') {
        throw fail(prop.line, `expected BEGIN:VCALENDAR, found BEGIN:${prop.value}`);
      }
      if (component === 'VCALENDAR') {
        if (stack.length > 0) throw fail(prop.line, 'BEGIN:VCALENDAR inside another component');
        sawCalendar = true;
      }
      if (component === 'VEVENT' && inside === 'VCALENDAR') event = { line: prop.line, props: new Map() };
      stack.push({ name: component, line: prop.line });
      continue;
    }
    if (prop.name === 'END') {
      const component = prop.value.toUpperCase();
      if (inside !== component) {
        throw fail(prop.line, `END:${prop.value} does not close ${inside ? `BEGIN:${inside}` : 'anything'}`);
      }
      stack.pop();
      if (component === 'VEVENT' && event && stack.at(-1)?.name === 'VCALENDAR') {
        located.push(...eventEntries(event, fail));
        event = undefined;
      }
      continue;
    }
    if (stack.length === 0) throw fail(prop.line, `${prop.name} outside BEGIN:VCALENDAR ... END:VCALENDAR`);

    if (prop.name === 'X-CLOSELOOP-COVERED-YEARS') {
      if (inside !== 'VCALENDAR') {
        throw fail(prop.line, 'X-CLOSELOOP-COVERED-YEARS belongs on the VCALENDAR, not inside a component');
      }
      for (const item of prop.value.split(',')) {
        const year = item.trim();
        if (!/^\d{4}$/.test(year)) {
          throw fail(prop.line, `X-CLOSELOOP-COVERED-YEARS: "${year}" is not a year such as 2027`);
        }
        declared.push({ year: Number(year), where: `line ${prop.line} (X-CLOSELOOP-COVERED-YEARS)` });
      }
      continue;
    }
    // Properties of components nested in an event (a VALARM's own SUMMARY) are not the event's.
    if (event && inside === 'VEVENT') {
      const seen = event.props.get(prop.name) ?? [];
      seen.push(prop);
      event.props.set(prop.name, seen);
    }
  }

  const open = stack.at(-1);
  if (open) throw fail(open.line, `BEGIN:${open.name} is never closed (missing END:${open.name})`);
  if (!sawCalendar) throw new CalendarFileError(`${source}: not an iCalendar file: no BEGIN:VCALENDAR found`);
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

export function withCustomCalendar(base: BusinessCalendar, custom: CustomCalendar): BusinessCalendar {
  return base.withEntries(custom.entries, custom.coveredYears);
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

interface ContentLine {
  /** Physical line where the (possibly folded) content line starts. */
  line: number;
  name: string;
  params: Map<string, string>;
  value: string;
}

interface EventDraft {
  line: number;
  props: Map<string, ContentLine[]>;
}

type Fail = (line: number, message: string) => CalendarFileError;

function contentLines(text: string, source: string): ContentLine[] {
  const logical: { line: number; text: string }[] = [];
  text.split(/\r\n|\n|\r/).forEach((physical, index) => {
    // RFC 5545 §3.1: a line starting with a space or tab continues the previous one.
    if (physical.startsWith(' ') || physical.startsWith('\t')) {
      const previous = logical.at(-1);
      if (!previous)
        throw new CalendarFileError(`${source}: line ${index + 1}: continuation line with nothing to continue`);
      previous.text += physical.slice(1);
    } else if (physical.trim() !== '') {
      logical.push({ line: index + 1, text: physical });
    }
  });
  return logical.map(({ line, text }) => parseContentLine(text, line, source));
}

function parseContentLine(text: string, line: number, source: string): ContentLine {
  const bad = (why: string) =>
    new CalendarFileError(`${source}: line ${line}: ${why}: ${JSON.stringify(truncate(text, 60))}`);
  const name = /^[A-Za-z0-9-]+/.exec(text)?.[0];
  if (!name) throw bad('expected a property name such as SUMMARY');
  const params = new Map<string, string>();
  let i = name.length;
  while (text[i] === ';') {
    const param = /^([A-Za-z0-9-]+)=/.exec(text.slice(i + 1));
    if (!param?.[1]) throw bad('malformed parameter');
    i += 1 + param[0].length;
    let value = '';
    // Parameter values may be quoted to hold ':' ';' or ','.
    while (i < text.length && text[i] !== ';' && text[i] !== ':') {
      if (text[i] === '"') {
        const close = text.indexOf('"', i + 1);
        if (close < 0) throw bad('unterminated quoted parameter');
        value += text.slice(i + 1, close);
        i = close + 1;
      } else {
        value += text[i];
        i += 1;
      }
    }
    params.set(param[1].toUpperCase(), value);
  }
  if (text[i] !== ':') throw bad('expected NAME:value');
  return { line, name: name.toUpperCase(), params, value: text.slice(i + 1) };
}

function eventEntries(event: EventDraft, fail: Fail): Located[] {
  const first = (name: string) => event.props.get(name)?.[0];
  const where = `line ${event.line} (VEVENT)`;

  if (first('RRULE') || first('RDATE')) {
    throw fail(event.line, 'recurring events (RRULE/RDATE) are not supported: list each day as its own event');
  }
  if (first('STATUS')?.value.trim().toUpperCase() === 'CANCELLED') return [];

  const dtstart = first('DTSTART');
  if (!dtstart) throw fail(event.line, 'VEVENT has no DTSTART');
  const start = allDayDate(dtstart, fail);

  let days = 1;
  const dtend = first('DTEND');
  const duration = first('DURATION');
  if (dtend && duration) throw fail(duration.line, 'VEVENT has both DTEND and DURATION');
  if (dtend) {
    const end = allDayDate(dtend, fail);
    days = Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000);
    if (days < 1) throw fail(dtend.line, `DTEND ${end} must be after DTSTART ${start} (DTEND is exclusive)`);
  } else if (duration) {
    const match = /^\+?P(\d+)([DW])$/.exec(duration.value.trim().toUpperCase());
    if (!match) throw fail(duration.line, `DURATION "${duration.value}" must be whole days or weeks, e.g. P3D`);
    days = Number(match[1]) * (match[2] === 'W' ? 7 : 1);
    if (days < 1) throw fail(duration.line, 'DURATION must be at least one day');
  }
  if (days > MAX_EVENT_DAYS) {
    throw fail(event.line, `event spans ${days} days from ${start}; at most ${MAX_EVENT_DAYS} are accepted`);
  }

  const summary = first('SUMMARY');
  const kind = eventKind(event, fail);
  const text = summary ? unescapeText(summary.value).replace(/\s+/g, ' ').trim() : '';
  const name = text || (kind === 'holiday' ? 'Company holiday' : 'Company working day');
  if (name.length > MAX_NAME) throw fail(summary?.line ?? event.line, `SUMMARY must be at most ${MAX_NAME} characters`);

  return Array.from({ length: days }, (_, offset) => ({
    entry: { date: addDays(start, offset), kind, name },
    where: `${where} ${JSON.stringify(name)}`,
  }));
}

function allDayDate(prop: ContentLine, fail: Fail): LocalDate {
  const type = prop.params.get('VALUE')?.toUpperCase();
  const value = prop.value.trim();
  if ((type !== undefined && type !== 'DATE') || !/^\d{8}$/.test(value)) {
    throw fail(
      prop.line,
      `${prop.name} must be an all-day date such as ${prop.name};VALUE=DATE:20270206, got "${truncate(value, 40)}"`,
    );
  }
  const date = `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`;
  if (!isLocalDate(date)) throw fail(prop.line, `${prop.name} ${value} is not a real calendar date`);
  return date;
}

const WORKING_CATEGORY = /(?<!non[- ]?)working|workday|补班|上班/i;
// "non-working" names a day off; "(班)" is how chinese-days marks a make-up day ("春节(班)").
const WORKING_SUMMARY = /补班|调休上班|上班|[(（]班[)）]|make-?up|(?<!non[- ]?)working|workday/i;

function eventKind(event: EventDraft, fail: Fail): CalendarEntry['kind'] {
  const explicit = event.props.get('X-CLOSELOOP-KIND')?.[0];
  if (explicit) {
    const kind = explicit.value.trim().toLowerCase();
    if (kind !== 'holiday' && kind !== 'working') {
      throw fail(explicit.line, `X-CLOSELOOP-KIND must be holiday or working, got "${truncate(explicit.value, 40)}"`);
    }
    return kind;
  }
  // Written by chinese-days and Apple calendars; it is the only thing that tells the
  // 2015 victory-day holiday from its make-up day, which share one SUMMARY.
  const apple = event.props.get('X-APPLE-SPECIAL-DAY')?.[0]?.value.trim().toUpperCase();
  if (apple === 'ALTERNATE-WORKDAY') return 'working';
  if (apple === 'WORK-HOLIDAY') return 'holiday';

  const categories = (event.props.get('CATEGORIES') ?? []).flatMap((prop) => splitTextList(prop.value));
  if (categories.some((category) => WORKING_CATEGORY.test(category))) return 'working';
  const summary = event.props.get('SUMMARY')?.[0];
  if (summary && WORKING_SUMMARY.test(unescapeText(summary.value))) return 'working';
  return 'holiday';
}

function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** Splits a TEXT list on commas that are not escaped. */
function splitTextList(value: string): string[] {
  const items: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i += 1) {
    const c = value[i];
    if (c === '\\' && i + 1 < value.length) {
      current += c + value[i + 1];
      i += 1;
    } else if (c === ',') {
      items.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  items.push(current);
  return items.map((item) => unescapeText(item).trim()).filter((item) => item !== '');
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

/** A newly loaded file on top of what the desk had: its entries win date by date, covered years add up. */
export function mergeCustomCalendars(earlier: CustomCalendar | undefined, later: CustomCalendar): CustomCalendar {
  if (!earlier) return later;
  const byDate = new Map(earlier.entries.map((e) => [e.date, e]));
  for (const entry of later.entries) byDate.set(entry.date, entry);
  return {
    coveredYears: [...new Set([...earlier.coveredYears, ...later.coveredYears])].sort((a, b) => a - b),
    entries: [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date)),
    source: `${earlier.source} + ${later.source}`,
  };
}
