import * as z from 'zod';
import { defineRoute } from '../define-route.ts';

const localDate = z.iso.date();

const DayOnCalendar = z.object({
  date: localDate,
  name: z.string(),
  nameZh: z.string().optional(),
});

export const CalendarYear = z
  .object({
    year: z.int(),
    holidays: z.array(DayOnCalendar),
    makeUpWorkingDays: z.array(DayOnCalendar).meta({ description: '调休: weekend days that are working days' }),
    source: z.enum(['statutory', 'loaded']).meta({
      description: '`loaded` when the desk loaded the year itself (PUT /staff/calendar); company days on a statutory year leave it `statutory`',
    }),
  })
  .meta({ id: 'CalendarYear' });

export const DeskCalendar = z
  .object({
    timeZone: z.string().meta({ example: 'Asia/Shanghai' }),
    coveredYears: z.array(z.int()),
    nextYearMissing: z.boolean().meta({
      description: "The calendar year after the server clock's current local year has no State Council notice yet",
    }),
    provisionalFrom: localDate.nullable().meta({
      description: 'The last covered day of the run of years from this one: a deadline after it is provisional. Null with no covered year',
      example: '2026-12-31',
    }),
    provisionalComplaints: z.int().meta({ description: 'Open complaints whose deadlines are provisional' }),
    years: z.array(CalendarYear),
  })
  .meta({ id: 'DeskCalendar' });

export const getCalendarRoute = defineRoute({
  method: 'GET',
  path: '/staff/calendar',
  handler: 'api/get-calendar',
  functionName: 'GetCalendar',
  access: 'staff',
  groups: ['agents', 'supervisors'],
  tag: 'Staff',
  request: {},
  summary: "The desk's business calendar: covered years, holidays and make-up working days, and where deadlines turn provisional",
  responses: {
    200: { description: 'The calendar in force', body: DeskCalendar },
  },
  capabilities: ['readTable'],
});
