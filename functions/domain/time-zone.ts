/** Whether the runtime knows `zone` as an IANA time zone (Asia/Shanghai); one check for settings, CDK context and the CLI. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
