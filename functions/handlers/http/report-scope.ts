import { type StaffIdentity, isSupervisor } from './access.ts';
import type { ApiLocale } from './problem.ts';
import { refuse } from './route-handler.ts';

/** Supervisors read the whole desk; an agent the same figures for their own team, and without a team none. */
export function reportTeam(staff: StaffIdentity, locale: ApiLocale): string | undefined {
  if (isSupervisor(staff)) return undefined;
  if (!staff.team) {
    throw refuse({ locale }, 'forbidden', {
      en: 'agents read the reports of their own team, and you belong to no team',
      'zh-CN': '客服只能查看本团队的报表，而您不属于任何团队',
    });
  }
  return staff.team;
}
