/**
 * npm run eval:triage -- --holdout: triage measured on the held-out split
 * alone (test/fixtures/triage/holdout.jsonl, never trained or tuned on).
 * Category accuracy per category and language, for triage as it decides (the
 * uncertain share apart, excluded from the accuracy) and for the lexicons alone,
 * the confusion matrices, severity accuracy and confusion, L3 precision and
 * recall, the time to triage a 5,000-character complaint and the model file's size.
 */
import { readFileSync } from 'node:fs';
import { type CaseCategory, type Category, caseCategories, categories } from '#domain/complaint.ts';
import { type Severity, severities } from '#domain/sla-policy.ts';
import { TriageModel, type TriageModelFile } from '#domain/triage/category-model.ts';
import { classify, scoreCategories } from '#domain/triage/category.ts';
import { triageComplaint } from '#domain/triage/index.ts';
import { analyse } from '#domain/triage/phrases.ts';
import { holdoutComplaints } from '../test/fixtures/triage/training-set.ts';

const model = new TriageModel(
  JSON.parse(readFileSync(new URL('../functions/domain/triage/model/triage-model.json', import.meta.url), 'utf8')) as TriageModelFile,
);
const rows = holdoutComplaints();
const ratio = (hits: number, total: number) => (total === 0 ? null : Math.round((hits / total) * 1000) / 1000);
// Triage may answer `uncertain` (never a hit): a column of its own.
const confusionOf = () => Object.fromEntries(categories.map((e) => [e, Object.fromEntries(caseCategories.map((p) => [p, 0]))])) as Record<Category, Record<CaseCategory, number>>;

const tally = () => ({ count: 0, hits: 0 });
const rules = { all: tally(), byCategory: {} as Record<string, ReturnType<typeof tally>>, byLanguage: {} as Record<string, ReturnType<typeof tally>>, confusion: confusionOf(), uncertain: 0 };
const lexicons = { ...structuredClone(rules), confusion: confusionOf() };
const severity = { hits: 0, confusion: Object.fromEntries(severities.map((l) => [l, { L1: 0, L2: 0, L3: 0 }])) as Record<Severity, Record<Severity, number>>, raisedToL3ByModel: 0, l3: { truePositive: 0, falsePositive: 0, falseNegative: 0 } };
const missedL3: string[] = [];
const count = (into: ReturnType<typeof tally>, hit: boolean) => {
  into.count += 1;
  if (hit) into.hits += 1;
};

for (const row of rows) {
  const result = triageComplaint({ subject: row.subject, description: row.description, locale: row.locale });
  const byTriage = result.category.value;
  rules.confusion[row.category][byTriage] += 1;
  // Uncertain filings go to an agent: they are reported as a share, not counted as right or wrong.
  if (byTriage === 'uncertain') rules.uncertain += 1;
  else {
    count(rules.all, byTriage === row.category);
    count((rules.byCategory[row.category] ??= tally()), byTriage === row.category);
    count((rules.byLanguage[row.locale] ??= tally()), byTriage === row.category);
  }

  const byLexicons = classify(scoreCategories(analyse(row.subject), analyse(row.description)).scores);
  count(lexicons.all, byLexicons === row.category);
  count((lexicons.byCategory[row.category] ??= tally()), byLexicons === row.category);
  count((lexicons.byLanguage[row.locale] ??= tally()), byLexicons === row.category);
  lexicons.confusion[row.category][byLexicons] += 1;

  const graded = result.severity.value;
  if (graded === row.severity) severity.hits += 1;
  severity.confusion[row.severity][graded] += 1;
  if (graded === 'L3' && result.severity.reasons[0]?.rule.startsWith('trained_model')) severity.raisedToL3ByModel += 1;
  if (graded === 'L3' && row.severity === 'L3') severity.l3.truePositive += 1;
  if (graded === 'L3' && row.severity !== 'L3') severity.l3.falsePositive += 1;
  if (graded !== 'L3' && row.severity === 'L3') {
    severity.l3.falseNegative += 1;
    missedL3.push(`${row.id} (${graded}): ${row.subject}`);
  }
}

const accuracies = (t: typeof rules) => ({
  accuracy: ratio(t.all.hits, t.all.count),
  byCategory: Object.fromEntries(Object.entries(t.byCategory).map(([k, v]) => [k, ratio(v.hits, v.count)])),
  byLanguage: Object.fromEntries(Object.entries(t.byLanguage).map(([k, v]) => [k, ratio(v.hits, v.count)])),
  confusion: t.confusion,
});

const long = rows
  .map((r) => `${r.subject}。${r.description}`)
  .join(' ')
  .slice(0, 5000);
const timeOf = (work: () => unknown) => {
  for (let i = 0; i < 20; i++) work();
  const times: number[] = [];
  for (let i = 0; i < 200; i++) {
    const started = performance.now();
    work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { medianMs: Math.round(times[100]! * 1000) / 1000, p95Ms: Math.round(times[190]! * 1000) / 1000 };
};

const { l3 } = severity;
console.log(
  JSON.stringify(
    {
      split: 'holdout',
      count: rows.length,
      byLanguage: Object.fromEntries(['zh-CN', 'en'].map((locale) => [locale, rows.filter((r) => r.locale === locale).length])),
      // What triage decides: the trained model's category where it is confident, `uncertain` elsewhere (excluded from the accuracy).
      categoryByTriage: { ...accuracies(rules), uncertainShare: ratio(rules.uncertain, rows.length), threshold: model.threshold },
      categoryByLexiconsAlone: accuracies(lexicons),
      severity: {
        accuracy: ratio(severity.hits, rows.length),
        // Rows: the labelled grade; columns: the grade triage gave.
        confusion: severity.confusion,
        raisedToL3ByModel: severity.raisedToL3ByModel,
        l3Recall: ratio(l3.truePositive, l3.truePositive + l3.falseNegative),
        l3Precision: ratio(l3.truePositive, l3.truePositive + l3.falsePositive),
        missedL3,
      },
      timePer5000Characters: { wholeTriage: timeOf(() => triageComplaint({ subject: '投诉', description: long })), modelAlone: timeOf(() => model.predict('投诉', long)) },
      modelFile: { features: model.features, bytes: readFileSync(new URL('../functions/domain/triage/model/triage-model.json', import.meta.url)).length, raiseToL3At: model.raiseToL3At },
    },
    null,
    2,
  ),
);
