import type { ReactiveControllerHost } from 'lit';

/** How long the region stays empty between the same words twice. */
const EMPTY_FOR_MS = 100;

/**
 * The text of a component's polite live region. Screen readers speak a live region
 * when its content changes, so the same words twice ("Marked as unread", again) would
 * be said once: the region is emptied for a moment before the words go back in.
 */
export class Announcer {
  text = '';
  private said = 0;

  constructor(private readonly host: ReactiveControllerHost) {}

  async say(text: string) {
    const turn = ++this.said;
    if (this.text === text) {
      this.text = '';
      this.host.requestUpdate();
      await this.host.updateComplete;
      // The browser sends its accessibility tree on in frames: the empty region must get there.
      await new Promise((done) => setTimeout(done, EMPTY_FOR_MS));
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
}
