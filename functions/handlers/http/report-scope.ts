import { type StaffIdentity, isSupervisor } from './access.ts';

/** Whose complaints a report counts: supervisors the whole desk; an agent their team's, or without a team their own. */
export function reportScope(staff: StaffIdentity): { team?: string; agent?: string } {
  if (isSupervisor(staff)) return {};
  return staff.team ? { team: staff.team } : { agent: staff.username };
}
