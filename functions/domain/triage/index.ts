import type { CaseCategory, Category, Locale } from '#domain/complaint.ts';
import type { Severity } from '#domain/sla-policy.ts';
import { classify, isClearMismatch, scoreCategories } from './category.ts';
import { TriageModel, type TriageModelFile } from './category-model.ts';
import modelFile from './model/triage-model.json' with { type: 'json' };
import rules from './lexicons/rules.json' with { type: 'json' };
import { analyse, joinAnalysed } from './phrases.ts';
import { assessSeverity, gradeSeverity, type SeverityReason } from './severity.ts';
import { scoreSentiment, type SentimentLabel } from './sentiment.ts';

export { searchTokens } from './search-tokens.ts';

export interface TriageInput {
  subject: string;
  description: string;
  category?: Category;
  /** Accepted for the record; both languages' lexicons always run because customers mix them. */
  locale?: Locale;
}

export interface TriageResult {
  category: {
    /** `uncertain` when the customer picked none and the model is not sure: an agent picks, nobody guesses. */
    value: CaseCategory;
    source: 'customer' | 'classified';
    scores: Record<Category, number>;
    evidence: string[];
    /** The customer picked one category but the text clearly says another: flagged, never overridden. */
    mismatch?: { suggested: Category; evidence: string[] };
  };
  severity: { value: Severity; reasons: SeverityReason[] };
  sentiment: { score: number; label: SentimentLabel; evidence: string[] };
  /** High risk alerts a supervisor at once, whatever the deadlines. */
  risk: { high: boolean; reasons: string[] };
  priorityHints: { sentiment: number; severity: Severity };
}

// Trained by `npm run train:triage`; bundled with the function (no download at run time). Decoded on
// the first filing rather than at module load, so routes that never triage pay nothing at cold start.
let triageModel: TriageModel | undefined;
const trainedModel = () => (triageModel ??= new TriageModel(modelFile as TriageModelFile));

/** Classifies a complaint at filing: category, severity, sentiment and risk, each with the words that decided it. */
export function triageComplaint(input: TriageInput): TriageResult {
  const subject = analyse(input.subject ?? '');
  const description = analyse(input.description ?? '');
  const whole = joinAnalysed(subject, description);

  const { scores, evidence } = scoreCategories(subject, description);
  // The trained model reads the words as customers write them. Where it is not sure, a case nobody
  // categorised is filed `uncertain` for an agent to pick: a guess would look like a decision on the
  // queue and in the reports. The lexicons still help judge whether a customer's own pick is a clear mismatch.
  const { category: prediction, severity: modelSeverity } = trainedModel().predict(input.subject ?? '', input.description ?? '', scores);
  const picked = input.category;
  let category: TriageResult['category'];
  if (picked) {
    const classified = prediction.confident ? prediction.category : classify(scores);
    category = {
      value: picked,
      source: 'customer',
      scores,
      evidence: evidence[picked],
      ...(isClearMismatch(picked, classified, scores) ? { mismatch: { suggested: classified, evidence: evidence[classified] } } : {}),
    };
  } else if (prediction.confident) {
    category = { value: prediction.category, source: 'classified', scores, evidence: evidence[prediction.category] };
  } else {
    category = { value: 'uncertain', source: 'classified', scores, evidence: [] };
  }

  const graded = gradeSeverity(assessSeverity(whole), modelSeverity);
  const { threats } = graded;
  const severity = { value: graded.value, reasons: graded.reasons };
  const sentiment = scoreSentiment(whole);

  const reasons: string[] = [];
  if (severity.value === 'L3') {
    reasons.push(
      `severity L3: ${severity.reasons
        .filter((r) => r.rule !== 'large_amount')
        .map((r) => r.rule)
        .join(', ')}`,
    );
  }
  for (const [front, words] of Object.entries(threats)) reasons.push(`${front} threat: ${words.join(', ')}`);
  if (sentiment.score <= rules.risk.sentimentAtOrBelow) {
    reasons.push(`sentiment ${sentiment.score} <= ${rules.risk.sentimentAtOrBelow}`);
  }

  return {
    category,
    severity,
    sentiment,
    risk: { high: reasons.length > 0, reasons },
    priorityHints: { sentiment: sentiment.score, severity: severity.value },
  };
}
