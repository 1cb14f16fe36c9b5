import type { Complaint, ComplaintInput } from '#domain/complaint.ts';
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
