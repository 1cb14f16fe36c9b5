import type { Schemas } from '../api/client.ts';
import type { StaffUser } from '../auth/desk-session.ts';

/** The actions the API allows this user on this case now; the API still decides, and its refusal shows beside the action. */
export function allowedActions(found: Pick<Schemas['StaffCase'], 'phase' | 'owner' | 'escalations'>, user: Pick<StaffUser, 'id' | 'role' | 'team'>) {
  const open = found.phase !== 'CLOSED';
  const mine = found.owner?.agentId === user.id;
  // Who the API lets act on a case: the pool, one's own, one's team's.
  const mayAct = !found.owner || mine || (user.team !== undefined && found.owner.team === user.team);
  const supervisor = user.role === 'supervisor';
  const working = open && found.phase !== 'AWAITING_CONFIRMATION';
  return {
    claim: open && !found.owner,
    respond: working && (mine || supervisor),
    requestInformation: working && mine,
    resolve: working && mine,
    escalate: supervisor && open,
    acknowledge: supervisor && found.escalations.some((e) => !e.acknowledgedAt),
    reassign: supervisor && open,
    regrade: supervisor && open,
    // Triage work, not ownership: picking does not claim the case.
    pickCategory: open && (supervisor || mayAct),
    setTier: supervisor,
    revokeAccess: supervisor && open,
  };
}

