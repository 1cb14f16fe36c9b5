import { getKpiReportRoute } from '#contract/routes/get-kpi-report.ts';
import { buildKpiReport, kpiReportCsv } from '#use-cases/build-kpi-report.ts';
import { reportScope } from '../http/report-scope.ts';
import { routeHandler } from '../http/route-handler.ts';

export const handler = routeHandler(getKpiReportRoute)(async ({ query, staff, clock, locale }) => {
  const { format, ...ask } = query;
  const report = await buildKpiReport({ ...ask, scope: reportScope(staff), now: clock.now(), locale });
  if (format === 'json') return { statusCode: 200, body: report };
  return {
    statusCode: 200,
    raw: kpiReportCsv(report, locale),
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="closeloop-kpi-${query.from}-${query.to}.csv"`,
    },
  };
});
