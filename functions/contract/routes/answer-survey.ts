import * as z from 'zod';
import { defineRoute } from '../define-route.ts';
import { LinkToken } from '../schemas.ts';

export const SurveyAnswer = z.strictObject({
  csat: z.int().min(1).max(5).meta({ description: 'Satisfaction, 1 (very unhappy) to 5 (very happy)' }),
  nps: z.int().min(0).max(10).meta({ description: 'How likely to recommend us, 0 to 10' }),
  comment: z.string().trim().max(2000).optional(),
});

export const answerSurveyRoute = defineRoute({
  method: 'POST',
  path: '/surveys/{token}',
  handler: 'api/answer-survey',
  functionName: 'AnswerSurvey',
  access: 'public',
  tag: 'Links',
  summary: 'Answer the satisfaction survey',
  description: 'The token of the survey link is the credential. A survey is answered once; another answer is refused with 409.',
  request: {
    params: z.strictObject({ token: LinkToken }),
    body: SurveyAnswer,
    examples: {
      zh: {
        summary: '满意',
        value: { csat: 5, nps: 9, comment: '处理很及时，谢谢！' },
      },
      en: {
        summary: 'Unhappy',
        value: { csat: 2, nps: 3, comment: 'It took too long.' },
      },
    },
  },
  responses: {
    201: {
      description: 'The answer is recorded',
      body: z.object({ caseNumber: z.string(), csat: z.int(), nps: z.int() }),
    },
  },
  problems: [409, 410],
  capabilities: ['readTable', 'writeTable', 'signLinks'],
});
