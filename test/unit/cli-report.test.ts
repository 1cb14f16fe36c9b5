import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KpiReport } from '#contract/report-schemas.ts';
import { verifyStaffToken } from '#local/staff-tokens.ts';
import { displayWidth, report } from '../../bin/cli/report.ts';
import { runCli } from '../../bin/cli.ts';

/** A cohort's figures; `overrides` changes the few a row needs to tell it apart. */
const figures = (overrides: {
  received: number;
  closed: number;
  resolvedRate: number | null;
  csatMean: number | null;
  nps: number | null;
}) => ({
  received: overrides.received,
  open: overrides.received - overrides.closed,
  closed: overrides.closed,
  resolvedRate: overrides.resolvedRate,
  byCategory: { product_quality: 0, logistics: 0, service_attitude: 0, billing_dispute: 0, service_process: 0, other: 0, uncertain: 0 },
  byChannel: {},
  bySeverity: {},
  byTier: {},
  firstResponse: { met: 0, breached: 0, pending: 0, metRate: null },
  resolution: { met: 0, breached: 0, pending: 0, metRate: null, meanWorkingDays: null, medianWorkingDays: null },
  escalated: { any: 0, level1: 0, level2: 0, level3: 0, rate: null },
  reopened: { count: 0, rate: null },
  repeat: { count: 0, rate: null },
  uncertainAtFiling: { count: 0, rate: null },
  firstContactResolutionRate: null,
  surveys: { sent: 0, answered: 0, responseRate: null, csatMean: overrides.csatMean, satisfiedRate: null, nps: overrides.nps },
  noFeedback: 0,
});

const november = {
  received: 120,
  open: 12,
  closed: 108,
  resolvedRate: 0.9,
  byCategory: { product_quality: 40, logistics: 28, service_attitude: 20, billing_dispute: 15, service_process: 10, other: 5, uncertain: 2 },
  byChannel: { web: 60, app: 30, phone: 20, email: 10, social: 0 },
  bySeverity: { L1: 100, L2: 15, L3: 5 },
  byTier: { standard: 110, vip: 10 },
  firstResponse: { met: 114, breached: 6, pending: 0, metRate: 0.95 },
  resolution: { met: 106, breached: 10, pending: 4, metRate: 106 / 116, meanWorkingDays: 4.25, medianWorkingDays: 4 },
  escalated: { any: 14, level1: 10, level2: 3, level3: 1, rate: 14 / 120 },
  reopened: { count: 5, rate: 5 / 108 },
  repeat: { count: 8, rate: 8 / 120 },
  uncertainAtFiling: { count: 6, rate: 0.05 },
  firstContactResolutionRate: 0.7,
  surveys: { sent: 100, answered: 60, responseRate: 0.6, csatMean: 4.316, satisfiedRate: 0.8, nps: 35 },
  noFeedback: 0,
  period: { from: '2026-11-01', to: '2026-11-30', timeZone: 'Asia/Shanghai' },
  generatedAt: '2026-12-01T02:00:00.000Z',
  scope: { team: null, agent: null },
  labels: {
    category: {
      product_quality: 'Product quality',
      logistics: 'Logistics',
      service_attitude: 'Service attitude',
      billing_dispute: 'Billing dispute',
      service_process: 'Service process',
      other: 'Other',
      uncertain: "Needs an agent's pick",
    },
    channel: { web: 'Web', app: 'App', phone: 'Phone', email: 'Email', social: 'Social media' },
    severity: { L1: 'Routine', L2: 'Complex', L3: 'Major' },
    tier: { standard: 'Standard', vip: 'VIP' },
  },
};

const byChannel = {
  ...november,
  groups: [
    { ...figures({ received: 60, closed: 57, resolvedRate: 0.95, csatMean: 4.5, nps: 40 }), key: 'web', label: 'Web' },
    { ...figures({ received: 60, closed: 51, resolvedRate: 0.85, csatMean: null, nps: null }), key: 'social', label: 'Social media' },
  ],
};

