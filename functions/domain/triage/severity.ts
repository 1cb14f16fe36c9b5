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
  /** The customer took a threat back ("我不会去消协"): the trained head must not read it as made. */
  threatTakenBack: boolean;
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
  if (clauses.length >= 3) return [';'];
  // The analysed text is the subject, a line break, then the description.
  return listedInSubject(text.split('\n', 1)[0]!);
}

/**
 * A title that lists three problems ("Tent: poles bent, zip broken, leaked", "丢一箱、碎一箱、晚三天"): customers put
 * the gist in the title, and a title of three short items separated by commas is a list. The product named before a
 * colon is not an item.
 */
function listedInSubject(subject: string): string[] {
  const items = subject
    .replace(/^[^:]{1,40}:/u, '')
    .split(/[,、]|\band\b|\bthen\b/u)
    .map((item) => item.trim())
    // "Hello," and "您好，" open a title without naming a problem.
    .filter((item) => [...item].length >= 2 && !/^(?:hello|hi|hey|dear [a-z]+|您好|你好)$/u.test(item));
  const short = items.every((item) => (/\p{Script=Han}/u.test(item) ? [...item].length <= 12 : item.split(/\s+/).length <= 6));
  return items.length >= 3 && short ? [subject.trim()] : [];
}

// Tiers and business accounts by their shape: "五星级客户", "年费超级会员", "Platinum cardholder", "trade account BS-7714",
// "business seller account", "Premier account holder". A tier word alone is not one ("gold ring", "黑卡片").
const accountShapes = [
  /(?:[一二三四五六七]|[1-7])星(?:级)?(?:客户|会员|用户)/u,
  /(?:年费|超级|白金|钻石|黑金|金卡|铂金|私人银行|私行|贵宾|尊享|高级|终身|至尊|黑钻|v[1-9])[\p{Script=Han}]{0,2}?(?:会员|客户|用户)/u,
  /(?:企业|公司|商户|商家|对公|机构|单位)(?:客户|服务|用户|账户|账号|版|会员|采购|卖家|月结)/u,
  /\b(?:platinum|gold|premier|premium|private banking|black|diamond|elite|vip|five[- ]star|5[- ]star|priority|first class|executive|pro)\s+(?:[a-z]+\s+)?(?:member|membership|cardholder|card holder|client|customer|account holder|tier|status|subscriber|subscription)s?\b/u,
  /\b(?:business|corporate|trade|company|seller|merchant|enterprise|b2b|wholesale|shop|restaurant|commercial)\s+(?:[a-z]+\s+)?(?:account|customer|client|buyer|seller|membership|banking|plan|tier)s?\b/u,
];

/** What the first of `patterns` to match found in `text`. */
function firstMatch(patterns: readonly RegExp[], text: string): string | undefined {
  for (const pattern of patterns) {
    const match = pattern.exec(text);
    if (match) return match[0];
  }
  return undefined;
}

// Authorities no lexicon can list in full: "去交通运输局投诉", "交给环保局了", "reporting him to the city transport authority".
// A bureau word alone is not a threat ("去邮局寄"): a complaint verb must follow, or the customer hands the matter over.
const authorityNames = '(?:局|委|委员会|监管|管理处|管理所|信访办|留言板|信箱|热线)';
const namedAuthorityThreats = [
  new RegExp(`(?:去|向|找|到|给|跟|打给|写信给)[\\p{Script=Han}]{1,8}?${authorityNames}[^。！？!?,\\n]{0,6}?(?:投诉|反映|举报|告|申诉|讨个说法|说理|评理|留言)`, 'u'),
  new RegExp(`(?:交给|报给|告到|投诉到|反映到|举报到|反映给|投诉给)[\\p{Script=Han}]{1,8}?${authorityNames}`, 'u'),
  /\b(?:report|reporting|reported|complain|complaining|complained|complaint|going|take|taking|write|writing|escalat[a-z]*|refer|referring)\b[^.!?\n]{0,40}?\bto the\s+(?:[a-z]+\s+){0,3}?(?:authority|authorities|regulator|ombudsman|commission|watchdog|bureau|agency|ministry|inspectorate)\b/u,
];

