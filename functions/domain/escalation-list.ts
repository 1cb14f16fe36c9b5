import type { Complaint, EscalationLevel, EscalationReason } from '#domain/complaint.ts';
import type { Severity } from '#domain/sla-policy.ts';

/*
 * The supervisors' worklist of escalations nobody has acknowledged yet: the
 * highest level first (a director's case before a supervisor's), then the
 * oldest, since it has waited longest. Each escalation is listed as
 * recorded, a repeat (`<window>#r<n>`) included, so the list is what the
 * acknowledgement route clears.
 */

export interface OpenEscalation {
  complaintId: string;
  caseNumber: string;
  subject: string;
  category: Complaint['category'];
  severity: Severity;
  level: EscalationLevel;
  reason: EscalationReason;
  window: string;
  at: string;
  owner: string | null;
}

/** Where a page ended: the order's own keys, so the next page starts right after it even when cases change. */
export interface EscalationPosition {
  level: EscalationLevel;
  at: string;
  complaintId: string;
  window: string;
}

export type EscalatedCase = Pick<Complaint, 'id' | 'caseNumber' | 'subject' | 'category' | 'severity' | 'phase' | 'escalations' | 'owner'>;

export function unacknowledgedEscalations(cases: Iterable<EscalatedCase>, level?: EscalationLevel): OpenEscalation[] {
  const found: OpenEscalation[] = [];
  for (const c of cases) {
    if (c.phase === 'CLOSED') continue;
    for (const e of c.escalations) {
      if (e.acknowledgedAt || (level !== undefined && e.level !== level)) continue;
      found.push({
        complaintId: c.id,
        caseNumber: c.caseNumber,
        subject: c.subject,
        category: c.category,
        severity: c.severity,
        level: e.level,
        reason: e.reason,
        window: e.window,
        at: e.at,
        owner: c.owner?.agentId ?? null,
      });
    }
  }
  return found.sort(compareEscalations);
}

export function compareEscalations(a: EscalationPosition, b: EscalationPosition): number {
  return b.level - a.level || a.at.localeCompare(b.at) || a.complaintId.localeCompare(b.complaintId) || a.window.localeCompare(b.window);
}

export function escalationPage(
  sorted: readonly OpenEscalation[],
  limit: number,
  after?: EscalationPosition,
): { items: OpenEscalation[]; last?: EscalationPosition } {
  const start = after ? sorted.findIndex((e) => compareEscalations(e, after) > 0) : 0;
  const items = start < 0 ? [] : sorted.slice(start, start + limit);
  const end = items.at(-1);
  const more = start >= 0 && start + limit < sorted.length;
  return { items, ...(more && end ? { last: { level: end.level, at: end.at, complaintId: end.complaintId, window: end.window } } : {}) };
}
