import type { Complaint, ComplaintInput, CustomerNotice } from '#domain/complaint.ts';
import { defaultSlaPolicy, policyFor } from '#domain/sla-policy.ts';

/** A filing body as a customer sends it; override what the test is about. */
export function aFilingBody(overrides: Partial<ComplaintInput> = {}): ComplaintInput {
  return {
    customer: { id: 'c-1001', name: '李女士', email: 'li@example.com', locale: 'zh-CN' },
    channel: 'web',
    category: 'logistics',
    subject: '手表晚到三天',
    description: '订单 SO-88123 的手表比承诺晚到三天，包装也破损了。',
    orderRef: 'SO-88123',
    ...overrides,
  };
}

/** A stored complaint received Mon 2025-11-24 10:00 Shanghai, with DOMAIN.md's deadlines. */
export function aComplaint(overrides: Partial<Complaint> = {}): Complaint {
  return {
    id: '01JDTEST000000000000000000',
    caseNumber: 'CL-20251124-0001',
    customer: { id: 'c-1001', name: '李女士', email: 'li@example.com', locale: 'zh-CN' },
    tier: 'standard',
    channel: 'web',
    category: 'logistics',
    categorySource: 'customer',
    severity: 'L1',
    policy: policyFor(defaultSlaPolicy, { severity: 'L1', tier: 'standard', category: 'logistics' }),
    subject: '手表晚到三天',
    description: '晚到三天',
    receivedAt: '2025-11-24T02:00:00.000Z',
    phase: 'AWAITING_RESPONSE',
    version: 3,
    timeZone: 'Asia/Shanghai',
    responseDueAt: '2025-11-26T02:00:00.000Z',
    resolutionDueAt: '2025-12-03T15:59:59.999Z',
    originalResolutionDueAt: '2025-12-03T15:59:59.999Z',
    pausedWorkingMs: 0,
    warnings: [],
    escalationLevel: 0,
    escalations: [],
    reopenCount: 0,
    accessTokenHash: 'ab'.repeat(32),
    ...overrides,
  };
}

/** Owned by alice since Mon 11:00 Shanghai, answered at 12:00: the desk now owes the resolution. */
export function anOwnedComplaint(overrides: Partial<Complaint> = {}): Complaint {
  return aComplaint({
    phase: 'AWAITING_RESOLUTION',
    owner: { agentId: 'alice', claimedAt: '2025-11-24T03:00:00.000Z' },
    firstRespondedAt: '2025-11-24T04:00:00.000Z',
    ...overrides,
  });
}

/** Resolved by alice on Tue 2025-11-25 10:00 Shanghai; the customer is asked to confirm by Fri 11-28. */
export function aResolvedComplaint(overrides: Partial<Complaint> = {}): Complaint {
  return anOwnedComplaint({
    phase: 'AWAITING_CONFIRMATION',
    resolvedAt: '2025-11-25T02:00:00.000Z',
    resolution: { rootCause: '承运商延误', resolution: '补偿 50 元', agentId: 'alice' },
    confirmationDueAt: '2025-11-28T15:59:59.999Z',
    ...overrides,
  });
}

/** Closed as confirmed on Wed 2025-11-26 10:00 Shanghai, its survey due a day later. */
export function aClosedComplaint(overrides: Partial<Complaint> = {}): Complaint {
  return aResolvedComplaint({
    phase: 'CLOSED',
    confirmation: { decision: 'accept', at: '2025-11-26T02:00:00.000Z' },
    closedAt: '2025-11-26T02:00:00.000Z',
    closeOutcome: 'confirmed',
    surveyDueAt: '2025-11-27T02:00:00.000Z',
    ...overrides,
  });
}

/** Waiting on the customer since Tue 2025-11-25 10:00 Shanghai for request R1, which expires a week later. */
export function aPausedComplaint(overrides: Partial<Complaint> = {}): Complaint {
  return anOwnedComplaint({
    pause: { requestId: 'R1', since: '2025-11-25T02:00:00.000Z', expiresAt: '2025-12-02T02:00:00.000Z', question: '请提供订单号' },
    ...overrides,
  });
}

/** An email owed to the customer, created and first claimed at `createdAt`. */
export function aNotice(overrides: Partial<CustomerNotice> = {}): CustomerNotice {
  const createdAt = overrides.createdAt ?? '2025-11-24T04:00:00.000Z';
  return { id: 'response-4', kind: 'response', createdAt, claimedAt: createdAt, attempts: 1, text: '您好', ...overrides };
}
