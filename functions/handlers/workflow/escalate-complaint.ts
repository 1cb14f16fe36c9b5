import * as z from 'zod';
import { escalate, markEscalationPublished } from '#domain/lifecycle/escalation.ts';
import { escalationAlert } from '#domain/messages.ts';
import { publishEscalation } from '#adapters/alert-publisher.ts';
import { mutateComplaint } from '#adapters/stores/complaints.ts';
import { planFor } from '#adapters/workflow.ts';
import { logger, workflowStep } from './workflow-step.ts';

const EscalateInput = z.object({
  complaintId: z.string().min(1),
  level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  reason: z.enum([
    'response_overdue',
    'resolution_overdue',
    'resolution_rejected',
    'still_unresolved',
    'major_complaint',
    'high_risk',
    'manual',
  ]),
  window: z.string().min(1),
});

/**
 * Recorded first, published second, marked published last: a retry after any
 * of the three finds the record and publishes only if it was not published.
 */
export const handler = workflowStep(EscalateInput, async ({ complaintId, level, reason, window }, clock) => {
  const { complaint } = await mutateComplaint(complaintId, (c) => escalate(c, { level, reason, window }, clock.now()));
  const escalation = complaint.escalations.find((e) => e.level === level && e.window === window);
  if (escalation?.publishedAt) return { complaintId, level, published: false, plan: await planFor(complaint, clock.now()) };
  const repeat = Number(/#r(\d+)$/.exec(window)?.[1] ?? 0);
  const messageId = await publishEscalation(
    escalationAlert(complaint, level, reason, { repeat, ...(escalation?.manual ? { note: escalation.manual.note } : {}) }),
  );
  const { complaint: published } = await mutateComplaint(complaintId, (c) => markEscalationPublished(c, level, window, clock.now()));
  logger.warn('escalated', { complaintId, escalationLevel: level, reason, window, messageId });
  return { complaintId, level, published: true, plan: await planFor(published, clock.now()) };
});