// Counted contacts: "打过四次电话", "跑了三趟", "third chat session", "I've called 8 times". Three or more counts, as the
// labelling guide's "third or later contact" does; "twice" does not. Asking three times in one chat ("问了三遍"), trying
// a button five times or being called by a salesman six times are not contacts about the problem.
const chineseCount = '(?:[三四五六七八九十]|[3-9]|[1-9]\\d)';
const contactVerbs = '(?:打|联系|反映|投诉|申请|申诉|跑|沟通|提交|报修|留言|登记|上门|到店|来店)';
const englishCount = '(?:[3-9]|[1-9]\\d|three|four|five|six|seven|eight|nine|ten|a dozen)';
const countedContactPatterns = [
  new RegExp(`${contactVerbs}[了过](?:有|足足|整整|差不多|快|将近)?${chineseCount}\\s*(?:次|趟|回|封)`, 'u'),
  new RegExp(`${chineseCount}\\s*(?:次|趟|回)(?:电话|来电|上门|去店|到店|跑)`, 'u'),
  /\b(?:third|fourth|fifth|sixth|seventh|3rd|4th|5th|6th|7th)\s+(?:[a-z]+\s+){0,2}?(?:time|chat|call|email|e-mail|message|report|request|visit|appeal|complaint|attempt|try|ticket|letter|reminder|follow[- ]up|session|booking|appointment)s?\b/u,
  new RegExp(`(?:^|[.!?;\\n]\\s*|\\b(?:i|we)(?:'ve|'d| have| had)?\\s+(?:[a-z']+\\s+){0,2}?)(?:already\\s+|now\\s+|had to\\s+|have to\\s+)?(?:called|rang|phoned|emailed|written|wrote|contacted|chased|messaged|reported|complained|visited|been back|gone back|appealed|asked|resent|resend|re-sent|submitted|uploaded|explained)\\b(?:\\s+[a-z']+){0,4}?\\s+${englishCount}\\s+times\\b`, 'u'),
  new RegExp(`\\b(?:after|made|sent|filed|submitted|raised|opened|logged)\\s+${englishCount}\\s+(?:separate\\s+|different\\s+)?(?:calls|phone calls|emails|e-mails|chats|visits|appeals|complaints|reports|requests|tickets)\\b`, 'u'),
];

/**
 * A deadline the company set and let pass: a promise of a time ("说好五天到", "said it would be live by the 12th",
 * "within 72 hours") in the same sentence as, or followed by, a word that it has gone by ("现在已经第八天", "It's now the
 * 19th", "still nothing"). Either alone is a plain request or a plain delay.
 */
