import { type BusinessCalendar, chinaStatutoryCalendar } from '#domain/business-calendar.ts';
import { type SlaPolicy, parseSlaPolicy } from '#domain/sla-policy.ts';
import { deskTimeZone } from './config.ts';

let policy: SlaPolicy | undefined;
let calendar: BusinessCalendar | undefined;

/**
 * The SLA policy from SLA_POLICY (JSON), validated once per cold start: a
 * wrong policy fails the first request naming the field, never a silent default.
 */
export function slaPolicy(): SlaPolicy {
  return (policy ??= parseSlaPolicy(process.env.SLA_POLICY));
}

export function deskCalendar(): BusinessCalendar {
  return (calendar ??= chinaStatutoryCalendar(deskTimeZone()));
}