const zhByCategory = {
  ...november,
  scope: { team: 'north', agent: null },
  labels: {
    ...november.labels,
    category: {
      product_quality: '产品质量',
      logistics: '物流配送',
      service_attitude: '服务态度',
      billing_dispute: '收费争议',
      service_process: '服务流程',
      other: '其他',
      uncertain: '待人工分类',
    },
  },
  groups: [
    { ...figures({ received: 40, closed: 38, resolvedRate: 0.95, csatMean: 4, nps: 20 }), key: 'product_quality', label: '产品质量' },
    { ...figures({ received: 5, closed: 5, resolvedRate: 1, csatMean: null, nps: -12.5 }), key: 'other', label: '其他' },
  ],
};

const byWeek = {
  ...november,
  series: [
    { ...figures({ received: 30, closed: 30, resolvedRate: 1, csatMean: 4.2, nps: 30 }), from: '2026-11-01', to: '2026-11-01' },
    { ...figures({ received: 90, closed: 78, resolvedRate: 0.8, csatMean: 4.35, nps: 37 }), from: '2026-11-02', to: '2026-11-08' },
  ],
};

const csv = '\uFEFFkey,received,closed\r\nweb,60,57\r\nsocial,60,51\r\n';

interface Seen {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingHttpHeaders;
}

interface Answer {
  status: number;
  type: string;
  body: string;
}

let server: Server;
let api: string;
let seen: Seen[] = [];
let answer: (url: URL) => Answer;

const json = (body: unknown): Answer => ({ status: 200, type: 'application/json; charset=utf-8', body: JSON.stringify(body) });

/** Answers like the desk would: the CSV when asked for it, else the JSON report that fits the query. */
const desk = (url: URL): Answer => {
  if (url.pathname !== '/staff/reports/kpi') return { status: 404, type: 'text/plain', body: 'no such route' };
  if (url.searchParams.get('format') === 'csv') return { status: 200, type: 'text/csv; charset=utf-8', body: csv };
  if (url.searchParams.get('interval')) return json(byWeek);
  if (url.searchParams.get('groupBy') === 'category') return json(zhByCategory);
  if (url.searchParams.get('groupBy')) return json(byChannel);
  return json(november);
};

const env = { LANG: 'en_US.UTF-8' };
const period = ['--from', '2026-11-01', '--to', '2026-11-30'];

