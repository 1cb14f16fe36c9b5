import { describe, expect, it } from 'vitest';
import { preferredLanguage } from '../src/i18n/language.ts';
import { catalogues } from '../src/i18n/resources.ts';

function keysOf(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value as object, `${prefix}${key}.`),
  );
}

function valueAt(tree: object, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], tree);
}

const interpolations = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('i18n catalogues: every key in both languages', () => {
  for (const [namespace, catalogue] of Object.entries(catalogues)) {
    it(`${namespace}: the same keys in English and Chinese, none empty, the same placeholders`, () => {
      const english = keysOf(catalogue.en).sort();
      const chinese = keysOf(catalogue.zh).sort();
      expect(chinese).toEqual(english);
      for (const key of english) {
        const en = valueAt(catalogue.en, key) as string;
        const zh = valueAt(catalogue.zh, key) as string;
        expect(en.trim(), `${namespace}:${key} (en)`).not.toBe('');
        expect(zh.trim(), `${namespace}:${key} (zh)`).not.toBe('');
        expect(interpolations(zh), `${namespace}:${key} placeholders`).toEqual(interpolations(en));
      }
    });
  }

  it("has the contract's control names in both languages", () => {
    const desk = catalogues.desk;
    const pairs = [
      [desk.en.case.claim, desk.zh.case.claim, 'Claim', '认领'],
      [desk.en.case.sendResponse, desk.zh.case.sendResponse, 'Send response', '发送答复'],
      [desk.en.case.requestInformation, desk.zh.case.requestInformation, 'Request information', '请求补充信息'],
      [desk.en.case.resolve, desk.zh.case.resolve, 'Resolve', '办结'],
      [desk.en.case.escalate, desk.zh.case.escalate, 'Escalate', '升级'],
      [desk.en.case.acknowledge, desk.zh.case.acknowledge, 'Acknowledge', '确认收到'],
      [desk.en.case.reassign, desk.zh.case.reassign, 'Reassign', '转派'],
      [desk.en.case.response, desk.zh.case.response, 'Response', '答复内容'],
      [desk.en.case.question, desk.zh.case.question, 'Question', '问题'],
      [desk.en.case.rootCause, desk.zh.case.rootCause, 'Root cause', '根本原因'],
      [desk.en.case.resolution, desk.zh.case.resolution, 'Resolution', '处理结果'],
      [desk.en.case.compensation, desk.zh.case.compensation, 'Compensation', '补偿'],
      [desk.en.case.pickCategory, desk.zh.case.pickCategory, 'Pick the category', '选择分类'],
      [desk.en.queue.badges.uncertain, desk.zh.queue.badges.uncertain, "Needs an agent's pick", '待人工选择分类'],
      [catalogues.portal.en.track.categoryBeingReviewed, catalogues.portal.zh.track.categoryBeingReviewed, 'Being reviewed', '正在确认分类'],
    ];
    for (const [en, zh, wantEn, wantZh] of pairs) expect([en, zh]).toEqual([wantEn, wantZh]);
  });
});

describe('UI language: the user pick, else the browser', () => {
  it('takes a stored pick, then the first zh or en browser language, else English', () => {
    expect(preferredLanguage('zh-CN', ['en-US'])).toBe('zh-CN');
    expect(preferredLanguage(null, ['zh-TW', 'en'])).toBe('zh-CN');
    expect(preferredLanguage(null, ['fr-FR', 'en-GB', 'zh-CN'])).toBe('en');
    expect(preferredLanguage('de', ['de-DE'])).toBe('en');
  });
});
