/** Changes closer together than this (ms) are a burst. */
const BURST_GAP = 100;

const nextFrame = () => new Promise((frame) => requestAnimationFrame(frame));
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

export interface BurstOptions {
  /** During a burst, the host renders at most this often (ms), at a frame; once a frame when not given. */
  renderEvery?: number;
  /** Hears that a burst is over (no change for a moment). */
  ended?: () => void;
}

/**
 * Tells a burst of changes (each in a task of its own, as WebSocket messages arrive)
 * from a single one, so that a host renders a single change at once and a burst
 * together, each render showing all that came since the one before.
 */
export class Burst {
  /** When the last change came, and until when the burst it belongs to lasts. */
  private last = -Infinity;
  private until = -Infinity;
  private rendered = -Infinity;
  private timer?: ReturnType<typeof setTimeout>;

  constructor(private readonly options: BurstOptions = {}) {}

  /** Whether a burst is going on. */
  get on(): boolean {
    return performance.now() < this.until;
  }

  /** A change came. */
  note() {
    const now = performance.now();
    if (now - this.last < BURST_GAP) {
      this.until = now + BURST_GAP;
      this.watch();
    }
    this.last = now;
  }

  /** While a burst lasts, waits for the host's turn to render (the next frame at the soonest); call before it renders. */
  async paced(): Promise<void> {
    if (this.on) {
      const wait = this.rendered + (this.options.renderEvery ?? 0) - performance.now();
      if (wait > 0) await sleep(wait);
      await nextFrame();
    }
    this.rendered = performance.now();
  }

  /** Forgets the burst (the host is going). */
  cancel() {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.until = -Infinity;
  }

  /** One timer for the burst's end, not one a change. */
  private watch() {
    if (this.timer || !this.options.ended) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.on) this.watch();
      else this.options.ended?.();
    }, this.until - performance.now());
  }
}

/**
 * Lets a host render at most once a frame: a render asked for again before the next
 * frame waits for it, so a flood of changes (a message a millisecond) renders once a
 * frame, while a single change renders at once.
 */
export class OnceAFrame {
  private renderedThisFrame = false;

  /** Waits for the next frame if the host has rendered since the last one; call before it renders. */
  async paced(): Promise<void> {
    if (this.renderedThisFrame) await nextFrame();
    this.renderedThisFrame = true;
    requestAnimationFrame(() => (this.renderedThisFrame = false));
  }
}
