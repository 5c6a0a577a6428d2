import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * The text of a component's polite live region. Screen readers speak a live region
 * when its content changes, so the same words twice ("Marked as unread", again) would
 * be said once: the region is emptied for one render before the words go back in.
 */
export class Announcer implements ReactiveController {
  text = '';
  private said = 0;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  async say(text: string) {
    const turn = ++this.said;
    if (this.text === text) {
      this.text = '';
      this.host.requestUpdate();
      await this.host.updateComplete;
      // A newer announcement came meanwhile: it wins.
      if (turn !== this.said) return;
    }
    this.text = text;
    this.host.requestUpdate();
  }

  /** Empties the region without a word (a sheet closing). */
  clear() {
    this.said++;
    this.text = '';
    this.host.requestUpdate();
  }

  hostConnected() {}
}