const promisedTimes = [
  /(?:说好|说|承诺|答应|保证|告知|告诉我|规定|写着|写的是|约定|显示|通知)[^。！？!?,\n]{0,14}?(?:[0-9一二两三四五六七八九十半]+\s*(?:个)?(?:工作日|天|小时|周|星期|礼拜|个月|分钟)|今天|明天|当天|周[一二三四五六日末]|月底|下周)(?![前以之])/u,
  /\b(?:promis|said|told|says|supposed|guarantee|commit|policy|confirm|quot|estimat|expect|assur)[a-z]*\b[^.!?,\n]{0,60}?\b(?:within|in|by|takes|under|ready|done|back)\s+(?:on\s+|by\s+)?(?:the\s+)?(?:\d+|one|two|three|four|five|six|seven|ten|a|an|24|48|72)?[\s-]*(?:working\s+|business\s+)?(?:hours?|days?|weeks?|months?|monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|the end of|end of|\d{1,2}(?:st|nd|rd|th))\b/u,
  /\b(?:\d+|one|two|three|five|seven)[- ](?:hour|day|week|working[- ]day)\s+(?:delivery\s+)?(?:promise|guarantee|deadline|commitment)\b/u,
];
const timeGoneBy = [
  /(?:现在|至今|到现在|到今天|今天|已经|结果|实际|可是|但是|都)[^。！？!?\n]{0,12}?(?:第?[0-9一二两三四五六七八九十]+\s*(?:个)?(?:工作日|天|周|星期|礼拜|个月)|还没|没有|没人|没来|没到|没给|没出|没收到|过去了|才到|了?也没)/u,
  /(?:还没|仍然没|一直没|没人|没有任何|没有一个|毫无)[^。！？!?\n]{0,8}?(?:消息|动静|回复|联系|电话|来|到|结果|进展)/u,
  /\b(?:it'?s now|it is now|now it'?s|it has been|it'?s been|that was|since then|still|later|ago|yet|nothing|never|no one|nobody|no call|no reply|no answer|weeks? later|days? later|gone by|passed)\b/u,
];

// A promised arrival ("说好三天到", "arrive within 5 days") is a delivery running late, the carrier's clock, not the desk's.
const arrivalWords = '(?:arriv|deliver|ship|dispatch)';
const arrivalAfter = new RegExp(`^[^。！？!?,\\n]{0,6}?(?:到|送|发货|发出|${arrivalWords})`, 'u');
const arrivalWithin = new RegExp(arrivalWords, 'u');

function missedPromise(text: string): string | undefined {
  for (const promised of promisedTimes) {
    const match = promised.exec(text);
    if (!match) continue;
    const after = text.slice(match.index + match[0].length);
    if (arrivalAfter.test(after) || arrivalWithin.test(match[0])) continue;
    if (timeGoneBy.some((gone) => gone.test(after))) return match[0];
  }
  return undefined;
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
  let threatTakenBack = false;
  const note = (rule: string, level: Severity, text: string) => {
    const entry = evidence.get(rule) ?? { level, texts: new Set<string>() };
    entry.texts.add(text);
    evidence.set(rule, entry);
  };
  const noteThreat = (threat: ThreatKind, rule: string, level: Severity, start: number, text: string) => {
    if (isTakenBack(doc, start)) {
      threatTakenBack = true;
      return;
    }
    note(rule, level, text);
    threats[threat] = [...new Set([...(threats[threat] ?? []), text])];
  };

  for (const hit of findPhrases(phrases, doc)) {
    for (const { rule, level, threat } of hit.values) {
      if (threat) noteThreat(threat, rule, level, hit.start, hit.text);
      else note(rule, level, hit.text);
    }
  }

  for (const pattern of namedAuthorityThreats) {
    const match = pattern.exec(doc.text);
    if (match) noteThreat('regulator', 'regulator_threat', 'L3', match.index, match[0]);
  }

  const listed = listedProblems(doc.text);
  if (listed.length > 0) note('several_problems', 'L2', listed.join(' '));
  const account = firstMatch(accountShapes, doc.text);
  if (account) note('vip_account', 'L2', account);
  const counted = firstMatch(countedContactPatterns, doc.text);
  if (counted) note('repeat_contact', 'L2', counted);
  const promise = missedPromise(doc.text);
  if (promise) note('missed_deadline', 'L2', promise);

  for (const amount of moneyAmounts(doc.text)) {

    const tier = amountTiers.find((t) => amount.cny >= t.atLeastCny);
    if (tier) note(tier.rule, tier.level, amount.text);
  }

  const reasons = [...evidence]
    .sort((a, b) => rank[b[1].level] - rank[a[1].level])
    .map(([rule, { texts }]) => ({ rule, evidence: [...texts] }));
  const value = [...evidence.values()].reduce<Severity>((max, e) => (rank[e.level] > rank[max] ? e.level : max), 'L1');
  return { value, reasons, threats, threatTakenBack };
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
  if (byModel.value !== 'L3' || byRules.value === 'L3' || byRules.threatTakenBack) return byRules;
  const reason = { rule: 'trained_model', evidence: [`p=${byModel.probability.toFixed(2)}`, ...byModel.evidence] };
  return { ...byRules, value: 'L3', reasons: [reason, ...byRules.reasons] };
}
