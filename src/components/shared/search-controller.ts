import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Runs a look-up as the reader types: waits for a pause, and aborts the
 * previous query when a newer one starts, so a slow stale answer never
 * replaces a fresh one.
 */
export class SearchController<T> implements ReactiveController {
  query = '';
  results?: T;
  status: 'idle' | 'searching' | 'done' | 'error' = 'idle';
  error?: Error;
  private timer?: ReturnType<typeof setTimeout>;
  private abort?: AbortController;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly search: (query: string, signal: AbortSignal) => Promise<T>,
    private readonly delay = 250,
  ) {
    host.addController(this);
  }

  hostDisconnected() {
    this.clear();
  }

  /** Sets the query; an empty one clears the results at once. */
  set(query: string) {
    this.query = query;
    clearTimeout(this.timer);
    this.abort?.abort();
    if (!query.trim()) {
      this.clear();
      return;
    }
    this.status = 'searching';
    this.host.requestUpdate();
    this.timer = setTimeout(() => void this.run(query), this.delay);
  }

  clear() {
    clearTimeout(this.timer);
    this.abort?.abort();
    this.query = '';
    this.results = undefined;
    this.status = 'idle';
    this.host.requestUpdate();
  }

  private async run(query: string) {
    const abort = (this.abort = new AbortController());
    try {
      const results = await this.search(query, abort.signal);
      if (abort.signal.aborted) return;
      this.results = results;
      this.status = 'done';
    } catch (error) {
      if (abort.signal.aborted) return;
      this.error = error as Error;
      this.status = 'error';
    }
    this.host.requestUpdate();
  }
}
