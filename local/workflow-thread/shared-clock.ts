/**
 * The runtime's one clock, seen from the workflow thread. The clock itself
 * stays on the main thread (tests and `/__local/clock/advance` move it there);
 * its reading is published into shared memory on every move, so the workflow
 * thread reads the time synchronously, as handlers do, without a message.
 * Timers are kept by the main clock: the workflow thread asks for one and is
 * told when it fires, so a manual clock still fires every timer in order and
 * settles between them, whichever thread set it.
 */
import type { MessagePort } from 'node:worker_threads';
import type { ClockReading, DrivableClock, RuntimeClock, TimerHandle } from '../clock.ts';

/** A sequence number (odd while a write is under way) then atMs, realMs, rate. */
const bufferBytes = 8 + 3 * 8;

function views(buffer: SharedArrayBuffer) {
  return { sequence: new Int32Array(buffer, 0, 1), values: new Float64Array(buffer, 8, 3) };
}

export function publishClock(clock: DrivableClock): SharedArrayBuffer {
  const buffer = new SharedArrayBuffer(bufferBytes);
  const { sequence, values } = views(buffer);
  const publish = () => {
    const reading = clock.reading();
    Atomics.add(sequence, 0, 1);
    values[0] = reading.atMs;
    values[1] = reading.realMs;
    values[2] = reading.rate;
    Atomics.add(sequence, 0, 1);
  };
  publish();
  clock.onMove(publish);
  return buffer;
}

export function readPublishedClock(buffer: SharedArrayBuffer): ClockReading {
  const { sequence, values } = views(buffer);
  for (;;) {
    const before = Atomics.load(sequence, 0);
    if (before % 2 === 1) continue;
    const reading = { atMs: values[0]!, realMs: values[1]!, rate: values[2]! };
    if (Atomics.load(sequence, 0) === before) return reading;
  }
}

export type ClockRequest = { type: 'timer'; id: number; at: number } | { type: 'cancel-timer'; id: number };
export type ClockNotice = { type: 'timer-fired'; id: number };

/** The workflow thread's clock: reads the shared reading, asks the main thread for timers. */
export class SharedClock implements RuntimeClock {
  private nextId = 1;
  private readonly callbacks = new Map<number, () => void>();

  constructor(
    private readonly buffer: SharedArrayBuffer,
    private readonly port: MessagePort,
  ) {}

  now(): Date {
    const { atMs, realMs, rate } = readPublishedClock(this.buffer);
    return new Date(rate === 0 ? atMs : atMs + (Date.now() - realMs) * rate);
  }

  setTimer(at: Date, callback: () => void): TimerHandle {
    const id = this.nextId++;
    this.callbacks.set(id, callback);
    this.port.postMessage({ type: 'timer', id, at: at.getTime() } satisfies ClockRequest);
    return {
      cancel: () => {
        if (this.callbacks.delete(id)) this.port.postMessage({ type: 'cancel-timer', id } satisfies ClockRequest);
      },
    };
  }

  fired(id: number): void {
    const callback = this.callbacks.get(id);
    this.callbacks.delete(id);
    callback?.();
  }
}

/** The main thread's side: timers asked for by one workflow thread, all cancelled if that thread ends. */
export class TimerService {
  private readonly handles = new Map<number, TimerHandle>();

  constructor(
    private readonly clock: DrivableClock,
    private readonly notify: (notice: ClockNotice) => void,
  ) {}

  handle(request: ClockRequest): void {
    if (request.type === 'timer') {
      this.handles.set(
        request.id,
        this.clock.setTimer(new Date(request.at), () => {
          this.handles.delete(request.id);
          this.notify({ type: 'timer-fired', id: request.id });
        }),
      );
    } else {
      this.handles.get(request.id)?.cancel();
      this.handles.delete(request.id);
    }
  }

  cancelAll(): void {
    for (const handle of this.handles.values()) handle.cancel();
    this.handles.clear();
  }
}
