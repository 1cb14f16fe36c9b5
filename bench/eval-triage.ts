/**
 * Accuracy of triage against the labelled set, per split (train = what the lexicons were
 * tuned on, holdout = never looked at while tuning) and overall, plus the time to triage
 * a 5,000-character complaint. `--split=train` reports only that split (for tuning
 * without peeking at the holdout); `--worst=N` lists N misses per section.
 */
import { triageComplaint } from '#domain/triage/index.ts';
import { evaluate, loadEvalSet, splitOf, type Split } from '../test/fixtures/triage/eval-set.ts';

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const only = args.get('split') as Split | undefined;
const worst = Number(args.get('worst') ?? 10);

const rows = loadEvalSet();
const splits: Split[] = only ? [only] : ['train', 'holdout'];
const report: Record<string, unknown> = {};
for (const split of splits)
  report[split] = evaluate(
    rows.filter((r) => splitOf(r) === split),
    triageComplaint,
    worst,
  );
if (!only) report.overall = evaluate(rows, triageComplaint, worst);

// Long text built from the set itself, mixed Chinese and English, cut to 5,000 characters.
const long = rows
  .map((r) => `${r.subject}。${r.description}`)
  .join(' ')
  .slice(0, 5000);
for (let i = 0; i < 20; i += 1) triageComplaint({ subject: 'warm-up', description: long });
const times: number[] = [];
for (let i = 0; i < 200; i += 1) {
  const started = performance.now();
  triageComplaint({ subject: '投诉', description: long });
  times.push(performance.now() - started);
}
times.sort((a, b) => a - b);
const at = (q: number) => Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))]! * 1000) / 1000;
report.performance = { characters: long.length, runs: times.length, medianMs: at(0.5), p95Ms: at(0.95), maxMs: at(1) };

console.log(JSON.stringify(report, null, 2));
