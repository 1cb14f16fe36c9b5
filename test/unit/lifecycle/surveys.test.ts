import { describe, expect, it } from 'vitest';
import { DecisionAlreadyTakenError } from '#domain/errors.ts';
import { claimSurvey, markSurveySent, recordSurveyAnswer } from '#domain/lifecycle/surveys.ts';
import { aClosedComplaint, aResolvedComplaint } from '../../support/builders.ts';
import { refusalOf } from '../../support/refusal.ts';

const at = (iso: string) => new Date(iso);
const leaseMs = 15 * 60 * 1000;
const answer = { csat: 4, nps: 9, comment: '处理及时' };

describe('Module: lifecycle/surveys', () => {
  describe('Function: claimSurvey', () => {
    it('takes the lease of a due survey, version + 1 and no event', () => {
      const t = claimSurvey(aClosedComplaint({ version: 10 }), at('2025-11-27T03:00:00Z'), leaseMs);
      expect(t).toMatchObject({ changed: true, events: [], complaint: { version: 11, surveyClaimedAt: '2025-11-27T03:00:00.000Z' } });
    });

    it('refuses while another run holds the lease, and takes it over once the lease ran out', () => {
      const claimed = claimSurvey(aClosedComplaint(), at('2025-11-27T03:00:00Z'), leaseMs).complaint;
      expect(refusalOf(() => claimSurvey(claimed, at('2025-11-27T03:14:59Z'), leaseMs))).toMatchObject({ kind: 'conflict', name: 'SurveyBeingSent' });
      expect(claimSurvey(claimed, at('2025-11-27T03:15:00Z'), leaseMs).complaint.surveyClaimedAt).toBe('2025-11-27T03:15:00.000Z');
    });

    it('refuses a survey already sent, and one of a case not closed', () => {
      expect(refusalOf(() => claimSurvey(aClosedComplaint({ surveySentAt: '2025-11-27T02:00:00.000Z' }), at('2025-11-27T03:00:00Z'), leaseMs)).name).toBe('PhaseConflict');
      expect(refusalOf(() => claimSurvey(aResolvedComplaint(), at('2025-11-27T03:00:00Z'), leaseMs)).name).toBe('PhaseConflict');
    });
  });

  describe('Function: markSurveySent', () => {
    it('records the survey sent once, with a survey_sent event', () => {
      const t = markSurveySent(aClosedComplaint({ version: 11 }), at('2025-11-27T03:00:01Z'));
      expect(t.complaint).toMatchObject({ version: 12, surveySentAt: '2025-11-27T03:00:01.000Z' });
      expect(t.events).toMatchObject([{ type: 'survey_sent', details: { to: 'customer' } }]);
      expect(markSurveySent(t.complaint, at('2025-11-27T03:00:02Z')).changed).toBe(false);
    });

    it('keeps the claims the link was signed with, so the case page can sign the same link again', () => {
      const t = markSurveySent(aClosedComplaint(), at('2025-11-27T03:00:01Z'), { expiresAt: at('2025-12-27T03:00:00.500Z'), accessRevision: 2 });
      expect(t.complaint.surveyLink).toEqual({ expiresAt: '2025-12-27T03:00:00.500Z', accessRevision: 2 });
    });
  });

  describe('Function: recordSurveyAnswer', () => {
    it('records the answer with its time and a survey_answered event by the customer', () => {
      const t = recordSurveyAnswer(aClosedComplaint({ version: 12 }), answer, at('2025-11-28T01:00:00Z'));
      expect(t.complaint).toMatchObject({ version: 13, survey: { ...answer, answeredAt: '2025-11-28T01:00:00.000Z' } });
      expect(t.events).toMatchObject([{ type: 'survey_answered', actor: { kind: 'customer', id: 'c-1001' }, details: answer }]);
    });

    it('answers the same answer sent again unchanged', () => {
      const answered = recordSurveyAnswer(aClosedComplaint(), answer, at('2025-11-28T01:00:00Z')).complaint;
      expect(recordSurveyAnswer(answered, { ...answer }, at('2025-11-28T01:00:05Z')).changed).toBe(false);
    });

    it('refuses other scores once answered, saying when, in both languages', () => {
      const answered = recordSurveyAnswer(aClosedComplaint(), answer, at('2025-11-28T01:00:00Z')).complaint;
      const refusal = refusalOf(() => recordSurveyAnswer(answered, { csat: 1, nps: 0 }, at('2025-11-28T01:00:05Z')));
      expect(refusal).toBeInstanceOf(DecisionAlreadyTakenError);
      expect(refusal).toMatchObject({ kind: 'conflict', name: 'SurveyAlreadyAnswered', detail: { decidedAt: '2025-11-28T01:00:00.000Z' } });
      expect([refusal.messageIn('en'), refusal.messageIn('zh-CN')]).toEqual([
        'The survey was already answered, with other scores, on 28 November 2025 at 09:00.',
        '该问卷已于 2025年11月28日 09:00 以不同的评分作答。',
      ]);
    });
  });
});
