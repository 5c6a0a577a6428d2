import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Messages } from '../../l10n/en.js';
import { ImError } from '../../model/errors.js';
import { describeError } from './describe.js';

/**
 * Runs an element's commands and keeps what went wrong in the reader's words: `error`
 * for an alert, `busy` while one runs. With `oneAtATime`, a second activation while one
 * runs (a double click) does nothing. The host re-renders as they change.
 */
export class CommandRunner implements ReactiveController {
  busy = false;
  error = '';

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly t: () => Messages,
    private readonly options: { oneAtATime: boolean } = { oneAtATime: true },
  ) {
    host.addController(this);
  }

  hostDisconnected() {
    this.error = '';
  }

  /**
   * Runs `work`; true when it succeeded. A failure is described by `describe` when it
   * has words of its own for it, else by its code.
   */
  async run(work: () => Promise<unknown>, describe?: (error: ImError) => string | undefined): Promise<boolean> {
    if (this.busy && this.options.oneAtATime) return false;
    this.set(true, '');
    try {
      await work();
      this.set(false, '');
      return true;
    } catch (error) {
      const failure = ImError.from(error);
      this.set(false, describe?.(failure) ?? describeError(failure, this.t()));
      return false;
    }
  }

  /** Shows a failure that did not come through `run` (a load, say). */
  fail(error: unknown) {
    this.set(this.busy, describeError(ImError.from(error), this.t()));
  }

  /** Forgets the last error (the reader moved on). */
  clear() {
    this.set(this.busy, '');
  }

  private set(busy: boolean, error: string) {
    this.busy = busy;
    this.error = error;
    this.host.requestUpdate();
  }
}
