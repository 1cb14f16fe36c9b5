/**
 * Errors are values with names; the API maps each kind to one HTTP status in
 * one place (functions/handlers/http/problem.ts).
 */
export type ProblemKind = 'not_found' | 'conflict' | 'forbidden' | 'unauthorized' | 'invalid' | 'unprocessable' | 'gone';

export class DomainError extends Error {
  constructor(
    readonly kind: ProblemKind,
    override readonly name: string,
    message: string,
    readonly detail: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const complaintNotFound = (id: string) =>
  new DomainError('not_found', 'ComplaintNotFound', `complaint ${id} does not exist`, { complaintId: id });

export const phaseConflict = (action: string, phase: string) =>
  new DomainError('conflict', 'PhaseConflict', `cannot ${action} a complaint in phase ${phase}`, { phase });
