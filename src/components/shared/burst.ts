/** Changes closer together than this (ms) are a burst. */
const BURST_GAP = 100;

/**
 * Tells a burst of changes (each in a task of its own, as WebSocket messages arrive)
 * from a single one, so that a host renders a single change at once and a burst once
 * a frame, laid out together rather than change by change.
 */
export class Burst {
  /** When the last change came, and until when the burst it belongs to lasts. */
  private last = -Infinity;
  private until = -Infinity;

  /** A change came. */
  note() {
    const now = performance.now();
    if (now - this.last < BURST_GAP) this.until = now + BURST_GAP;
    this.last = now;
  }

  /** Waits for the next frame while a burst lasts; call before the host renders. */
  async paced(): Promise<void> {
    if (performance.now() < this.until) await new Promise((frame) => requestAnimationFrame(frame));
  }
}
