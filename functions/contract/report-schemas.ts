import * as z from 'zod';
import { CaseCategory, Channel, Severity, Tier } from './schemas.ts';

// The KPI report's shapes. The names are the ones DOMAIN.md defines and the
// reports issue fixes: clients, the CSV and the monthly email rely on them.

/** A fraction 0..1; null when nothing is counted (never 0 for "no data"). */
const Rate = z.number().min(0).max(1).nullable();
const Count = z.int().min(0);
const Counts = z.record(z.string(), Count);

export const DeadlineCounts = z.object({ met: Count, breached: Count, pending: Count, metRate: Rate });

export const KpiFigures = z
  .object({
    received: Count,
    open: Count,
    closed: Count,
    resolvedRate: Rate,
    byCategory: Counts.meta({ description: 'Every category, `uncertain` (not yet picked) and 0 included' }),
    byChannel: Counts,
    bySeverity: Counts,
    byTier: Counts,
    firstResponse: DeadlineCounts,
    resolution: DeadlineCounts.extend({
      meanWorkingDays: z.number().min(0).nullable(),
      medianWorkingDays: z.number().min(0).nullable(),
    }),
    escalated: z.object({ any: Count, level1: Count, level2: Count, level3: Count, rate: Rate }),
    reopened: z.object({ count: Count, rate: Rate }),
    repeat: z.object({ count: Count, rate: Rate }),
    uncertainAtFiling: z.object({ count: Count, rate: Rate }).meta({
      description: 'Complaints triage filed `uncertain` (no pick by the customer, the model not sure), even if an agent picked one since; count / received',
    }),
    firstContactResolutionRate: Rate,
    surveys: z.object({
      sent: Count,
      answered: Count,
      responseRate: Rate,
      csatMean: z.number().min(1).max(5).nullable(),
      satisfiedRate: Rate,
      nps: z.number().min(-100).max(100).nullable(),
    }),
    noFeedback: Count.meta({ description: 'Closed complaints whose customer was never sent the resolution (must be 0)' }),
  })
  .meta({ id: 'KpiFigures', description: 'The KPI figures of a receipt cohort, as DOMAIN.md defines them' });

export const reportGroupings = ['category', 'channel', 'severity', 'tier', 'team', 'agent'] as const;
export const reportIntervals = ['week', 'month'] as const;
export type ReportGrouping = (typeof reportGroupings)[number];
export type ReportInterval = (typeof reportIntervals)[number];

const LocalDate = z.iso.date().meta({ description: "A local date in the desk's time zone", example: '2026-11-01' });

export const KpiReport = KpiFigures.extend({
  period: z.object({ from: LocalDate, to: LocalDate, timeZone: z.string() }),
  generatedAt: z.iso.datetime({ offset: true }),
  scope: z
    .object({ team: z.string().nullable(), agent: z.string().nullable() })
    .meta({ description: "Whose complaints are counted: the whole desk (both null), the agent's team, or an agent of no team their own" }),
  labels: z
    .object({
      category: z.record(CaseCategory, z.string()),
      channel: z.record(Channel, z.string()),
      severity: z.record(Severity, z.string()),
      tier: z.record(Tier, z.string()),
    })
    .meta({ description: "The names of the keys in the caller's language (Accept-Language); the keys never change" }),
  groups: z.array(KpiFigures.extend({ key: z.string(), label: z.string() })).optional(),
  series: z.array(KpiFigures.extend({ from: LocalDate, to: LocalDate })).optional(),
}).meta({ id: 'KpiReport' });

export const BreachItem = z
  .object({
    id: z.string(),
    caseNumber: z.string(),
    category: CaseCategory,
    owner: z.string().nullable(),
    team: z.string().nullable(),
    deadline: z.enum(['firstResponse', 'resolution']),
    dueAt: z.iso.datetime({ offset: true }),
    doneAt: z.iso.datetime({ offset: true }).nullable().meta({ description: 'When it was done late; null while still not done' }),
    overdueHours: z.number().min(0),
    overdueWorkingDays: z.number().min(0).nullable().meta({ description: 'For the resolution deadline: the overdue time in working days' }),
    escalationLevel: z.int().min(0).max(3),
  })
  .meta({ id: 'BreachItem' });

export { LocalDate as ReportDate };
