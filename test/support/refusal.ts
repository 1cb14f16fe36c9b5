import { DomainError } from '#domain/errors.ts';

/** The domain error a rule refuses with; fails the test if the rule did not refuse. */
export function refusalOf(act: () => unknown): DomainError {
  try {
    act();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('the rule did not refuse');
}
