import { formatDeskTime } from '#domain/messages.ts';
import type { DemoProgress } from './driver.ts';

/**
 * "Demo: 120/300 filed, simulated 2026-11-14 10:00 (Asia/Shanghai)": overwritten in place on
 * a terminal (at most ten times a second), a plain line every 10 % otherwise
 * (a log file or CI keeps eleven lines, not thousands).
 */
export function progressPrinter(out: { isTTY?: boolean; write(text: string): unknown }, timeZone: string): (p: DemoProgress) => void {
  let lastTenth = -1;
  let lastWrite = 0;
  return (p) => {
    const line = `Demo: ${p.filed}/${p.total} filed, simulated ${formatDeskTime(p.now.toISOString(), timeZone)}`;
    if (out.isTTY) {
      const now = Date.now();
      if (now - lastWrite < 100 && p.filed < p.total) return;
      lastWrite = now;
      out.write(`\r\x1b[K${line}`);
      return;
    }
    const tenth = Math.floor((p.filed / p.total) * 10);
    if (tenth === lastTenth) return;
    lastTenth = tenth;
    out.write(`${line}\n`);
  };
}
