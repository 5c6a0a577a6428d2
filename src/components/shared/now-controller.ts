import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The current time, re-rendering the host every minute so "5 min ago" stays true. */
export class NowController implements ReactiveController {
  now = Date.now();
  private timer?: ReturnType<typeof setInterval>;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected() {
    this.now = Date.now();
    this.timer = setInterval(() => {
      this.now = Date.now();
      this.host.requestUpdate();
    }, 60_000);
  }

  hostDisconnected() {
    clearInterval(this.timer);
  }
}
