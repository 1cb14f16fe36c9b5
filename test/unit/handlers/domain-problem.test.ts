import { describe, expect, it } from 'vitest';
import { DecisionAlreadyTakenError, DomainError } from '#domain/errors.ts';
import { domainProblem } from '#handlers/http/problem.ts';

describe('Function: domainProblem', () => {
  const taken = new DecisionAlreadyTakenError(
    { en: 'The resolution was already accepted on 26 November 2025 at 10:00.', 'zh-CN': '该处理结果已于 2025年11月26日 10:00 被接受。' },
    { standing: 'accept', decidedAt: '2025-11-26T02:00:00.000Z' },
  );

  it('answers a decision already taken with 409, in the caller language, with the standing decision and its time', () => {
    expect(domainProblem(taken, 'zh-CN')).toEqual({
      type: 'https://closeloop.dev/problems/conflict',
      title: '与当前状态冲突',
      status: 409,
      detail: '该处理结果已于 2025年11月26日 10:00 被接受。',
      code: 'DecisionAlreadyTaken',
      standing: 'accept',
      decidedAt: '2025-11-26T02:00:00.000Z',
    });
    expect(domainProblem(taken, 'en').detail).toBe('The resolution was already accepted on 26 November 2025 at 10:00.');
  });

  it('answers an error worded in English by its message, and in Chinese by the Chinese text of its name', () => {
    const error = new DomainError('conflict', 'NoticeBeingSent', 'notice response-4 is being sent');
    expect([domainProblem(error, 'zh-CN').detail, domainProblem(error, 'en').detail]).toEqual(['这封通知正在发送中', 'notice response-4 is being sent']);
  });
});
