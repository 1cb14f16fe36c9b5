import { parseArgs } from 'node:util';
import { issueStaffToken } from '#local/staff-tokens.ts';
import type { Command, CommandResult } from '../cli.ts';

const USAGE = `usage: closeloop token --role agent|supervisor --sub NAME [--team TEAM] [--hours 12]

  Prints a staff token that the local runtime (npm start) accepts on /staff/
  routes, as "Authorization: Bearer <token>". Local only: on AWS staff sign in
  with Cognito, and the team is the user's custom:team attribute. Members of
  a team may act on each other's cases.
`;

const fail = (message: string): CommandResult => ({ stdout: '', stderr: `closeloop token: ${message}\n`, exitCode: 2 });

export async function token(argv: readonly string[]): Promise<CommandResult> {
  let values: { role?: string; sub?: string; team?: string; hours?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { role: { type: 'string' }, sub: { type: 'string' }, team: { type: 'string' }, hours: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return { stdout: USAGE, stderr: '', exitCode: 0 };
  if (values.role !== 'agent' && values.role !== 'supervisor') return fail('--role must be agent or supervisor');
  if (!values.sub || !/^[\w.@-]{1,64}$/.test(values.sub)) return fail('--sub NAME is required (letters, digits, . _ @ -)');
  if (values.team !== undefined && !/^[\w-]{1,64}$/.test(values.team)) return fail('--team must be letters, digits, _ or -');
  const hours = values.hours === undefined ? 12 : Number(values.hours);
  if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 30) return fail('--hours must be a number of hours between 0 and 720');
  return { stdout: `${await issueStaffToken(values.role, values.sub, Math.round(hours * 3600), values.team)}\n`, stderr: '', exitCode: 0 };
}

export const tokenCommand: Command = { summary: 'print a local staff token (agent or supervisor)', run: token };
