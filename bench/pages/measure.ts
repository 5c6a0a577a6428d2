/** Timing helpers every bench page shares, so the panel and its references are measured alike. */

export const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Checks `done` once a frame; when it holds, waits one more frame (the one that
 * paints what was checked) and returns the time then.
 */
export async function untilPainted(done: () => boolean, what: string, timeoutMs = 60_000): Promise<number> {
  const start = performance.now();
  while (!done()) {
    if (performance.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await frame();
  }
  await frame();
  return performance.now();
}

/** Whether `el` is laid out and lies within `box` (1 px of rounding allowed). */
export function within(el: Element, box: Element): boolean {
  const r = el.getBoundingClientRect();
  const b = box.getBoundingClientRect();
  return r.height > 0 && r.top >= b.top - 1 && r.bottom <= b.bottom + 1;
}

/** Elements of `els` that show at least partly inside `box`. */
export function visibleCount(els: Iterable<Element>, box: Element): number {
  const b = box.getBoundingClientRect();
  let count = 0;
  for (const el of els) {
    const r = el.getBoundingClientRect();
    if (r.height > 0 && r.bottom > b.top && r.top < b.bottom) count++;
  }
  return count;
}

export const atBottom = (scroller: Element) => scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 2;

/** Long tasks (50 ms and more, the browser's own threshold) while it records. */
export class LongTasks {
  private readonly durations: number[] = [];
  private readonly observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) this.durations.push(entry.duration);
  });

  constructor() {
    this.observer.observe({ type: 'longtask', buffered: false });
  }

  /** Stops, after a moment for the last entries to arrive. */
  async stop(): Promise<{ count: number; longest: number; total: number }> {
    await sleep(50);
    for (const entry of this.observer.takeRecords()) this.durations.push(entry.duration);
    this.observer.disconnect();
    return { count: this.durations.length, longest: Math.max(0, ...this.durations), total: this.durations.reduce((a, b) => a + b, 0) };
  }
}

/** One frame at 60 Hz, and the share of a frame's time we allow for jitter before calling it missed. */
export const FRAME_MS = 1000 / 60;
export const MISSED_FRAME_MS = FRAME_MS * 1.25;

/** rAF-to-rAF intervals: each one longer than a 60 Hz frame (plus jitter) means the page missed a frame. */
export class Frames {
  private readonly deltas: number[] = [];
  private last?: number;
  private running = true;

  constructor() {
    const tick = (time: number) => {
      if (!this.running) return;
      if (this.last !== undefined) this.deltas.push(time - this.last);
      this.last = time;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }

  stop() {
    this.running = false;
    return summariseFrames(this.deltas);
  }
}

export function summariseFrames(deltas: number[]) {
  return {
    frames: deltas.length,
    over: deltas.filter((d) => d > MISSED_FRAME_MS).length,
    longestFrame: Math.max(0, ...deltas),
  };
}

declare global {
  interface Window {
    /** What Playwright calls on a bench page. */
    bench: Record<string, (...args: never[]) => unknown>;
  }
}
