import type { Message } from '../../model/types.js';

/** Messages arriving within this (ms) of each other are said together. */
const SETTLE_MS = 500;

/**
 * Says new messages from others in a polite live region, throttled: one message
 * is said with its sender, a burst as a count, so a screen reader is not flooded.
 * Only messages that arrive live are given to it, never a loaded history. (Other news
 * that comes in bursts, reactions, is said the same way.)
 */
export class NewMessagesAnnouncer<T = Message> {
  private waiting: T[] = [];
  private timer?: ReturnType<typeof setTimeout>;

  constructor(
    /** Puts the words in a polite live region. */
    private readonly say: (text: string) => void,
    /** The words for what arrived: one message, or several. */
    private readonly phrase: (messages: T[]) => string,
  ) {}

  add(message: T) {
    this.waiting.push(message);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const burst = this.waiting;
      this.waiting = [];
      this.say(this.phrase(burst));
    }, SETTLE_MS);
  }

  /** Forgets what was waiting (the view closed, the reader left). */
  cancel() {
    clearTimeout(this.timer);
    this.waiting = [];
  }
}
