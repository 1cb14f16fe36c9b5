import severityRules from './lexicons/severity.json' with { type: 'json' };

const config = severityRules.amountTiers;
const cnyPerUnit: Record<string, number> = config.cnyPerUnit;
const prefixes: Record<string, string> = config.prefixes;
const suffixes: Record<string, string> = config.suffixes;

export interface MoneyAmount {
  /** As written (normalized), e.g. "12,800元", "$2,300", "一万二". */
  text: string;
  value: number;
  currency: string;
  cny: number;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const byLength = (a: string, b: string) => b.length - a.length;
const isLatin = (s: string) => /^[a-z]/.test(s);

// Latin currency words need word boundaries ("usd", not the end of "thusd"); symbols and Chinese do not.
const prefixSource = Object.keys(prefixes)
  .sort(byLength)
  .map((p) => (isLatin(p) ? `(?<![a-z])${escape(p)}` : escape(p)))
  .join('|');
const suffixSource = Object.keys(suffixes)
  .sort(byLength)
  .map((s) => (isLatin(s) ? `${escape(s)}(?![a-z])` : escape(s)))
  .join('|');
const amountPattern = new RegExp(
  String.raw`(${prefixSource})?\s*(?:(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(k(?![a-z])|w(?![a-z])|千|万|亿)?(?:(?<=[千万])(\d)(?!\d|[.,]\d))?|([零〇一二两三四五六七八九十百千万亿]+))\s*(?:多|余|来)?\s*(${suffixSource})?`,
  'gu',
);
const contextPattern = new RegExp(`(?:${config.moneyContext.map(escape).sort(byLength).join('|')})\\s*$`, 'u');
const contextAfterPattern = new RegExp(`^\\s*(?:${config.moneyContextAfter.map(escape).sort(byLength).join('|')})`, 'u');
const nonMoneyPattern = new RegExp(`^\\s*(?:${config.nonMoneyUnits.map(escape).sort(byLength).join('|')})`, 'u');

const magnitudes: Record<string, number> = { k: 1e3, w: 1e4, 千: 1e3, 万: 1e4, 亿: 1e8 };

/**
 * Money amounts in a normalized text. A number is money when a currency sign or word
 * is attached (¥5,000, 2万元, $1,000, 6000 rmb) or when a money word stands right
 * before it (花了一万二, 总价3.8万, 标价5999); order numbers, dates and points are not.
 */
export function moneyAmounts(text: string): MoneyAmount[] {
  const found: MoneyAmount[] = [];
  for (const match of text.matchAll(amountPattern)) {
    const [whole, prefix, arabic, magnitude, tail, chinese, suffix] = match;
    // "2万6" is said like 二万六: the digit after the unit counts in the next lower one (26,000).
    const value = arabic
      ? (Number(arabic.replaceAll(',', '')) + (tail ? Number(tail) / 10 : 0)) * (magnitude ? (magnitudes[magnitude] ?? 1) : 1)
      : chineseNumber(chinese ?? '');
    if (!Number.isFinite(value) || value <= 0) continue;
    let currency = prefix ? prefixes[prefix] : suffix ? suffixes[suffix] : undefined;
    if (!currency) {
      // The match may open on the spaces before the number: "glued to letters" is about what touches the number itself.
      const start = match.index + (whole.length - whole.trimStart().length);
      const before = text.slice(Math.max(0, start - 6), start);
      const after = text.slice(match.index + whole.length, match.index + whole.length + 10);
      const bareDigits = arabic !== undefined && !magnitude;
      // An arabic number glued to letters or '#' is an id (A-77120, #55120, RF28), not money.
      // So is one right after 订单号 or 尾号.
      if (bareDigits && (/[a-z0-9#\-_/.]$/.test(before) || /号\s*$/u.test(before) || arabic.replaceAll(',', '').length > 9)) continue;
      if (!(contextPattern.test(before) || contextAfterPattern.test(after)) || nonMoneyPattern.test(after)) continue;
      // A lone Chinese digit with a money word before it is rarely an amount (退一赔三).
      if (chinese !== undefined && !/[十百千万亿]/.test(chinese)) continue;
      currency = 'CNY';
    }
    const rate = cnyPerUnit[currency] ?? 1;
    found.push({ text: whole.trim(), value, currency, cny: value * rate });
  }
  return found;
}

const chineseDigits: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const smallUnits: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const largeUnits: Record<string, number> = { 万: 1e4, 亿: 1e8 };

/** 一万二 = 12,000 and 三千五 = 3,500: a trailing digit counts in the next lower unit, as people say it. */
export function chineseNumber(numeral: string): number {
  let total = 0;
  let section = 0;
  let digit = 0;
  let lastUnit = 1;
  for (const ch of numeral) {
    if (ch in chineseDigits) {
      digit = chineseDigits[ch]!;
    } else if (ch in smallUnits) {
      section += (digit || 1) * smallUnits[ch]!;
      digit = 0;
      lastUnit = smallUnits[ch]!;
    } else if (ch in largeUnits) {
      total = (total + section + digit) * largeUnits[ch]!;
      section = 0;
      digit = 0;
      lastUnit = largeUnits[ch]!;
    }
  }
  if (digit && lastUnit >= 100) digit *= lastUnit / 10;
  return total + section + digit;
}
