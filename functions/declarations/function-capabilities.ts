import type { Capability } from './capabilities.ts';
import { routes } from './routes.ts';

/**
 * What each function may touch, by handler module. API functions take theirs
 * from their route's contract; the workflow's and the schedules' are here.
 * CDK turns every capability into the narrowest grant and its environment
 * variable; nothing else is granted.
 */
const taskCapabilities: Record<string, readonly Capability[]> = {
  'workflow/triage-complaint': ['readTable', 'writeTable'],
  'workflow/send-acknowledgement': ['readTable', 'writeTable', 'sendMail'],
  'workflow/plan-next-step': ['readTable'],
  'workflow/await-step': ['readTable', 'writeTable', 'completeWaits', 'sendMail', 'signLinks'],
  'workflow/escalate-complaint': ['readTable', 'writeTable', 'publishEscalations'],
  'workflow/close-complaint': ['readTable', 'writeTable'],
  'workflow/warn-staff': ['readTable', 'writeTable', 'publishEscalations'],
  'workflow/expire-info-request': ['readTable', 'writeTable', 'publishEscalations'],
  'workflow/record-failure': ['readTable', 'writeTable', 'publishOperations'],
  'workflow/notify-customer': ['readTable', 'writeTable', 'sendMail', 'signLinks', 'publishOperations'],
  'schedule/start-missed-workflows': ['readTable', 'startWorkflow'],
  'schedule/send-surveys': ['readTable', 'writeTable', 'sendMail', 'signLinks'],
  'schedule/send-monthly-review': ['readTable', 'writeTable', 'sendMail', 'mailReviews'],
};

export const capabilitiesByHandler: Readonly<Record<string, readonly Capability[]>> = {
  ...Object.fromEntries(routes.map((route) => [route.handler, route.capabilities])),
  ...taskCapabilities,
};
