import { chinaStatutoryCalendar } from '#domain/business-calendar.ts';
import type { LocalRuntime } from '../runtime.ts';
import { runDemo } from './driver.ts';
import { planDemo } from './plan.ts';
import { progressPrinter } from './progress.ts';

interface Out {
  isTTY?: boolean;
  write(text: string): unknown;
}

/**
 * `npm start -- --demo N`: plans N complaints from where the runtime's clock
 * stands, drives them through the running desk, and prints what came out
 * (read back from the desk's own KPI report) and where to look.
 */
export async function runDemoFromCommandLine(options: { runtime: LocalRuntime; count: number; timeZone: string; out: Out }): Promise<void> {
  const { runtime, count, timeZone, out } = options;
  const plan = planDemo({ count, start: runtime.clock.now(), timeZone });
  const began = performance.now();
  out.write(`Demo: ${count} complaints over ${plan.start.toISOString()} .. ${plan.end.toISOString()} (seed ${plan.seed})\n`);
  const outcome = await runDemo({
    url: runtime.url,
    clock: runtime.clock,
    settle: () => runtime.settle(),
    tokens: runtime.tokens,
    sesEndpoint: runtime.endpoints.ses,
    plan,
    progress: progressPrinter(out, timeZone),
  });
  if (out.isTTY) out.write('\n');

  const calendar = chinaStatutoryCalendar(timeZone);
  const from = calendar.localDateOf(plan.start);
  const to = calendar.localDateOf(plan.end);
  const reportPath = `/staff/reports/kpi?from=${from}&to=${to}`;
  const response = await fetch(`${runtime.url}${reportPath}`, { headers: { authorization: `Bearer ${runtime.tokens.supervisor}` } });
  const report = response.ok
    ? ((await response.json()) as {
        received: number;
        open: number;
        firstResponse: { breached: number };
        escalated: { any: number };
        reopened: { count: number };
        surveys: { sent: number; answered: number };
      })
    : undefined;
  const seconds = ((performance.now() - began) / 1000).toFixed(0);
  const lines = [
    `Demo done in ${seconds} s: ${outcome.filed} filed.`,
    report
      ? `  From the KPI report: ${report.received} received, ${report.firstResponse.breached} first response(s) late, ${report.escalated.any} escalated, ${report.reopened.count} reopened, ${report.surveys.answered} of ${report.surveys.sent} surveys answered, ${report.open} still open.`
      : `  The KPI report answered ${response.status}.`,
    `  Planned: ${outcome.respondedLate} answered late, ${outcome.escalatedByHand} escalated by hand, ${outcome.rejected} resolution(s) rejected, ${outcome.surveysAnswered} surveys answered.`,
    ...(outcome.failures.length
      ? [`  ${outcome.failures.length} step(s) refused by the desk:`, ...outcome.failures.slice(0, 10).map((f) => `    ${f}`)]
      : []),
    'Where to look (supervisor token above):',
    `  Queue         ${runtime.url}/staff/queue?scope=all`,
    `  Case library  ${runtime.url}/staff/cases?from=${from}&to=${to}`,
    `  KPI report    ${runtime.url}${reportPath}&groupBy=category   or: npx closeloop report --from ${from} --to ${to} --api ${runtime.url}`,
    `  Breaches      ${runtime.url}/staff/reports/breaches?from=${from}&to=${to}`,
    `  Mail viewer   ${runtime.endpoints.mailViewer}`,
    '',
  ];
  out.write(lines.join('\n'));
}
