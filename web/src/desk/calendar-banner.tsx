export function CalendarBanner() {
  return null;
}