beforeAll(async () => {
  server = createServer((request, response) => {
    seen.push({ method: request.method, url: request.url, headers: request.headers });
    const { status, type, body } = answer(new URL(request.url ?? '/', 'http://desk'));
    response.writeHead(status, { 'content-type': type }).end(body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.close();
  await once(server, 'close');
});

beforeEach(() => {
  seen = [];
  answer = desk;
});

describe('Command: closeloop report, the fake desk', () => {
  it.each([
    ['November', november],
    ['by channel', byChannel],
    ['by category in Chinese', zhByCategory],
    ['by week', byWeek],
  ])('answers a report the contract accepts (%s)', (_, body) => {
    expect(() => KpiReport.parse(body)).not.toThrow();
  });
});

describe('Command: closeloop report, the request', () => {
  it('asks GET /staff/reports/kpi for the period, grouping and interval, in the language asked, with the token given', async () => {
    const result = await report(
      [
        ...period,
        '--group-by',
        'team',
        '--interval',
        'week',
        '--format',
        'json',
        '--api',
        api,
        '--token',
        'abc.def.ghi',
        '--lang',
        'zh-CN',
      ],
      env,
    );

    expect(result.exitCode).toBe(0);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      method: 'GET',
      url: '/staff/reports/kpi?from=2026-11-01&to=2026-11-30&groupBy=team&interval=week&format=json',
      headers: { 'accept-language': 'zh-CN', authorization: 'Bearer abc.def.ghi', accept: 'application/json' },
    });
  });

  it('asks for format=csv with --format csv, and leaves out what was not asked', async () => {
    await report([...period, '--format', 'csv', '--api', api, '--token', 't'], env);

    expect(seen[0]).toMatchObject({ url: '/staff/reports/kpi?from=2026-11-01&to=2026-11-30&format=csv', headers: { accept: 'text/csv' } });
  });

  it('puts the route under the path of the API (an API Gateway stage)', async () => {
    await report([...period, '--api', `${api}/prod/`, '--token', 't'], env);

    expect(seen[0]!.url).toBe('/prod/staff/reports/kpi?from=2026-11-01&to=2026-11-30&format=json');
  });

  it('mints a local supervisor token for a local desk when --token is absent', async () => {
    await report([...period, '--api', api], env);

    const authorization = seen[0]!.headers.authorization!;
    expect(authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    const claims = await verifyStaffToken(authorization.slice('Bearer '.length));
    expect(claims).toMatchObject({ sub: 'supervisor-1', 'cognito:groups': 'supervisors' });
  });

  it('takes the desk from CLOSELOOP_API when --api is absent, and --api over it', async () => {
    await report([...period, '--token', 't'], { ...env, CLOSELOOP_API: api });
    await report([...period, '--token', 't', '--api', api], { ...env, CLOSELOOP_API: 'http://127.0.0.1:1' });

    expect(seen).toHaveLength(2);
  });

  it.each([
    [{ LANG: 'zh_CN.UTF-8' }, 'zh-CN'],
    [{ LANG: 'zh_TW.UTF-8' }, 'zh-CN'],
    [{ LANG: 'en_GB.UTF-8' }, 'en'],
    [{ LANG: 'C' }, 'en'],
    [{}, 'en'],
  ])('sends Accept-Language from LANG without --lang: %j → %s', async (environment, language) => {
    await report([...period, '--format', 'json', '--api', api, '--token', 't'], environment);

    expect(seen[0]!.headers['accept-language']).toBe(language);
  });

  it('goes through the closeloop entry point, which lists the command', async () => {
    const result = await runCli(['report', ...period, '--format', 'json', '--api', api, '--token', 't', '--lang', 'en']);
    const help = await runCli(['--help']);

    expect(result.exitCode).toBe(0);
    expect(seen).toHaveLength(1);
    expect(help.stdout).toMatch(/^ {2}report +print the KPI report/m);
  });
});

describe('Command: closeloop report, the output', () => {
  it('prints the JSON as answered, pretty-printed', async () => {
    const result = await report([...period, '--format', 'json', '--api', api, '--token', 't'], env);

    expect(result).toEqual({ stdout: `${JSON.stringify(november, null, 2)}\n`, stderr: '', exitCode: 0 });
  });

  it('writes the CSV through byte for byte, its BOM kept', async () => {
    const result = await report([...period, '--format', 'csv', '--api', api, '--token', 't'], env);

    expect(result).toEqual({ stdout: csv, stderr: '', exitCode: 0 });
    expect(result.stdout.codePointAt(0)).toBe(0xfeff);
  });

  it('prints the report as a table in English, grouped by channel', async () => {
    const result = await report([...period, '--group-by', 'channel', '--api', api, '--token', 't', '--lang', 'en'], env);

    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout.split('\n')).toEqual([
      'KPI report 2026-11-01 to 2026-11-30 (Asia/Shanghai)',
      'Scope: the whole desk',
      'Generated at 2026-12-01T02:00:00.000Z',
      '',
      'Received                         120',
      'Open                              12',
      'Closed                           108',
      'Resolved rate                  90.0%',
      'First response met             95.0%  met 114, breached 6, pending 0',
      'Resolution met                 91.4%  met 106, breached 10, pending 4',
      'Mean working days                4.3',
      'Median working days              4.0',
      'Escalation rate                11.7%  14 escalated: level 1 10, level 2 3, level 3 1',
      'Reopened                           5  4.6%',
      'Repeat rate                     6.7%  8 complaints',
      'Filed uncertain                 5.0%  6 complaints',
      'First-contact resolution       70.0%',
      'Survey response rate           60.0%  sent 100, answered 60',
      'CSAT mean                       4.32',
      'Satisfied                      80.0%',
      'NPS                               35',
      'Closed, resolution never sent      0',
      '',
      'Received by category',
      '  Product quality        40',
      '  Logistics              28',
      '  Service attitude       20',
      '  Billing dispute        15',
      '  Service process        10',
      '  Other                   5',
      "  Needs an agent's pick   2",
      '',
      'By channel',
      'Channel  Name          Received  Closed  Resolved  1st resp. met  Resol. met  Escalated  CSAT  NPS',
      '-------  ------------  --------  ------  --------  -------------  ----------  ---------  ----  ---',
      'web      Web                 60      57     95.0%              —           —          0  4.50   40',
      'social   Social media        60      51     85.0%              —           —          0     —    —',
      '',
    ]);
  });

  it('prints a series from–to, one row per week', async () => {
    const result = await report([...period, '--interval', 'week', '--api', api, '--token', 't', '--lang', 'en'], env);

    expect(result.stdout.split('\n').slice(-6)).toEqual([
      'By week',
      'Period                 Received  Closed  Resolved  1st resp. met  Resol. met  Escalated  CSAT  NPS',
      '---------------------  --------  ------  --------  -------------  ----------  ---------  ----  ---',
      '2026-11-01–2026-11-01        30      30    100.0%              —           —          0  4.20   30',
      '2026-11-02–2026-11-08        90      78     80.0%              —           —          0  4.35   37',
      '',
    ]);
  });

  it('prints the report in Chinese with the labels answered, columns aligned by display width (CJK counts 2)', async () => {
    const result = await report([...period, '--group-by', 'category', '--api', api, '--token', 't', '--lang', 'zh-CN'], env);
    const lines = result.stdout.split('\n');

    expect(lines.slice(0, 6)).toEqual([
      'KPI 报表 2026-11-01 至 2026-11-30（Asia/Shanghai）',
      '范围：团队 north',
      '生成时间 2026-12-01T02:00:00.000Z',
      '',
      '受理量' + ' '.repeat(18) + '120',
      '未结' + ' '.repeat(21) + '12',
    ]);
    expect(lines).toContain('平均满意度（CSAT）     4.32');
    expect(lines).toContain('已结但未告知处理结果      0');
    expect(lines).toContain('受理时待人工分类       5.0%  6 件');
    expect(lines.slice(lines.indexOf('各类别受理量'), lines.indexOf('各类别受理量') + 3)).toEqual([
      '各类别受理量',
      '  产品质量    40',
      '  物流配送    28',
    ]);
    const table = lines.slice(lines.indexOf('按类别') + 1, -1);
    expect(table).toEqual([
      '类别             名称      受理  已结  解决率  首响达标  处理达标  升级  CSAT    NPS',
      '---------------  --------  ----  ----  ------  --------  --------  ----  ----  -----',
      'product_quality  产品质量    40    38   95.0%         —         —     0  4.00     20',
      'other            其他         5     5  100.0%         —         —     0     —  -12.5',
    ]);
    expect(new Set(table.map(displayWidth))).toEqual(new Set([displayWidth(table[1]!)]));
  });

  it('counts display columns: two for Chinese and full-width forms, none for combining marks', () => {
    expect(displayWidth('NPS')).toBe(3);
    expect(displayWidth('产品质量')).toBe(8);
    expect(displayWidth('（CSAT）')).toBe(8);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('—')).toBe(1);
  });
});

