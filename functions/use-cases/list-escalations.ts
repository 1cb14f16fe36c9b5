import * as z from 'zod';
import type { EscalationLevel } from '#domain/complaint.ts';
import { DomainError } from '#domain/errors.ts';
import { type EscalationPosition, escalationPage, unacknowledgedEscalations } from '#domain/escalation-list.ts';
import { openEscalatedCases } from '#adapters/stores/queue.ts';

const Position = z.strictObject({
  level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  at: z.iso.datetime({ offset: true }),
  complaintId: z.string().max(64),
  window: z.string().max(200),
});

/**
 * Unacknowledged escalations on open cases, highest level first, then oldest.
 * The order is not an index order, so every open escalated case is read (one
 * Query of the open-cases index, escalated cases only) and the page cut from
 * the sorted list; the cursor is the last escalation shown.
 */
export async function listEscalations(input: { level?: EscalationLevel | undefined; limit: number; cursor?: string | undefined }) {
  const after = input.cursor ? positionOf(input.cursor) : undefined;
  const cases = [];
  for await (const c of openEscalatedCases(input.level ?? 1)) cases.push(c);
  const { items, last } = escalationPage(unacknowledgedEscalations(cases, input.level), input.limit, after);
  return { items, ...(last ? { cursor: Buffer.from(JSON.stringify(last), 'utf8').toString('base64url') } : {}) };
}

function positionOf(cursor: string): EscalationPosition {
  try {
    const parsed = Position.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // falls through to the error below
  }
  throw new DomainError('invalid', 'InvalidCursor', 'the cursor is not one this API gave out', { field: 'cursor' });
}
