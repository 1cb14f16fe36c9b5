import * as z from 'zod';
import { defineRoute } from '../define-route.ts';
import { KpiReport, ReportDate, reportGroupings, reportIntervals } from '../report-schemas.ts';

export const getKpiReportRoute = defineRoute({
  method: 'GET',
  path: '/staff/reports/kpi',
  handler: 'api/get-kpi-report',
  functionName: 'GetKpiReport',
  access: 'staff',
  groups: ['agents', 'supervisors'],
  tag: 'Staff',
  summary: 'The KPI figures of the complaints received between two local dates (DOMAIN.md), by group or interval, as JSON or CSV',
  description:
    "Counts the cohort of complaints received from `from` to `to` (local dates in the desk's time zone, both included) as they stand now. Supervisors see the whole desk; agents the same figures for their own team (an agent of no team: their own cases). `format=csv` answers text/csv (UTF-8 with a BOM), one row per group or series entry, with headers in the caller's language.",
  request: {
    query: z.strictObject({
      from: ReportDate,
      to: ReportDate,
      groupBy: z.enum(reportGroupings).optional(),
      interval: z.enum(reportIntervals).optional(),
      format: z.enum(['json', 'csv']).default('json'),
    }),
  },
  responses: {
    200: {
      description: 'The report',
      body: KpiReport,
      alternativeContentTypes: ['text/csv'],
    },
  },
  capabilities: ['readTable'],
});
