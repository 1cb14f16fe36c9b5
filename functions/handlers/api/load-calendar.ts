import * as z from 'zod';
import { CalendarFileError, mergeCustomCalendars, parseCalendarFile } from '#domain/calendar-file.ts';
import { recomputeProvisionalDeadlines } from '#domain/lifecycle.ts';
import { getCustomCalendar, putCustomCalendar } from '#adapters/stores/custom-calendar.ts';
import { mutateComplaint } from '#adapters/stores/complaints.ts';
import { provisionalComplaintIds } from '#adapters/stores/complaint-indexes.ts';
import { deskCalendar, forgetDeskCalendar } from '#adapters/desk-settings.ts';
import { wakeWorkflow } from '#adapters/workflow.ts';
import { staffIdentity } from '../http/access.ts';
import { apiHandler, logger } from '../http/api-handler.ts';
import { ProblemError, parseOrThrow, problem } from '../http/problem.ts';

const CalendarUploadSchema = z.strictObject({
  fileName: z.string().regex(/^[\w. -]{1,100}\.(json|ics)$/i, 'a file name ending in .json or .ics'),
  content: z.string().min(1).max(1_000_000),
});

/**
 * Loads the desk's own calendar entries (a company closure, or a year the
 * statutory data lacks) on top of what was loaded before, then recomputes
 * every provisional deadline and wakes those workflows so their waits follow.
 */
export const handler = apiHandler(async (request) => {
  const supervisor = staffIdentity(request, ['supervisors']);
  // An .ics file may also be sent as it is, with Content-Type text/calendar.
  const sent = request.content?.mediaType === 'text/calendar' ? { fileName: 'calendar.ics', content: request.content.text } : request.body;
  const upload = parseOrThrow(CalendarUploadSchema, sent, request.locale);
  let parsed;
  try {
    parsed = parseCalendarFile(upload.content, upload.fileName);
  } catch (error) {
    if (!(error instanceof CalendarFileError)) throw error;
    throw new ProblemError(
      problem('invalid', request.locale, error.message, { errors: [{ field: 'content', problem: error.message }] }),
    );
  }
  const now = request.clock.now();
  const merged = mergeCustomCalendars(await getCustomCalendar(), parsed);
  await putCustomCalendar(merged, supervisor.username, now);
  forgetDeskCalendar();
  const calendar = await deskCalendar();

  let recomputed = 0;
  let stillProvisional = 0;
  for await (const complaintId of provisionalComplaintIds()) {
    const { complaint, changed } = await mutateComplaint(complaintId, (c) => recomputeProvisionalDeadlines(c, calendar, now));
    if (!changed) continue;
    recomputed++;
    if (complaint.deadlinesProvisional) stillProvisional++;
    await wakeWorkflow(complaint);
  }
  logger.info('calendar loaded', { source: parsed.source, coveredYears: merged.coveredYears, recomputed });
  return {
    statusCode: 200,
    body: { coveredYears: merged.coveredYears, entries: merged.entries.length, recomputed, stillProvisional },
  };
}, {
  mediaTypes: ['application/json', 'text/calendar'],
  // The schema takes 1,000,000 characters of content: up to 3 MB of UTF-8, with room for JSON escapes,
  // under Lambda's 6 MB request payload limit.
  maxBodyBytes: 4 * 1024 * 1024,
});
