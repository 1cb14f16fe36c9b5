import type { Severity } from '#domain/sla-policy.ts';
import { moneyAmounts } from './amounts.ts';
import severityRules from './lexicons/severity.json' with { type: 'json' };
import { compilePhrases, findPhrases, type AnalysedText } from './phrases.ts';
import { englishWords } from './text.ts';

export type ThreatKind = 'regulator' | 'media' | 'court';

interface PhraseRule {
  rule: string;
  level: Severity;
  threat?: ThreatKind;
}

export interface SeverityReason {
  rule: string;
  evidence: string[];
}

export interface SeverityAssessment {
  value: Severity;
  reasons: SeverityReason[];
  /** Which fronts the customer threatens, with what they wrote. */
  threats: Partial<Record<ThreatKind, string[]>>;
  /** Threats the customer took back ("我不会去消协"): the trained head must not read them as made. */
  takenBack: string[];
}

const rank: Record<Severity, number> = { L1: 1, L2: 2, L3: 3 };

// Highest first, so an amount is noted under the one tier it reaches.
const amountTiers = severityRules.amountTiers.tiers
  .map((t) => ({ ...t, level: t.level as Severity }))
  .sort((a, b) => b.atLeastCny - a.atLeastCny);

const phrases = compilePhrases<PhraseRule>(
  severityRules.phraseRules.flatMap((r) => {
    const rule: PhraseRule = {
      rule: r.rule,
      level: r.level as Severity,
      ...('threat' in r ? { threat: r.threat as ThreatKind } : {}),
    };
    return [...r.zh, ...r.en].map((p) => [p, rule] as const);
  }),
);

const negations = compilePhrases<true>([...severityRules.threatNegations.zh, ...severityRules.threatNegations.en].map((p) => [p, true] as const));
const clauseEnd = /[。！？!?；;，,\n]/u;
// "不会去12315" and "won't be going to the press": the negation sits within a short reach of the threat.
const clauseReach = 24;
const negationReach = 14;

/**
 * "我不会去消协" and "I won't be going to the press" take the threat back: a negation
 * in the same clause, at most a few characters (or words) before it.
 */
function isTakenBack(doc: AnalysedText, threatStart: number): boolean {
  let from = Math.max(0, threatStart - clauseReach);
  for (let i = threatStart - 1; i >= from; i--) {
    if (clauseEnd.test(doc.text.charAt(i))) {
      from = i + 1;
      break;
    }
  }
  // doc.text is normalized already: only the clause's words are needed, not a second analysis.
  const text = doc.text.slice(from, threatStart);
  return findPhrases(negations, { text, words: englishWords(text) }).some((hit) => threatStart - (from + hit.end) <= negationReach);
}

// "1. … 2. …", "1、… 2、…", "①…②…" at the start of a line or after punctuation: the customer counts the problems.
const numberedItem = /(?:^|[\s:;。.!?,])([1-9１-９])[.、)）](?!\d)/gmu;
const circledItem = /[①②③④⑤⑥⑦⑧⑨]/gu;

/** The markers of a list of two or more problems the customer numbered, or of three or more clauses set apart by semicolons. */
function listedProblems(text: string): string[] {
  const numbers = [...text.matchAll(numberedItem)].map((m) => m[1]!);
  if (numbers.includes('1') && numbers.includes('2')) return numbers.filter((n) => n === '1' || n === '2').map((n) => `${n}.`).slice(0, 2);
  const circled = [...new Set(text.match(circledItem) ?? [])];
  if (circled.length >= 2) return circled.slice(0, 2);
  // Full-width ；is folded to ; by normalization.
  const clauses = text.split(';').filter((clause) => clause.trim().length > 1);
  return clauses.length >= 3 ? [';'] : [];
}

/**
 * L3 for harm to safety or health, a threat to go to a regulator, the media or court,
 * or a very large loss; L2 for a large amount in dispute, a third or later contact, several problems at once (named,
 * numbered or set apart by semicolons), a VIP or business account or a deadline already missed; L1 otherwise.
 * The phrases and thresholds are in lexicons/severity.json.
 */
export function assessSeverity(doc: AnalysedText): SeverityAssessment {
  const evidence = new Map<string, { level: Severity; texts: Set<string> }>();
  const threats: Partial<Record<ThreatKind, string[]>> = {};
  const takenBack = new Set<string>();
  const note = (rule: string, level: Severity, text: string) => {
    const entry = evidence.get(rule) ?? { level, texts: new Set<string>() };
    entry.texts.add(text);
    evidence.set(rule, entry);
  };

  for (const hit of findPhrases(phrases, doc)) {
    for (const { rule, level, threat } of hit.values) {
      if (threat && isTakenBack(doc, hit.start)) {
        takenBack.add(hit.text);
        continue;
      }
      note(rule, level, hit.text);
      if (threat) threats[threat] = [...new Set([...(threats[threat] ?? []), hit.text])];
    }
  }

  const listed = listedProblems(doc.text);
  if (listed.length > 0) note('several_problems', 'L2', listed.join(' '));

  for (const amount of moneyAmounts(doc.text)) {

    const tier = amountTiers.find((t) => amount.cny >= t.atLeastCny);
    if (tier) note(tier.rule, tier.level, amount.text);
  }

  const reasons = [...evidence]
    .sort((a, b) => rank[b[1].level] - rank[a[1].level])
    .map(([rule, { texts }]) => ({ rule, evidence: [...texts] }));
  const value = [...evidence.values()].reduce<Severity>((max, e) => (rank[e.level] > rank[max] ? e.level : max), 'L1');
  return { value, reasons, threats, takenBack: [...takenBack] };
}

/** What the trained severity head read: whether it reaches L3, how sure it is, and the n-grams that pushed most. */
export interface ModelSeverity {
  value: 'L1' | 'L3';
  probability: number;
  evidence: string[];
}

/**
 * The rules' grade, raised (never lowered) to L3 where the trained head reaches it: the rules hold what
 * they are sure of (amounts, counted contacts, negated threats, named hazards), the head catches harm and
 * threats told in words no lexicon lists, unless the customer took a threat back. Its reason says how sure it was and which words weighed.
 */
export function gradeSeverity(byRules: SeverityAssessment, byModel: ModelSeverity): SeverityAssessment {
  // The head reads n-grams, not grammar: "消协" weighs the same in "我不去消协" as in "我去消协".
  if (byModel.value !== 'L3' || byRules.value === 'L3' || byRules.takenBack.length > 0) return byRules;
  const reason = { rule: 'trained_model', evidence: [`p=${byModel.probability.toFixed(2)}`, ...byModel.evidence] };
  return { ...byRules, value: 'L3', reasons: [reason, ...byRules.reasons] };
}
