import { parseArgs } from 'node:util';
import * as z from 'zod';
import { KpiReport, reportGroupings, reportIntervals, type ReportGrouping, type ReportInterval } from '#contract/report-schemas.ts';
import { issueStaffToken } from '#local/staff-tokens.ts';
import type { Command, CommandResult } from '../cli.ts';

const SYNOPSIS = `usage: closeloop report --from YYYY-MM-DD --to YYYY-MM-DD [--group-by ${reportGroupings.join('|')}]
                       [--interval ${reportIntervals.join('|')}] [--format table|json|csv]
                       [--api URL] [--token TOKEN] [--lang zh-CN|en]
`;

const DEFAULT_API = 'http://127.0.0.1:3000';

const USAGE = `${SYNOPSIS}
  Prints the KPI report of the complaints received from --from to --to (local
  dates in the desk's time zone, both included), from a running desk.

  --from, --to  the period, e.g. --from 2026-11-01 --to 2026-11-30
  --group-by    one row per ${reportGroupings.join(', ')}
  --interval    one row per week or month of the period
  --format      table (default): a text report in --lang; json: the answer as
                JSON; csv: the desk's CSV as answered (UTF-8 with a BOM)
  --api         the desk's API (default: $CLOSELOOP_API, else ${DEFAULT_API})
  --token       a staff token (Cognito ID token on AWS). Without it, a local
                desk (127.0.0.1, localhost) gets a supervisor token minted
                here as "closeloop token" would; any other desk needs it.
  --lang        the language of the report and of the desk's messages
                (default: zh-CN when $LANG starts with zh, else en)

  Supervisors see the whole desk, agents their own team.
`;

const formats = ['table', 'json', 'csv'] as const;
const languages = ['zh-CN', 'en'] as const;
type Format = (typeof formats)[number];
type Language = (typeof languages)[number];
type Report = z.infer<typeof KpiReport>;
type Figures = Omit<Report, 'period' | 'generatedAt' | 'scope' | 'labels' | 'groups' | 'series'>;

// Lambda behind API Gateway gives up after 29 s; a minute covers that and a slow local desk.
const REQUEST_TIMEOUT_MS = 60_000;

interface Options {
  from: string;
  to: string;
  groupBy: ReportGrouping | undefined;
  interval: ReportInterval | undefined;
  format: Format;
  api: URL;
  token: string | undefined;
  lang: Language;
}

