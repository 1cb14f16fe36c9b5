/**
 * 首接负责制, first-contact ownership: who owns a case and who may act on it.
 */
import type { Complaint, StaffActor } from '#domain/complaint.ts';
import { DecisionAlreadyTakenError, DomainError, phaseConflict } from '#domain/errors.ts';
import { decisionTakenMessage } from '#domain/messages.ts';
import { newEvent } from '#domain/timeline.ts';
import { advance, iso, type Transition, unchanged } from '#domain/lifecycle/transition.ts';

/** Agents are named by id alone where no team is known (tests, the CLI, older callers). */
export type ActingAgent = string | StaffActor;

export const actorOf = (agent: ActingAgent): StaffActor => (typeof agent === 'string' ? { id: agent } : agent);

export function claim(complaint: Complaint, agent: ActingAgent, now: Date): Transition {
  const { id: agentId, team } = actorOf(agent);
  if (complaint.phase === 'CLOSED') throw phaseConflict('claim', complaint.phase);
  if (complaint.owner) {
    const { owner } = complaint;
    if (owner.agentId === agentId) return unchanged(complaint);
    throw new DecisionAlreadyTakenError(
      decisionTakenMessage({ about: 'claim', owner: owner.agentId }, owner.claimedAt, complaint.timeZone),
      { owner: owner.agentId, decidedAt: owner.claimedAt },
      'AlreadyClaimed',
    );
  }
  return advance(complaint, { owner: { agentId, claimedAt: iso(now), ...(team ? { team } : {}) } }, [
    newEvent(complaint.id, 'claimed', now, { kind: 'agent', id: agentId }, { agentId, ...(team ? { team } : {}) }),
  ]);
}

/** The owner, or a member of the owner's team, may act on a case; nobody else may. */
export function mayActOn(complaint: Pick<Complaint, 'owner'>, agent: ActingAgent): boolean {
  const { id, team } = actorOf(agent);
  if (!complaint.owner) return true;
  return complaint.owner.agentId === id || (team !== undefined && complaint.owner.team === team);
}

/** Refuses an agent who may not act on the case (another agent's, of another team), naming who may. */
export function assertMayActOn(complaint: Pick<Complaint, 'owner'>, agent: ActingAgent, action: string): void {
  const { owner } = complaint;
  if (!owner || mayActOn(complaint, agent)) return;
  throw new DomainError(
    'forbidden',
    'NotOwner',
    `only the owning agent ${owner.agentId}${owner.team ? ` or a member of team ${owner.team}` : ''} may ${action}`,
    { owner: owner.agentId, ...(owner.team ? { team: owner.team } : {}) },
  );
}

/** First-contact ownership: an unowned case is claimed by the agent who answers it. */
export function ensureOwner(complaint: Complaint, agent: ActingAgent, action: string, now: Date): Transition {
  if (!complaint.owner) return claim(complaint, agent, now);
  assertMayActOn(complaint, agent, action);
  return unchanged(complaint);
}

export function reassign(complaint: Complaint, supervisorId: string, agent: ActingAgent, reason: string, now: Date): Transition {
  const { id: agentId, team } = actorOf(agent);
  if (complaint.phase === 'CLOSED') throw phaseConflict('reassign', complaint.phase);
  if (complaint.owner?.agentId === agentId && complaint.owner.team === team) return unchanged(complaint);
  return advance(complaint, { owner: { agentId, claimedAt: iso(now), ...(team ? { team } : {}) } }, [
    newEvent(complaint.id, 'reassigned', now, { kind: 'supervisor', id: supervisorId }, {
      from: complaint.owner?.agentId ?? null,
      to: agentId,
      ...(team ? { team } : {}),
      reason,
    }),
  ]);
}
