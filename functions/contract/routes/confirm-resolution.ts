import * as z from 'zod';
import { defineRoute } from '../define-route.ts';
import { ComplaintId, ComplaintParams, LinkToken, Phase } from '../schemas.ts';

export const ConfirmationDecision = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('accept') }),
  z.strictObject({
    decision: z.literal('reject'),
    reason: z.string().trim().min(1).max(2000),
  }),
]);

export const confirmResolutionRoute = defineRoute({
  method: 'POST',
  path: '/complaints/{id}/confirmation',
  handler: 'api/confirm-resolution',
  functionName: 'ConfirmResolution',
  access: 'customer',
  linkPurpose: 'confirmation',
  tag: 'Customer',
  summary: 'Accept or reject the resolution',
  description:
    'A rejection reopens the case and escalates it to level 2. A decision that conflicts with one already taken is refused (409, naming the decision that stands); the same decision sent again is answered as the first was.',
  request: {
    params: ComplaintParams,
    query: z.strictObject({
      token: LinkToken.optional().meta({
        description: 'The signed link of the resolution email, instead of the access token',
      }),
    }),
    body: ConfirmationDecision,
    examples: {
      accept: { summary: 'Accept / 接受', value: { decision: 'accept' } },
      rejectZh: {
        summary: '不接受（中文理由）',
        value: { decision: 'reject', reason: '退款金额不对，少退了 20 元。' },
      },
      rejectEn: {
        summary: 'Reject (reason in English)',
        value: { decision: 'reject', reason: 'The replacement is broken too.' },
      },
    },
  },
  responses: {
    200: {
      description: 'The decision is recorded (or was already: a repeat is answered alike)',
      body: z.object({
        id: ComplaintId,
        decision: z.enum(['accept', 'reject', 'auto_accept']).meta({ description: 'The decision that stands' }),
        decidedAt: z.iso.datetime({ offset: true }),
        phase: Phase.meta({
          description:
            'The phase the decision puts the case in: CLOSED after an acceptance (the workflow writes the close at once), AWAITING_RESOLUTION after a rejection',
        }),
        reopenCount: z.int(),
      }),
    },
  },
  problems: [409, 410],
  capabilities: ['readTable', 'writeTable', 'completeWaits', 'signLinks'],
});
