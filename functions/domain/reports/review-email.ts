import type { Locale } from '#domain/complaint.ts';
import { type EmailContent, categoryLabels, escapeHtml, formatDeskTime } from '#domain/messages.ts';
import type { Headline, ReviewBreach, RootCauseCount } from './monthly-review.ts';

export interface MonthlyReview {
  month: string;
  previousMonth: string;
  timeZone: string;
  /** The policy's default deadlines, named in the compliance rows. */
  deadlines: { firstResponseHours: number; resolutionWorkingDays: number };
  headlines: Headline[];
  /** The month's breaches in all, and the worst of them. */
  breachCount: number;
  worstBreaches: ReviewBreach[];
  /** Cases closed in the month, and their most frequent root causes. */
  casesClosed: number;
  rootCauses: RootCauseCount[];
  reportUrl: string;
  /** The same report from a terminal, for a reader without the desk open. */
  cliCommand: string;
}

const monthName = (month: string, locale: Locale) => {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return locale === 'zh-CN'
    ? `${year}年${number}月`
    : new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(year, number - 1, 1));
};

const percent = (value: number) => `${(Math.round(value * 1000) / 10).toFixed(1)} %`;

function formatFigure(value: number | null, format: Headline['format']): string {
  if (value === null) return '—';
  switch (format) {
    case 'rate':
      return percent(value);
    case 'days':
    case 'score':
      return value.toFixed(2);
    case 'nps':
      return value.toFixed(1);
    case 'count':
      return String(value);
  }
}

const copy = {
  'zh-CN': {
    title: (month: string, zone: string) => `月度投诉复盘：${month}（${zone}）`,
    figures: (month: string, previous: string) => `一、核心指标：${month}，对比${previous}与目标`,
    columns: ['指标', '本月', '上月', '目标', '达标'],
    atLeast: '≥',
    atMost: '≤',
    met: (met: boolean | null) => (met === null ? '—' : met ? '达标' : '未达标'),
    deadlines: (hours: number, days: number) => `时限：首次响应 ${hours} 小时，限时办结 ${days} 个工作日（按法定节假日及调休工作日计算）。`,
    breaches: (count: number, shown: number) =>
      count === 0 ? '二、超时案件：本月无超时。' : `二、超时最严重的 ${shown} 件（本月共 ${count} 项超时）`,
    breachColumns: ['案件编号', '类别', '时限', '应完成', '完成于', '超时', '负责人', '升级'],
    deadlineName: { firstResponse: '首次响应', resolution: '办结' },
    overdue: (b: ReviewBreach) => `${b.overdueHours} 小时${b.overdueWorkingDays === null ? '' : `（${b.overdueWorkingDays} 个工作日）`}`,
    notDone: '尚未完成',
    unassigned: '未分配',
    causes: (closed: number) =>
      closed === 0 ? '三、高频根本原因：本月无办结案件。' : `三、高频根本原因（本月办结 ${closed} 件，来自案例库）`,
    causeColumns: ['根本原因', '件数', '主要类别'],
    report: '四、完整报表：',
    cli: '命令行查看：',
  },
  en: {
    title: (month: string, zone: string) => `Monthly complaint review: ${month} (${zone})`,
    figures: (month: string, previous: string) => `1. Headline figures: ${month}, beside ${previous} and the targets`,
    columns: ['Figure', 'This month', 'Month before', 'Target', 'Met'],
    atLeast: '≥',
    atMost: '≤',
    met: (met: boolean | null) => (met === null ? '—' : met ? 'met' : 'missed'),
    deadlines: (hours: number, days: number) =>
      `Deadlines: first response within ${hours} hours, resolution within ${days} working days (statutory holidays and make-up working days counted).`,
    breaches: (count: number, shown: number) =>
      count === 0 ? '2. Missed deadlines: none this month.' : `2. The ${shown} worst missed deadlines (${count} in the month)`,
    breachColumns: ['Case', 'Category', 'Deadline', 'Due', 'Done', 'Overdue', 'Owner', 'Escalated'],
    deadlineName: { firstResponse: 'First response', resolution: 'Resolution' },
    overdue: (b: ReviewBreach) => `${b.overdueHours} h${b.overdueWorkingDays === null ? '' : ` (${b.overdueWorkingDays} working days)`}`,
    notDone: 'not yet',
    unassigned: 'unassigned',
    causes: (closed: number) =>
      closed === 0
        ? '3. Most frequent root causes: no case closed this month.'
        : `3. Most frequent root causes (${closed} cases closed this month, from the case library)`,
    causeColumns: ['Root cause', 'Cases', 'Mainly'],
    report: '4. The full report: ',
    cli: 'From a terminal: ',
  },
} as const;

interface Table {
  caption: string;
  columns: readonly string[];
  rows: string[][];
}

interface Section {
  heading: string;
  lines: string[];
  table?: Table;
}

