import type { Severity } from '#domain/sla-policy.ts';
import { moneyAmounts } from './amounts.ts';
import severityRules from './lexicons/severity.json' with { type: 'json' };
import { compilePhrases, findPhrases, type AnalysedText } from './phrases.ts';

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
}

const rank: Record<Severity, number> = { L1: 1, L2: 2, L3: 3 };

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

/**
 * L3 for harm to safety or health, or threats on two fronts at once; L2 for one threat
 * (regulator, media, court) or a large amount; L1 otherwise. The rules and thresholds
 * are in lexicons/severity.json.
 */
export function assessSeverity(doc: AnalysedText): SeverityAssessment {
  const evidence = new Map<string, { level: Severity; texts: Set<string> }>();
  const threats: Partial<Record<ThreatKind, string[]>> = {};
  const note = (rule: string, level: Severity, text: string) => {
    const entry = evidence.get(rule) ?? { level, texts: new Set<string>() };
    entry.texts.add(text);
    evidence.set(rule, entry);
  };

  for (const hit of findPhrases(phrases, doc)) {
    for (const { rule, level, threat } of hit.values) {
      note(rule, level, hit.text);
      if (threat) threats[threat] = [...new Set([...(threats[threat] ?? []), hit.text])];
    }
  }

  const { largeAmount, multipleThreats } = severityRules;
  for (const amount of moneyAmounts(doc.text)) {
    if (amount.cny >= largeAmount.thresholdCny) note(largeAmount.rule, largeAmount.level as Severity, amount.text);
  }
  const fronts = Object.keys(threats);
  if (fronts.length >= multipleThreats.atLeast) {
    for (const front of fronts) note(multipleThreats.rule, multipleThreats.level as Severity, front);
  }

  const reasons = [...evidence]
    .sort((a, b) => rank[b[1].level] - rank[a[1].level])
    .map(([rule, { texts }]) => ({ rule, evidence: [...texts] }));
  const value = [...evidence.values()].reduce<Severity>((max, e) => (rank[e.level] > rank[max] ? e.level : max), 'L1');
  return { value, reasons, threats };
}