describe('Command: closeloop report, refusals', () => {
  it.each([
    { input: [], error: /--from and --to are required/ },
    { input: ['--from', '2026-11-01'], error: /--from and --to are required/ },
    { input: ['--from', '2026/11/01', '--to', '2026-11-30'], error: /--from "2026\/11\/01" is not a date YYYY-MM-DD/ },
    { input: ['--from', '2026-11-01', '--to', '2026-11-31'], error: /--to "2026-11-31" is not a date YYYY-MM-DD/ },
    { input: ['--from', '2026-12-01', '--to', '2026-11-30'], error: /--from \(2026-12-01\) must not be after --to \(2026-11-30\)/ },
    {
      input: [...period, '--group-by', 'region'],
      error: /--group-by must be one of category, channel, severity, tier, team, agent, got "region"/,
    },
    { input: [...period, '--interval', 'day'], error: /--interval must be one of week, month, got "day"/ },
    { input: [...period, '--format', 'xlsx'], error: /--format must be one of table, json, csv, got "xlsx"/ },
    { input: [...period, '--lang', 'fr'], error: /--lang must be one of zh-CN, en, got "fr"/ },
    { input: [...period, '--api', 'ftp://desk.example.com'], error: /--api "ftp:\/\/desk.example.com" is not the http\(s\) URL of a desk/ },
    { input: [...period, '--api', 'not a url'], error: /--api "not a url" is not the http\(s\) URL/ },
    { input: [...period, '--token', 'Bearer abc'], error: /--token must be the token alone/ },
    { input: [...period, '--verbose'], error: /--verbose/ },
    { input: [...period, 'extra'], error: /extra/ },
    {
      input: [...period, '--api', 'https://api.example.com/prod'],
      error: /--token is required for a desk that is not local \(https:\/\/api.example.com\/prod\)/,
    },
  ])('refuses $input with exit code 2, the problem and the usage, asking nothing', async ({ input, error }) => {
    const result = await report(input, env);

    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(error);
    expect(result.stderr).toMatch(/^closeloop report: /);
    expect(result.stderr).toContain('\n\nusage: closeloop report --from YYYY-MM-DD --to YYYY-MM-DD');
    expect(seen).toEqual([]);
  });

  it('names CLOSELOOP_API when the URL came from there', async () => {
    const result = await report(period, { CLOSELOOP_API: 'desk:3000' });

    expect(result.stderr).toMatch(/CLOSELOOP_API "desk:3000" is not the http\(s\) URL/);
  });

  it('prints its options on --help', async () => {
    const result = await report(['--help'], env);

    expect(result).toMatchObject({ stderr: '', exitCode: 0 });
    expect(result.stdout).toMatch(/^usage: closeloop report --from YYYY-MM-DD/);
    expect(result.stdout).toMatch(/--group-by +one row per category, channel, severity, tier, team, agent/);
  });

  it('prints the detail of a problem the desk answers, and its field errors, with exit code 1', async () => {
    answer = () => ({
      status: 400,
      type: 'application/problem+json; charset=utf-8',
      body: JSON.stringify({
        type: 'https://closeloop.dev/problems/invalid',
        title: '请求无效',
        status: 400,
        detail: '查询参数无效',
        errors: [{ field: 'groupBy', problem: '不能与 interval 同时使用' }],
      }),
    });
    const result = await report(
      [...period, '--group-by', 'team', '--interval', 'week', '--api', api, '--token', 't', '--lang', 'zh-CN'],
      env,
    );

    expect(result).toEqual({
      stdout: '',
      stderr: 'closeloop report: 查询参数无效 (HTTP 400 Bad Request)\n  groupBy: 不能与 interval 同时使用\n',
      exitCode: 1,
    });
  });

  it('prints the message of an API Gateway refusal, and the status of an answer with no detail', async () => {
    answer = () => ({ status: 401, type: 'application/json', body: '{"message":"Unauthorized"}' });
    const unauthorized = await report([...period, '--api', api, '--token', 't'], env);
    answer = () => ({ status: 502, type: 'text/html', body: '<h1>Bad gateway</h1>' });
    const badGateway = await report([...period, '--api', api, '--token', 't'], env);

    expect(unauthorized).toMatchObject({ stderr: 'closeloop report: Unauthorized (HTTP 401 Unauthorized)\n', exitCode: 1 });
    expect(badGateway).toMatchObject({ stderr: 'closeloop report: the desk answered HTTP 502 Bad Gateway\n', exitCode: 1 });
  });

  it('refuses an answer that is not the report asked for, with exit code 1', async () => {
    answer = () => json({ ...november, received: -1 });
    const notAReport = await report([...period, '--api', api, '--token', 't'], env);
    answer = () => json(november);
    const notCsv = await report([...period, '--format', 'csv', '--api', api, '--token', 't'], env);

    expect(notAReport).toMatchObject({ stdout: '', exitCode: 1 });
    expect(notAReport.stderr).toMatch(/^closeloop report: the desk's answer is not a KPI report .*\(received: /);
    expect(notCsv).toMatchObject({
      stdout: '',
      stderr: 'closeloop report: the desk answered application/json, not text/csv\n',
      exitCode: 1,
    });
  });

  it('says the desk is not running at the URL, and how to start it, when the connection is refused', async () => {
    // A port just freed by the system: nothing listens on it.
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const port = (closed.address() as AddressInfo).port;
    closed.close();
    await once(closed, 'close');

    const result = await report([...period], { CLOSELOOP_API: `http://127.0.0.1:${port}` });

    expect(result).toEqual({
      stdout: '',
      stderr: `closeloop report: the desk is not running at http://127.0.0.1:${port} (connection refused); start it with npm start\n`,
      exitCode: 1,
    });
  });
});