function sectionsOf(review: MonthlyReview, locale: Locale): { title: string; sections: Section[]; link: string; cli: string } {
  const t = copy[locale];
  const month = monthName(review.month, locale);
  const target = (h: Headline) =>
    h.target === null ? '—' : `${h.target.bound === 'min' ? t.atLeast : t.atMost} ${formatFigure(h.target.value, h.format)}`;
  const when = (iso: string | null) =>
    iso === null ? t.notDone : formatDeskTime(iso, review.timeZone).replace(` (${review.timeZone})`, '');
  return {
    title: t.title(month, review.timeZone),
    sections: [
      {
        heading: t.figures(month, monthName(review.previousMonth, locale)),
        lines: [t.deadlines(review.deadlines.firstResponseHours, review.deadlines.resolutionWorkingDays)],
        table: {
          caption: t.figures(month, monthName(review.previousMonth, locale)),
          columns: t.columns,
          rows: review.headlines.map((h) => [
            h.label[locale],
            formatFigure(h.current, h.format),
            formatFigure(h.previous, h.format),
            target(h),
            t.met(h.met),
          ]),
        },
      },
      {
        heading: t.breaches(review.breachCount, review.worstBreaches.length),
        lines: [],
        ...(review.worstBreaches.length > 0
          ? {
              table: {
                caption: t.breaches(review.breachCount, review.worstBreaches.length),
                columns: t.breachColumns,
                rows: review.worstBreaches.map((b) => [
                  b.caseNumber,
                  categoryLabels[b.category][locale],
                  t.deadlineName[b.deadline],
                  when(b.dueAt),
                  when(b.doneAt),
                  t.overdue(b),
                  b.owner ?? t.unassigned,
                  b.escalationLevel > 0 ? `L${b.escalationLevel}` : '—',
                ]),
              },
            }
          : {}),
      },
      {
        heading: t.causes(review.casesClosed),
        lines: [],
        ...(review.rootCauses.length > 0
          ? {
              table: {
                caption: t.causes(review.casesClosed),
                columns: t.causeColumns,
                rows: review.rootCauses.map((c) => [c.rootCause, String(c.count), categoryLabels[c.category][locale]]),
              },
            }
          : {}),
      },
    ],
    link: t.report,
    cli: t.cli,
  };
}

function textBlock(review: MonthlyReview, locale: Locale): string {
  const { title, sections, link, cli } = sectionsOf(review, locale);
  const lines = [title, ''];
  for (const section of sections) {
    lines.push(section.heading, ...section.lines);
    for (const row of section.table?.rows ?? []) lines.push(`  ${row.join(' | ')}`);
    lines.push('');
  }
  lines.push(`${link}${review.reportUrl}`, `${cli}${review.cliCommand}`);
  return lines.join('\n');
}

const cell = 'border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top';

function htmlTable(table: Table): string {
  const head = table.columns.map((c) => `<th scope="col" style="${cell}">${escapeHtml(c)}</th>`).join('');
  const rows = table.rows.map((row) => `<tr>${row.map((value) => `<td style="${cell}">${escapeHtml(value)}</td>`).join('')}</tr>`).join('');
  return `<table style="border-collapse:collapse;margin:8px 0"><caption style="text-align:left;font-weight:bold">${escapeHtml(table.caption)}</caption><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
}

function htmlBlock(review: MonthlyReview, locale: Locale): string {
  const { title, sections, link, cli } = sectionsOf(review, locale);
  const url = /^https?:\/\//i.test(review.reportUrl) ? review.reportUrl : '#';
  const body = sections
    .map(
      (section) =>
        (section.table ? '' : `<h2>${escapeHtml(section.heading)}</h2>`) +
        section.lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('') +
        (section.table ? htmlTable(section.table) : ''),
    )
    .join('');
  return (
    `<section lang="${locale}"><h1>${escapeHtml(title)}</h1>${body}` +
    `<p>${escapeHtml(link)}<a href="${escapeHtml(url)}" style="word-break:break-all;overflow-wrap:anywhere">${escapeHtml(review.reportUrl)}</a></p>` +
    `<p>${escapeHtml(cli)}<code>${escapeHtml(review.cliCommand)}</code></p></section>`
  );
}

/**
 * The review as one email in both languages, Chinese first: the desk's
 * supervisors and the managers it is forwarded to read either. Root causes
 * are what agents typed, so every value is escaped.
 */
export function monthlyReviewEmail(review: MonthlyReview): EmailContent {
  return {
    subject: `【月度复盘】${monthName(review.month, 'zh-CN')}投诉月报 / Monthly complaint review: ${monthName(review.month, 'en')}`,
    text: `${textBlock(review, 'zh-CN')}\n\n----\n\n${textBlock(review, 'en')}\n`,
    html: `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"></head><body>${htmlBlock(review, 'zh-CN')}<hr>${htmlBlock(review, 'en')}</body></html>`,
  };
}
