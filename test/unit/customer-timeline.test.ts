import { describe, expect, it } from 'vitest';
import { chinaStatutoryCalendar } from '#domain/business-calendar.ts';
import type { Complaint } from '#domain/complaint.ts';
import { fileComplaint } from '#domain/filing.ts';
import { close, confirmResolution, recordResolution, recordResponse } from '#domain/lifecycle/answer-and-resolve.ts';
import { replaceAccessToken } from '#domain/lifecycle/access-token.ts';
import { customerReply, requestInformation } from '#domain/lifecycle/information-request.ts';
import { claim } from '#domain/lifecycle/ownership.ts';
import { recordSurveyAnswer } from '#domain/lifecycle/surveys.ts';
import type { Transition } from '#domain/lifecycle/transition.ts';
import { markAcknowledged } from '#domain/lifecycle/workflow-bookkeeping.ts';
import { defaultSlaPolicy } from '#domain/sla-policy.ts';
import { customerView, type TimelineEvent } from '#domain/timeline.ts';
import { aFilingBody } from '../support/builders.ts';

const calendar = chinaStatutoryCalendar('Asia/Shanghai');
const at = (iso: string) => new Date(iso);
const agent = { id: 'agent-7', team: 'logistics-east' };

/** One case through every event a customer sees, made by the real transitions, so the details are the stored ones. */
function wholeCase(): TimelineEvent[] {
  const filed = fileComplaint(aFilingBody({ category: 'logistics' }), {
    policy: defaultSlaPolicy,
    id: '01JDTEST000000000000000000',
    caseNumber: 'CL-20251124-0001',
    accessTokenHash: 'ab'.repeat(32),
    tier: 'standard',
    receivedAt: at('2025-11-24T02:00:00Z'),
    calendar,
    repeatOf: { id: '01JDEARLIER000000000000000', caseNumber: 'CL-20251101-0007', receivedAt: '2025-11-01T02:00:00.000Z' },
  });
  const events = [...filed.events];
  let complaint: Complaint = filed.complaint;
  const step = (t: Transition) => {
    events.push(...t.events);
    complaint = t.complaint;
  };
  step(markAcknowledged(complaint, at('2025-11-24T02:00:05Z'), '0100019a-ses-message-id'));
  step(claim(complaint, agent, at('2025-11-24T03:00:00Z')));
  step(recordResponse(complaint, agent, '您好，我们正在核实物流信息。', at('2025-11-24T04:00:00Z')));
  step(
    requestInformation(
      complaint,
      agent,
      { requestId: 'req-01JDINTERNAL', question: '请提供快递单号。', expiresAt: at('2025-11-27T04:00:00Z') },
      at('2025-11-24T05:00:00Z'),
    ),
  );
  step(customerReply(complaint, '单号 SF123。', at('2025-11-25T05:00:00Z'), calendar));
  step(recordResolution(complaint, agent, { rootCause: '仓库漏发', resolution: '已补发', compensation: '20 元券' }, at('2025-11-26T02:00:00Z'), calendar));
  step(confirmResolution(complaint, { decision: 'reject', reason: '还没收到' }, at('2025-11-26T08:00:00Z')));
  step(replaceAccessToken(complaint, 'cd'.repeat(32), { kind: 'supervisor', id: 'supervisor-3' }, at('2025-11-26T09:00:00Z'), 'token leaked'));
  step(recordResolution(complaint, agent, { rootCause: '仓库漏发', resolution: '已再次补发' }, at('2025-11-27T02:00:00Z'), calendar));
  step(confirmResolution(complaint, { decision: 'accept' }, at('2025-11-27T03:00:00Z')));
  step(close(complaint, 'confirmed', at('2025-11-27T03:00:01Z'), at('2025-11-28T03:00:00Z')));
  step(recordSurveyAnswer(complaint, { csat: 4, nps: 8, comment: '还行' }, at('2025-11-28T04:00:00Z')));
  return events;
}

describe('Function: customerView', () => {
  it('shows the customer each visible event with only their words, the answers and the deadlines: no SES message, request, agent, team or revision ids', () => {
    // Prepare
    const events = wholeCase();

    // Act
    const shown = events.filter((e) => e.visibleToCustomer).map(customerView);

    // Assess
    expect(shown).toEqual([
      {
        at: '2025-11-24T02:00:00.000Z',
        type: 'received',
        details: {
          caseNumber: 'CL-20251124-0001',
          channel: 'web',
          category: 'logistics',
          subject: aFilingBody().subject,
          responseDueAt: events[0]!.details.responseDueAt,
          resolutionDueAt: events[0]!.details.resolutionDueAt,
        },
      },
      { at: '2025-11-24T02:00:05.000Z', type: 'acknowledgement_sent', details: { locale: 'zh-CN' } },
      { at: '2025-11-24T03:00:00.000Z', type: 'claimed', details: {} },
      { at: '2025-11-24T04:00:00.000Z', type: 'responded', details: { message: '您好，我们正在核实物流信息。', first: true } },
      { at: '2025-11-24T05:00:00.000Z', type: 'info_requested', details: { question: '请提供快递单号。', expiresAt: '2025-11-27T04:00:00.000Z' } },
      { at: '2025-11-25T05:00:00.000Z', type: 'replied', details: { message: '单号 SF123。' } },
      { at: '2025-11-25T05:00:00.000Z', type: 'resumed', details: { why: 'customer_replied' } },
      {
        at: '2025-11-25T05:00:00.000Z',
        type: 'deadline_changed',
        details: { deadline: 'resolution', from: expect.any(String) as string, to: expect.any(String) as string, why: 'customer_replied' },
      },
      {
        at: '2025-11-26T02:00:00.000Z',
        type: 'resolved',
        details: { rootCause: '仓库漏发', resolution: '已补发', compensation: '20 元券', confirmationDueAt: expect.any(String) as string },
      },
      { at: '2025-11-26T08:00:00.000Z', type: 'rejected', details: { reason: '还没收到', reopenCount: 1 } },
      { at: '2025-11-26T09:00:00.000Z', type: 'access_revoked', details: { reason: 'token leaked' } },
      {
        at: '2025-11-27T02:00:00.000Z',
        type: 'resolved',
        details: { rootCause: '仓库漏发', resolution: '已再次补发', confirmationDueAt: expect.any(String) as string },
      },
      { at: '2025-11-27T03:00:00.000Z', type: 'confirmed', details: {} },
      { at: '2025-11-27T03:00:01.000Z', type: 'closed', details: { outcome: 'confirmed', surveyDueAt: '2025-11-28T03:00:00.000Z' } },
      { at: '2025-11-28T04:00:00.000Z', type: 'survey_answered', details: { csat: 4, nps: 8, comment: '还行' } },
    ]);
  });

  it('never carries an internal id anywhere in what the customer sees', () => {
    const shown = JSON.stringify(wholeCase().filter((e) => e.visibleToCustomer).map(customerView));
    for (const internal of ['0100019a-ses-message-id', 'req-01JDINTERNAL', 'agent-7', 'logistics-east', 'supervisor-3', 'CL-20251101-0007', 'accessRevision', 'pausedWorkingMs', 'policy', 'severity']) {
      expect(shown).not.toContain(internal);
    }
  });
});
