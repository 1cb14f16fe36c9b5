import type { Locale } from '#domain/complaint.ts';
import type { KpiFigures } from './kpi.ts';

/*
 * The report as a spreadsheet: one row per group or series entry (or one for
 * the whole period), the figures flattened into columns whose headers are in
 * the caller's language. UTF-8 with a BOM, so Excel opens Chinese correctly.
 */

type Column = { header: Record<Locale, string>; value: (f: KpiFigures) => number | null };

const count = (zh: string, en: string, value: Column['value']): Column => ({ header: { 'zh-CN': zh, en }, value });

const columns: Column[] = [
  count('受理量', 'received', (f) => f.received),
  count('未结案', 'open', (f) => f.open),
  count('已结案', 'closed', (f) => f.closed),
  count('投诉解决率', 'resolved rate', (f) => f.resolvedRate),
  count('首次响应达标', 'first response met', (f) => f.firstResponse.met),
  count('首次响应超时', 'first response breached', (f) => f.firstResponse.breached),
  count('首次响应未到期', 'first response pending', (f) => f.firstResponse.pending),
  count('首次响应达标率', 'first response met rate', (f) => f.firstResponse.metRate),
  count('处理时限达标', 'resolution met', (f) => f.resolution.met),
  count('处理时限超时', 'resolution breached', (f) => f.resolution.breached),
  count('处理时限未到期', 'resolution pending', (f) => f.resolution.pending),
  count('处理时限达标率', 'resolution met rate', (f) => f.resolution.metRate),
  count('平均处理时长（工作日）', 'mean working days', (f) => f.resolution.meanWorkingDays),
  count('处理时长中位数（工作日）', 'median working days', (f) => f.resolution.medianWorkingDays),
  count('升级数', 'escalated', (f) => f.escalated.any),
  count('一级升级', 'escalated level 1', (f) => f.escalated.level1),
  count('二级升级', 'escalated level 2', (f) => f.escalated.level2),
  count('三级升级', 'escalated level 3', (f) => f.escalated.level3),
  count('投诉升级率', 'escalation rate', (f) => f.escalated.rate),
  count('重新处理数', 'reopened', (f) => f.reopened.count),
  count('重新处理率', 'reopened rate', (f) => f.reopened.rate),
  count('重复投诉数', 'repeat', (f) => f.repeat.count),
  count('重复投诉率', 'repeat rate', (f) => f.repeat.rate),
  count('受理时待人工分类数', 'uncertain at filing', (f) => f.uncertainAtFiling.count),
  count('受理时待人工分类占比', 'uncertain at filing rate', (f) => f.uncertainAtFiling.rate),
  count('一次性解决率', 'first contact resolution rate', (f) => f.firstContactResolutionRate),
  count('回访发送数', 'surveys sent', (f) => f.surveys.sent),
  count('回访答复数', 'surveys answered', (f) => f.surveys.answered),
  count('回访答复率', 'survey response rate', (f) => f.surveys.responseRate),
  count('满意度均分', 'CSAT mean', (f) => f.surveys.csatMean),
  count('满意度', 'satisfied rate', (f) => f.surveys.satisfiedRate),
  count('净推荐值', 'NPS', (f) => f.surveys.nps),
  count('未告知处理结果', 'no feedback', (f) => f.noFeedback),
];

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
const field = (value: string | number | null) => {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export interface CsvRow {
  /** The leading columns that say what the row is (group key and label, or the interval). */
  lead: (string | number | null)[];
  figures: KpiFigures;
}

export function reportCsv(leadHeaders: Record<Locale, string[]>, rows: readonly CsvRow[], locale: Locale): string {
  const header = [...leadHeaders[locale], ...columns.map((c) => c.header[locale])];
  const lines = [header, ...rows.map((row) => [...row.lead, ...columns.map((c) => c.value(row.figures))])];
  return `\uFEFF${lines.map((line) => line.map(field).join(',')).join('\r\n')}\r\n`;
}
