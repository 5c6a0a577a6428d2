import type { EventEnvelope } from '../model/events.js';
import type { ConnectionState, TransportEvent, TransportListener } from './transport.js';

/**
 * The part every transport shares: listeners, the connection state, and
 * delivering events in sequence order exactly once. After a reconnect the
 * transport calls `catchUp` with a way to fetch what it missed; live events
 * that arrive meanwhile wait until the gap is filled.
 */
export class EventStream {
  private listeners = new Set<TransportListener>();
  private lastSeq = 0;
  private catchingUp = false;
  /** A catch-up failed: live events wait until one succeeds, or the gap would be skipped. */
  private behind = false;
  private held: EventEnvelope[] = [];
  state: ConnectionState = 'disconnected';

  subscribe(listener: TransportListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The last sequence number delivered. */
  get seq() {
    return this.lastSeq;
  }

  /** Starts counting from a known point (after `connect`, from the backend's latest). */
  startAt(seq: number) {
    this.lastSeq = seq;
  }

  setState(state: ConnectionState) {
    if (state === this.state) return;
    this.state = state;
    this.emit({ type: 'connection', state });
  }

  /** A live event from the backend. */
  push(envelope: EventEnvelope) {
    if (this.catchingUp || this.behind) this.held.push(envelope);
    else this.deliver(envelope);
  }

  /**
   * Fetches and delivers every event after the last one seen, then the ones
   * held meanwhile. When the backend no longer has them (`reset`), listeners
   * get a `reset` event and must reload.
   */
  async catchUp(fetch: (seq: number) => Promise<{ events: EventEnvelope[]; latestSeq: number; reset: boolean }>) {
    this.catchingUp = true;
    try {
      for (;;) {
        const { events, latestSeq, reset } = await fetch(this.lastSeq);
        if (reset) {
          this.lastSeq = latestSeq;
          this.emit({ type: 'reset' });
          break;
        }
        events.forEach((e) => this.deliver(e));
        if (events.length === 0 || this.lastSeq >= latestSeq) break;
      }
      this.behind = false;
    } catch (error) {
      this.behind = true;
      throw error;
    } finally {
      this.catchingUp = false;
    }
    const held = this.held.sort((a, b) => a.seq - b.seq);
    this.held = [];
    held.forEach((e) => this.deliver(e));
  }

  private deliver(envelope: EventEnvelope) {
    // Seen already (delivered live and again by a catch-up): once is enough.
    if (envelope.seq <= this.lastSeq) return;
    this.lastSeq = envelope.seq;
    this.emit({ type: 'event', ...envelope });
  }

  private emit(event: TransportEvent) {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        // One broken listener must not starve the others.
        console.error(error);
      }
    }
  }
}
