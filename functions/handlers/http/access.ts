import type { Complaint, StaffActor } from '#domain/complaint.ts';
import { mayActOn } from '#domain/lifecycle/ownership.ts';
import type { StaffGroup } from '#declarations/routes.ts';
import { tokenMatches } from '#adapters/tokens.ts';
import type { ApiRequest } from './api-handler.ts';
import { ProblemError, problem } from './problem.ts';

export interface StaffIdentity {
  sub: string;
  username: string;
  groups: StaffGroup[];
  /** The `custom:team` attribute: set by an administrator, never writable by the user (see lib/staff-directory.ts). */
  team?: string;
  /** The same person as the domain sees an acting agent. */
  actor: StaffActor;
}

const teamName = /^[\w-]{1,64}$/;

export function bearerToken(request: ApiRequest): string | undefined {
  const header = request.header('authorization');
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1];
}

/**
 * The case's access token proves the caller is its customer. A wrong token
 * answers 404 like an unknown id, so ids cannot be probed.
 */
export function assertCustomerAccess(request: ApiRequest, complaint: Complaint | undefined, id: string): Complaint {
  const token = bearerToken(request);
  const zh = request.locale === 'zh-CN';
  if (!token) {
    throw new ProblemError(
      problem('unauthorized', request.locale, zh ? '请在 Authorization 头中提供案件访问令牌（Bearer）' : 'Send the case access token as "Authorization: Bearer <accessToken>"'),
    );
  }
  if (!complaint || !tokenMatches(token, complaint.accessTokenHash)) {
    throw new ProblemError(problem('not_found', request.locale, zh ? `未找到投诉 ${id}` : `complaint ${id} was not found`));
  }
  return complaint;
}

/** Cognito authorizer claims: REST APIs pass `cognito:groups` as one string ("a,b" or "[a b]"). */
export function staffIdentity(request: ApiRequest, allowed: readonly StaffGroup[]): StaffIdentity {
  const claims = (request.event.requestContext.authorizer?.claims ?? undefined) as Record<string, unknown> | undefined;
  const sub = typeof claims?.sub === 'string' ? claims.sub : undefined;
  const zh = request.locale === 'zh-CN';
  if (!claims || !sub) throw new ProblemError(problem('unauthorized', request.locale, zh ? '需要员工登录' : 'staff sign-in required'));
  const rawGroups = claims['cognito:groups'];
  const listed = Array.isArray(rawGroups)
    ? rawGroups.map(String)
    : (typeof rawGroups === 'string' ? rawGroups : '').replace(/[[\]]/g, '').split(/[\s,]+/);
  const groups = listed
    .filter((g): g is StaffGroup => g === 'agents' || g === 'supervisors');
  if (!groups.some((g) => allowed.includes(g))) {
    throw new ProblemError(
      problem(
        'forbidden',
        request.locale,
        zh ? `此操作需要以下用户组之一的成员身份：${allowed.join('、')}` : `this action needs membership of: ${allowed.join(' or ')}`,
      ),
    );
  }
  const username = typeof claims['cognito:username'] === 'string' ? claims['cognito:username'] : sub;
  const rawTeam = claims['custom:team'];
  const team = typeof rawTeam === 'string' && teamName.test(rawTeam) ? rawTeam : undefined;
  return { sub, username, groups, ...(team ? { team } : {}), actor: { id: username, ...(team ? { team } : {}) } };
}

export const isSupervisor = (staff: StaffIdentity) => staff.groups.includes('supervisors');

/**
 * Supervisors see every case. An agent sees the unassigned pool, their own
 * cases and their team's: another team's case answers 403, naming the rule
 * and not the case's content.
 */
export function assertStaffMayView(request: ApiRequest, staff: StaffIdentity, complaint: Complaint): void {
  if (isSupervisor(staff) || mayActOn(complaint, staff.actor)) return;
  const zh = request.locale === 'zh-CN';
  throw new ProblemError(
    problem(
      'forbidden',
      request.locale,
      zh ? '该案件属于其他客服或团队，您无权查看' : "this case belongs to another agent's team; agents see their own and their team's cases",
    ),
  );
}
