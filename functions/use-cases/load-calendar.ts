import { DomainError } from '#domain/errors.ts';
import { CalendarFileError, mergeCustomCalendars, parseCalendarFile } from '#domain/calendar-file.ts';
import { recomputeProvisionalDeadlines } from '#domain/lifecycle/deadline-changes.ts';
import { provisionalComplaintIds } from '#adapters/stores/complaint-indexes.ts';
import { mutateComplaint } from '#adapters/stores/complaints.ts';
import { getCustomCalendar, putCustomCalendar } from '#adapters/stores/custom-calendar.ts';
import { deskCalendar, forgetDeskCalendar } from '#adapters/desk-settings.ts';
import { wakeWorkflow } from '#adapters/workflow.ts';
import { logger } from '#adapters/logger.ts';

/**
 * Loads the desk's own calendar entries (a company closure, or a year the
 * statutory data lacks) on top of what was loaded before, then recomputes
 * every provisional deadline and wakes those workflows so their waits follow.
 */
export async function loadCalendar(input: { content: string; fileName: string; username: string; now: Date }) {
  const { now } = input;
  let parsed;
  try {
    parsed = parseCalendarFile(input.content, input.fileName);
  } catch (error) {
    if (!(error instanceof CalendarFileError)) throw error;
    // The file's own words (line numbers, the JSON error) stay as the parser gave them; the sentence around them is translated.
    throw new DomainError(
      'invalid',
      'CalendarFileInvalid',
      { en: error.message, 'zh-CN': `日历文件无效：${error.message}` },
      { field: 'content' },
    );
  }
  const merged = mergeCustomCalendars(await getCustomCalendar(), parsed);
  await putCustomCalendar(merged, input.username, now);
  forgetDeskCalendar();
  const calendar = await deskCalendar();

  let recomputed = 0;
  let stillProvisional = 0;
  for await (const complaintId of provisionalComplaintIds()) {
    const { complaint, changed } = await mutateComplaint(complaintId, (c) => recomputeProvisionalDeadlines(c, calendar, now));
    if (!changed) continue;
    recomputed++;
    if (complaint.deadlinesProvisional) stillProvisional++;
    await wakeWorkflow(complaint, input.now);
  }
  logger.info('calendar loaded', { source: parsed.source, coveredYears: merged.coveredYears, recomputed });
  return { coveredYears: merged.coveredYears, entries: merged.entries.length, recomputed, stillProvisional };
}
