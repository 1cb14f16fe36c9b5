import { describe, expect, it } from 'vitest';
import {
  escalationAlert,
  formatDeskTime,
  informationRequestExpiredNotice,
  provisionalDeadlineAlert,
  warningAlert,
} from '#domain/messages.ts';
import { aComplaint } from '../support/builders.ts';

// Response due 2025-11-26T02:00Z (10:00 in Shanghai), resolution due 2025-12-03T15:59:59.999Z (23:59 in Shanghai).
const complaint = aComplaint({ owner: { agentId: 'alice', claimedAt: '2025-11-24T03:00:00.000Z' } });

describe('Staff alerts give times on the desk clock, naming its zone', () => {
  it('formats an instant as the desk reads it, with the zone named', () => {
    expect(formatDeskTime('2025-11-26T02:00:00.000Z', 'Asia/Shanghai')).toBe('2025-11-26 10:00 (Asia/Shanghai)');
    expect(formatDeskTime('2025-12-03T15:59:59.999Z', 'Asia/Shanghai')).toBe('2025-12-03 23:59 (Asia/Shanghai)');
    expect(formatDeskTime('2025-12-31T16:30:00.000Z', 'Asia/Shanghai')).toBe('2026-01-01 00:30 (Asia/Shanghai)');
    expect(formatDeskTime('2025-11-26T02:00:00.000Z', 'Europe/Berlin')).toBe('2025-11-26 03:00 (Europe/Berlin)');
  });

  it('an escalation gives both deadlines in desk time in both languages', () => {
    expect(escalationAlert(complaint, 1, 'response_overdue').message).toBe(
      [
        '【1 级升级 → 主管】案件 CL-20251124-0001：48 小时内未首次答复。',
        '类别：物流配送；客户等级：普通；负责人：alice。',
        '首次答复时限 2025-11-26 10:00 (Asia/Shanghai)，办结时限 2025-12-03 23:59 (Asia/Shanghai)。',
        '',
        '[Level 1 escalation to supervisor] Case CL-20251124-0001: no first response within the deadline.',
        'Category: Logistics; tier: standard; owner: alice.',
        'Response due 2025-11-26 10:00 (Asia/Shanghai), resolution due 2025-12-03 23:59 (Asia/Shanghai).',
        'Complaint id: 01JDTEST000000000000000000',
      ].join('\n'),
    );
  });

  it('a warning gives the due time of its window in desk time', () => {
    expect(warningAlert(complaint, 'response', 0.75).message).toBe(
      [
        '【时限预警】案件 CL-20251124-0001 的首次答复时限已过 75%，截止 2025-11-26 10:00 (Asia/Shanghai)。负责人：alice。',
        '[SLA warning] Case CL-20251124-0001: 75% of the first response window has passed; due 2025-11-26 10:00 (Asia/Shanghai). Owner: alice.',
        'Complaint id: 01JDTEST000000000000000000',
      ].join('\n'),
    );
  });

  it('an expired information request gives when it was asked and the new deadline in desk time', () => {
    expect(informationRequestExpiredNotice(complaint, '2025-11-24T05:00:00.000Z').message).toBe(
      [
        '【补充信息超时】案件 CL-20251124-0001 于 2025-11-24 13:00 (Asia/Shanghai) 向客户索取的信息未获答复，暂停已结束，办结时限恢复计时，现为 2025-12-03 23:59 (Asia/Shanghai)。',
        '[Information request expired] Case CL-20251124-0001: the customer did not answer the request of 2025-11-24 13:00 (Asia/Shanghai); the pause ended and the resolution deadline is now 2025-12-03 23:59 (Asia/Shanghai).',
        'Complaint id: 01JDTEST000000000000000000',
      ].join('\n'),
    );
  });

  it('a provisional deadline alert gives the deadline in desk time', () => {
    const message = provisionalDeadlineAlert(complaint, [2027]).message;
    expect(message).toContain('已按周一至周五临时计算为 2025-12-03 23:59 (Asia/Shanghai)（临时）');
    expect(message).toContain('its resolution deadline 2025-12-03 23:59 (Asia/Shanghai) is PROVISIONAL');
    expect(message).not.toMatch(/\d{4}-\d\d-\d\dT/);
  });
});
