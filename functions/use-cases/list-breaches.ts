import type { LocalDate } from '#domain/business-calendar.ts';
import { DomainError } from '#domain/errors.ts';
import type { CohortRow } from '#domain/reports/cohort.ts';
import { round, workingDayMs } from '#domain/reports/kpi.ts';
import { deskCalendar } from '#adapters/desk-settings.ts';
import { type ReportScope, inScope } from './build-kpi-report.ts';
import { readReportCohort } from './read-report-cohort.ts';

const hourMs = 3_600_000;
const round2 = (value: number) => round(value, 2);

export interface Breach {
  id: string;
  caseNumber: string;
  category: CohortRow['category'];
  owner: string | null;
  team: string | null;
  deadline: 'firstResponse' | 'resolution';
  dueAt: string;
  doneAt: string | null;
  overdueHours: number;
  overdueWorkingDays: number | null;
  escalationLevel: number;
}

/** Every missed deadline of the rows, earliest due first (ties by case and deadline, so pages are stable). */
export function breachesOf(rows: readonly CohortRow[]): Breach[] {
  return rows
    .flatMap((row) =>
      row.breaches.map((breach) => ({
        id: row.id,
        caseNumber: row.caseNumber,
        category: row.category,
        owner: row.agent,
        team: row.team,
        deadline: breach.deadline,
        dueAt: breach.dueAt,
        doneAt: breach.doneAt,
        overdueHours: round2(breach.overdueMs / hourMs),
        overdueWorkingDays: breach.overdueWorkingMs === null ? null : round2(breach.overdueWorkingMs / workingDayMs),
        escalationLevel: Math.max(0, ...row.escalationLevels),
      })),
    )
    .sort((a, b) => orderKey(a).localeCompare(orderKey(b)));
}

const orderKey = (b: Pick<Breach, 'dueAt' | 'id' | 'deadline'>) => `${b.dueAt}#${b.id}#${b.deadline}`;

/** A cursor names the last breach of a page and the period it was read for; from another period it is refused. */
function afterCursor(cursor: string | undefined, period: string): string | undefined {
  if (!cursor) return undefined;
  try {
    const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { p?: unknown; k?: unknown };
    if (decoded.p === period && typeof decoded.k === 'string') return decoded.k;
  } catch {
    // refused below
  }
  throw new DomainError('invalid', 'InvalidCursor', 'the cursor is not one this API gave out', { field: 'cursor' });
}

export async function listBreaches(ask: {
  from: LocalDate;
  to: LocalDate;
  scope: ReportScope;
  limit: number;
  cursor?: string | undefined;
  now: Date;
}) {
  const period = `${ask.from}/${ask.to}/${ask.scope.team ?? ''}/${ask.scope.agent ?? ''}`;
  const after = afterCursor(ask.cursor, period);
  const calendar = await deskCalendar();
  const all = breachesOf((await readReportCohort(ask, ask.now, calendar)).filter(inScope(ask.scope)));
  const remaining = after === undefined ? all : all.filter((b) => orderKey(b) > after);
  const items = remaining.slice(0, ask.limit);
  const more = remaining.length > items.length;
  return {
    period: { from: ask.from, to: ask.to, timeZone: calendar.timeZone },
    items,
    ...(more ? { cursor: Buffer.from(JSON.stringify({ p: period, k: orderKey(items.at(-1)!) }), 'utf8').toString('base64url') } : {}),
  };
}