/** `env` is where --api and --lang default from; a parameter so tests do not depend on the machine's shell. */
export async function report(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<CommandResult> {
  const parsed = parseOptions(argv, env);
  if ('help' in parsed) return { stdout: USAGE, stderr: '', exitCode: 0 };
  if ('problem' in parsed) return { stdout: '', stderr: `closeloop report: ${parsed.problem}\n\n${SYNOPSIS}`, exitCode: 2 };
  const { options } = parsed;

  const token = options.token ?? (isLocal(options.api) ? await issueStaffToken('supervisor', 'supervisor-1', 300) : undefined);
  if (token === undefined) {
    return {
      stdout: '',
      stderr: `closeloop report: --token is required for a desk that is not local (${baseOf(options.api)}): pass a staff ID token\n\n${SYNOPSIS}`,
      exitCode: 2,
    };
  }

  const query = new URLSearchParams({ from: options.from, to: options.to });
  if (options.groupBy) query.set('groupBy', options.groupBy);
  if (options.interval) query.set('interval', options.interval);
  query.set('format', options.format === 'csv' ? 'csv' : 'json');
  // The base may carry a path (an API Gateway stage, /prod), which the route goes under.
  const url = `${baseOf(options.api)}/staff/reports/kpi?${query.toString()}`;

  let response: Response;
  let body: string;
  try {
    response = await fetch(url, {
      headers: {
        accept: options.format === 'csv' ? 'text/csv' : 'application/json',
        'accept-language': options.lang,
        authorization: `Bearer ${token}`,
      },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    // fetch's text() drops a leading BOM, and the CSV's BOM is what tells a spreadsheet it is UTF-8.
    body = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
  } catch (error) {
    return failed(unreachable(error, options.api));
  }
  if (!response.ok) return failed(refusal(response, body));

  const contentType = response.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (options.format === 'csv') {
    if (contentType !== 'text/csv') return failed(`the desk answered ${contentType || 'no content type'}, not text/csv`);
    return { stdout: body, stderr: '', exitCode: 0 };
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return failed(`the desk answered ${contentType || 'no content type'} that is not JSON`);
  }
  if (options.format === 'json') return { stdout: `${JSON.stringify(json, null, 2)}\n`, stderr: '', exitCode: 0 };

  const checked = KpiReport.safeParse(json);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return failed(`the desk's answer is not a KPI report this closeloop understands (${where}${issue?.message ?? 'invalid'})`);
  }
  return { stdout: renderReport(checked.data, options), stderr: '', exitCode: 0 };
}

export const reportCommand: Command = { summary: 'print the KPI report of a period from a running desk', run: (argv) => report(argv) };

function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv): { options: Options } | { help: true } | { problem: string } {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        'group-by': { type: 'string' },
        interval: { type: 'string' },
        format: { type: 'string' },
        api: { type: 'string' },
        token: { type: 'string' },
        lang: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
  if (values.help) return { help: true };
  const text = (name: string) => values[name] as string | undefined;

  const from = text('from');
  const to = text('to');
  if (from === undefined || to === undefined) return { problem: '--from and --to are required, e.g. --from 2026-11-01 --to 2026-11-30' };
  for (const [flag, date] of [
    ['--from', from],
    ['--to', to],
  ] as const) {
    if (!isLocalDate(date)) return { problem: `${flag} "${date}" is not a date YYYY-MM-DD, e.g. 2026-11-01` };
  }
  // Dates of one fixed shape order as strings do.
  if (from > to) return { problem: `--from (${from}) must not be after --to (${to})` };

  const groupBy = text('group-by');
  if (groupBy !== undefined && !isOneOf(reportGroupings, groupBy)) {
    return { problem: `--group-by must be one of ${reportGroupings.join(', ')}, got "${groupBy}"` };
  }
  const interval = text('interval');
  if (interval !== undefined && !isOneOf(reportIntervals, interval)) {
    return { problem: `--interval must be one of ${reportIntervals.join(', ')}, got "${interval}"` };
  }
  const format = text('format') ?? 'table';
  if (!isOneOf(formats, format)) return { problem: `--format must be one of ${formats.join(', ')}, got "${format}"` };
  const lang = text('lang') ?? (env.LANG?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en');
  if (!isOneOf(languages, lang)) return { problem: `--lang must be one of ${languages.join(', ')}, got "${lang}"` };

  const apiText = text('api') ?? (env.CLOSELOOP_API || DEFAULT_API);
  const source = text('api') === undefined && env.CLOSELOOP_API ? 'CLOSELOOP_API' : '--api';
  const api = URL.canParse(apiText) ? new URL(apiText) : undefined;
  if (!api || (api.protocol !== 'http:' && api.protocol !== 'https:') || api.search || api.hash || api.username || api.password) {
    return { problem: `${source} "${apiText}" is not the http(s) URL of a desk, e.g. ${DEFAULT_API}` };
  }
  const token = text('token');
  // A header with a line break in it would be refused by fetch with a message naming no flag.
  if (token !== undefined && !/^[\x21-\x7e]+$/.test(token))
    return { problem: '--token must be the token alone (printable ASCII, no spaces, no "Bearer ")' };

  return { options: { from, to, groupBy, interval, format, api, token, lang } };
}

function isLocalDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  // Date.UTC rolls 2026-02-30 into March; a typo must not silently move the period.
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function isLocal(api: URL): boolean {
  return api.hostname === '127.0.0.1' || api.hostname === 'localhost' || api.hostname === '[::1]';
}

/** The desk's URL as a person writes it, and as routes are appended to. */
function baseOf(api: URL): string {
  return `${api.origin}${api.pathname.replace(/\/+$/, '')}`;
}

function isOneOf<T extends string>(allowed: readonly T[], value: string): value is T {
  return (allowed as readonly string[]).includes(value);
}

function failed(message: string): CommandResult {
  return { stdout: '', stderr: `closeloop report: ${message}\n`, exitCode: 1 };
}

function unreachable(error: unknown, api: URL): string {
  if (error instanceof Error && error.name === 'TimeoutError') {
    return `the desk at ${baseOf(api)} did not answer within ${REQUEST_TIMEOUT_MS / 1000} s`;
  }
  if (hasCode(error, 'ECONNREFUSED')) {
    return `the desk is not running at ${baseOf(api)} (connection refused)${isLocal(api) ? '; start it with npm start' : ''}`;
  }
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
  return `cannot reach the desk at ${baseOf(api)}: ${cause}`;
}

/** fetch wraps the socket error in `cause`; for a name with several addresses (localhost) it is an AggregateError of them. */
function hasCode(error: unknown, code: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  if ((error as { code?: unknown }).code === code) return true;
  if (error instanceof AggregateError && error.errors.some((inner) => hasCode(inner, code))) return true;
  return hasCode((error as { cause?: unknown }).cause, code);
}

// Problem details (RFC 9457) from the desk; API Gateway's own refusals (a bad Cognito token) carry only `message`.
const Refusal = z.union([
  z.object({ detail: z.string(), errors: z.array(z.object({ field: z.string(), problem: z.string() })).optional() }),
  z.object({ message: z.string() }).transform(({ message }) => ({ detail: message, errors: undefined })),
]);

function refusal(response: Response, body: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  const problem = Refusal.safeParse(parsed);
  if (!problem.success) return `the desk answered ${status}`;
  const fields = (problem.data.errors ?? []).map((e) => `\n  ${e.field}: ${e.problem}`).join('');
  return `${problem.data.detail} (${status})${fields}`;
}

// ---- The table: what a person reads in a terminal, in their language.

interface Texts {
  title: (from: string, to: string, timeZone: string) => string;
  scope: (team: string | null) => string;
  generatedAt: string;
  received: string;
  open: string;
  closed: string;
  resolvedRate: string;
  firstResponseMet: string;
  resolutionMet: string;
  deadlineDetail: (met: number, breached: number, pending: number) => string;
  meanWorkingDays: string;
  medianWorkingDays: string;
  escalationRate: string;
  escalationDetail: (any: number, level1: number, level2: number, level3: number) => string;
  reopened: string;
  repeatRate: string;
  uncertainAtFiling: string;
  countDetail: (count: number) => string;
  firstContactResolution: string;
  surveyResponseRate: string;
  surveyDetail: (sent: number, answered: number) => string;
  csatMean: string;
  satisfied: string;
  nps: string;
  noFeedback: string;
  byCategory: string;
  groupsTitle: string;
  grouping: Record<ReportGrouping, string>;
  group: string;
  name: string;
  seriesTitle: Record<ReportInterval | 'other', string>;
  period: string;
  columns: { received: string; closed: string; resolved: string; firstResponse: string; resolution: string; escalated: string };
}

const texts: Record<Language, Texts> = {
  en: {
    title: (from, to, timeZone) => `KPI report ${from} to ${to} (${timeZone})`,
    scope: (team) => (team === null ? 'Scope: the whole desk' : `Scope: team ${team}`),
    generatedAt: 'Generated at',
    received: 'Received',
    open: 'Open',
    closed: 'Closed',
    resolvedRate: 'Resolved rate',
    firstResponseMet: 'First response met',
    resolutionMet: 'Resolution met',
    deadlineDetail: (met, breached, pending) => `met ${met}, breached ${breached}, pending ${pending}`,
    meanWorkingDays: 'Mean working days',
    medianWorkingDays: 'Median working days',
    escalationRate: 'Escalation rate',
    escalationDetail: (any, l1, l2, l3) => `${any} escalated: level 1 ${l1}, level 2 ${l2}, level 3 ${l3}`,
    reopened: 'Reopened',
    repeatRate: 'Repeat rate',
    uncertainAtFiling: 'Filed uncertain',
    countDetail: (count) => `${count} complaints`,
    firstContactResolution: 'First-contact resolution',
    surveyResponseRate: 'Survey response rate',
    surveyDetail: (sent, answered) => `sent ${sent}, answered ${answered}`,
    csatMean: 'CSAT mean',
    satisfied: 'Satisfied',
    nps: 'NPS',
    noFeedback: 'Closed, resolution never sent',
    byCategory: 'Received by category',
    groupsTitle: 'By',
    grouping: { category: 'Category', channel: 'Channel', severity: 'Severity', tier: 'Tier', team: 'Team', agent: 'Agent' },
    group: 'Group',
    name: 'Name',
    seriesTitle: { week: 'By week', month: 'By month', other: 'By period' },
    period: 'Period',
    columns: {
      received: 'Received',
      closed: 'Closed',
      resolved: 'Resolved',
      firstResponse: '1st resp. met',
      resolution: 'Resol. met',
      escalated: 'Escalated',
    },
  },
  'zh-CN': {
    title: (from, to, timeZone) => `KPI 报表 ${from} 至 ${to}（${timeZone}）`,
    scope: (team) => (team === null ? '范围：全部团队' : `范围：团队 ${team}`),
    generatedAt: '生成时间',
    received: '受理量',
    open: '未结',
    closed: '已结',
    resolvedRate: '解决率',
    firstResponseMet: '首次响应达标率',
    resolutionMet: '处理时限达标率',
    deadlineDetail: (met, breached, pending) => `达标 ${met}，超时 ${breached}，未到期 ${pending}`,
    meanWorkingDays: '平均处理工作日',
    medianWorkingDays: '处理工作日中位数',
    escalationRate: '升级率',
    escalationDetail: (any, l1, l2, l3) => `升级 ${any} 件：一级 ${l1}，二级 ${l2}，三级 ${l3}`,
    reopened: '重开',
    repeatRate: '重复投诉率',
    uncertainAtFiling: '受理时待人工分类',
    countDetail: (count) => `${count} 件`,
    firstContactResolution: '首次接触解决率',
    surveyResponseRate: '回访回复率',
    surveyDetail: (sent, answered) => `发送 ${sent}，回复 ${answered}`,
    csatMean: '平均满意度（CSAT）',
    satisfied: '满意占比',
    nps: '净推荐值（NPS）',
    noFeedback: '已结但未告知处理结果',
    byCategory: '各类别受理量',
    groupsTitle: '按',
    grouping: { category: '类别', channel: '渠道', severity: '严重程度', tier: '客户等级', team: '团队', agent: '坐席' },
    group: '分组',
    name: '名称',
    seriesTitle: { week: '按周', month: '按月', other: '按期间' },
    period: '期间',
    columns: {
      received: '受理',
      closed: '已结',
      resolved: '解决率',
      firstResponse: '首响达标',
      resolution: '处理达标',
      escalated: '升级',
    },
  },
};

const NONE = '—';
const percent = (rate: number | null) => (rate === null ? NONE : `${(rate * 100).toFixed(1)}%`);
const decimal = (value: number | null, digits: number) => (value === null ? NONE : value.toFixed(digits));
// NPS is a whole number by its definition; a fractional one from a small cohort keeps one decimal rather than be rounded away.
const score = (nps: number | null) => (nps === null ? NONE : Number.isInteger(nps) ? String(nps) : nps.toFixed(1));

function renderReport(report: Report, options: Options): string {
  const t = texts[options.lang];
  const { period } = report;
  const lines = [
    t.title(period.from, period.to, period.timeZone),
    t.scope(report.scope.team),
    `${t.generatedAt} ${report.generatedAt}`,
    '',
  ];

  const deadline = (d: Figures['firstResponse']) => t.deadlineDetail(d.met, d.breached, d.pending);
  const { escalated, surveys } = report;
  lines.push(
    ...layout(
      [
        [t.received, String(report.received)],
        [t.open, String(report.open)],
        [t.closed, String(report.closed)],
        [t.resolvedRate, percent(report.resolvedRate)],
        [t.firstResponseMet, percent(report.firstResponse.metRate), deadline(report.firstResponse)],
        [t.resolutionMet, percent(report.resolution.metRate), deadline(report.resolution)],
        [t.meanWorkingDays, decimal(report.resolution.meanWorkingDays, 1)],
        [t.medianWorkingDays, decimal(report.resolution.medianWorkingDays, 1)],
        [
          t.escalationRate,
          percent(escalated.rate),
          t.escalationDetail(escalated.any, escalated.level1, escalated.level2, escalated.level3),
        ],
        [t.reopened, String(report.reopened.count), percent(report.reopened.rate)],
        [t.repeatRate, percent(report.repeat.rate), t.countDetail(report.repeat.count)],
        [t.uncertainAtFiling, percent(report.uncertainAtFiling.rate), t.countDetail(report.uncertainAtFiling.count)],
        [t.firstContactResolution, percent(report.firstContactResolutionRate)],
        [t.surveyResponseRate, percent(surveys.responseRate), t.surveyDetail(surveys.sent, surveys.answered)],
        [t.csatMean, decimal(surveys.csatMean, 2)],
        [t.satisfied, percent(surveys.satisfiedRate)],
        [t.nps, score(surveys.nps)],
        [t.noFeedback, String(report.noFeedback)],
      ],
      ['left', 'right', 'left'],
    ),
  );

  const labels: Record<string, string> = report.labels.category;
  lines.push('', t.byCategory);
  lines.push(
    ...layout(
      Object.entries(report.byCategory).map(([key, count]) => [labels[key] ?? key, String(count)]),
      ['left', 'right'],
    ).map((line) => `  ${line}`),
  );

  const figureColumns = (f: Figures) => [
    String(f.received),
    String(f.closed),
    percent(f.resolvedRate),
    percent(f.firstResponse.metRate),
    percent(f.resolution.metRate),
    String(f.escalated.any),
    decimal(f.surveys.csatMean, 2),
    score(f.surveys.nps),
  ];
  const c = t.columns;
  const figureHeaders = [c.received, c.closed, c.resolved, c.firstResponse, c.resolution, c.escalated, 'CSAT', 'NPS'];
  const figureAlign = figureHeaders.map(() => 'right' as const);

  if (report.groups) {
    const groups = report.groups;
    const grouping = options.groupBy ? t.grouping[options.groupBy] : t.group;
    // A team or agent is its own name; a label column repeating the key would only widen the table.
    const named = groups.some((g) => g.label !== g.key);
    lines.push('', options.lang === 'en' ? `${t.groupsTitle} ${grouping.toLowerCase()}` : `${t.groupsTitle}${grouping}`);
    lines.push(
      ...layout(
        [
          [grouping, ...(named ? [t.name] : []), ...figureHeaders],
          ...groups.map((g) => [g.key, ...(named ? [g.label] : []), ...figureColumns(g)]),
        ],
        ['left', ...(named ? ['left' as const] : []), ...figureAlign],
        true,
      ),
    );
  }
  if (report.series) {
    lines.push('', t.seriesTitle[options.interval ?? 'other']);
    lines.push(
      ...layout(
        [[t.period, ...figureHeaders], ...report.series.map((s) => [`${s.from}–${s.to}`, ...figureColumns(s)])],
        ['left', ...figureAlign],
        true,
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Rows as aligned text columns two spaces apart; `header` underlines the first row. */
function layout(rows: readonly (readonly string[])[], align: readonly ('left' | 'right')[], header = false): string[] {
  const widths = align.map((_, column) => Math.max(0, ...rows.map((row) => displayWidth(row[column] ?? ''))));
  const line = (row: readonly string[]) =>
    align
      .map((side, column) => {
        const cell = row[column] ?? '';
        const room = ' '.repeat(widths[column]! - displayWidth(cell));
        return side === 'left' ? cell + room : room + cell;
      })
      .join('  ')
      .trimEnd();
  const lines = rows.map(line);
  if (header && lines.length > 0) lines.splice(1, 0, widths.map((width) => '-'.repeat(width)).join('  '));
  return lines;
}

/**
 * The columns a terminal gives the text: Chinese, Japanese and Korean characters and
 * full-width forms take two, combining marks none. String length counts UTF-16 units,
 * which would push every column after a Chinese label out of line.
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    if (zeroWidth.test(char)) continue;
    width += isWide(char.codePointAt(0)!) ? 2 : 1;
  }
  return width;
}

const zeroWidth = /^[\p{Mn}\p{Me}\p{Cf}]$/u;

const wideRanges: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f], // Hangul Jamo leading consonants
  [0x2e80, 0x303e], // CJK radicals, Kangxi, CJK symbols and punctuation
  [0x3041, 0x33ff], // kana, Bopomofo, Hangul compatibility Jamo, enclosed CJK
  [0x3400, 0x4dbf], // CJK extension A
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xa000, 0xa4cf], // Yi
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe10, 0xfe19], // vertical forms
  [0xfe30, 0xfe6f], // CJK compatibility and small forms
  [0xff00, 0xff60], // full-width forms
  [0xffe0, 0xffe6], // full-width signs
  [0x1f300, 0x1f64f], // pictographs and emoticons
  [0x1f900, 0x1f9ff], // supplemental pictographs
  [0x20000, 0x3fffd], // CJK extensions B and beyond
];

function isWide(code: number): boolean {
  return wideRanges.some(([first, last]) => code >= first && code <= last);
}
