import * as z from 'zod';
import { defineRoute } from '../define-route.ts';

export const CalendarUpload = z.strictObject({
  // No `i` flag: a JSON Schema pattern has no flags, and the OpenAPI document must say the same as this.
  fileName: z.string().regex(/^[\w. -]{1,100}\.([jJ][sS][oO][nN]|[iI][cC][sS])$/, 'a file name ending in .json or .ics'),
  content: z.string().min(1).max(1_000_000),
});

export const loadCalendarRoute = defineRoute({
  method: 'PUT',
  path: '/staff/calendar',
  handler: 'api/load-calendar',
  functionName: 'LoadCalendar',
  access: 'staff',
  groups: ['supervisors'],
  tag: 'Staff',
  summary: 'Load calendar entries (JSON or iCalendar); recomputes provisional deadlines',
  description:
    "Loads the desk's own calendar entries (a company closure, or a year the statutory data lacks, from the State Council notice) on top of what was loaded before, then recomputes every provisional deadline. An .ics file may also be sent as it is, with Content-Type text/calendar.",
  request: {
    body: CalendarUpload,
    mediaTypes: ['application/json', 'text/calendar'],
    bodyFromText: (mediaType, text) => (mediaType === 'text/calendar' ? { fileName: 'calendar.ics', content: text } : undefined),
    // 1,000,000 characters of content: up to 3 MB of UTF-8 with room for JSON escapes, under Lambda's 6 MB payload limit.
    maxBodyBytes: 4 * 1024 * 1024,
    examples: {
      json: {
        summary: 'The State Council holidays of 2027 (JSON) / 2027 年法定节假日',
        value: {
          fileName: 'cn-2027.json',
          content: '{"year":2027,"holidays":["2027-01-01"],"workdays":[]}',
        },
      },
    },
  },
  responses: {
    200: {
      description: 'Loaded; provisional deadlines recomputed',
      body: z.object({
        coveredYears: z.array(z.int()),
        entries: z.int(),
        recomputed: z.int(),
        stillProvisional: z.int(),
      }),
    },
  },
  capabilities: ['readTable', 'writeTable', 'completeWaits'],
});
