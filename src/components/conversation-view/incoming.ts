import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Messages } from '../../l10n/en.js';
import type { ImEvent } from '../../model/events.js';
import { previewText } from '../../model/text.js';
import type { Message } from '../../model/types.js';
import { Burst } from '../shared/burst.js';
import { NewMessagesAnnouncer } from '../shared/new-messages.js';

/** In a burst, the view renders at most this often (ms): twenty times a second still reads as scrolling. */
const RENDER_EVERY = 50;

export interface IncomingOptions {
  /** Says a text politely. */
  say: (text: string) => void;
  /** The reader's language now. */
  t: () => Messages;
}

type ReactionChanged = Extract<ImEvent, { type: 'reaction-changed' }>;

/**
 * Messages from others arriving in the open conversation: each said once (a burst
 * together: "5 new messages"), and during a burst the view renders every few frames,
 * laying out together all that came since the last render rather than message by
 * message; it renders once more when the burst is over. Others' reactions to the
 * reader's own messages are said the same way ("Emma Hansen reacted with ❤️ to your
 * message", several as a count).
 */
export class IncomingController implements ReactiveController {
  private readonly announcer: NewMessagesAnnouncer;
  private readonly reactions: NewMessagesAnnouncer<ReactionChanged>;
  private readonly burst: Burst;

  constructor(host: ReactiveControllerHost, options: IncomingOptions) {
    host.addController(this);
    this.burst = new Burst({ renderEvery: RENDER_EVERY, ended: () => host.requestUpdate() });
    this.announcer = new NewMessagesAnnouncer(options.say, (burst) => {
      const t = options.t();
      const [one] = burst;
      return burst.length === 1 ? t.newMessageFrom(one.sender.name, previewText(one.text, 200) || t.filesSent(one.attachments.length)) : t.newMessagesCount(burst.length);
    });
    this.reactions = new NewMessagesAnnouncer<ReactionChanged>(options.say, (burst) => {
      const t = options.t();
      return burst.length === 1 ? t.reactedToYours(burst[0].person.name, burst[0].emoji) : t.reactionsToYours(burst.length);
    });
  }

  hostDisconnected() {
    this.announcer.cancel();
    this.reactions.cancel();
    this.burst.cancel();
  }

  /** Whether messages are coming in a burst. */
  get bursting(): boolean {
    return this.burst.on;
  }

  /** A message from someone else arrived. */
  add(message: Message) {
    this.burst.note();
    this.announcer.add(message);
  }

  /** Someone else reacted to one of the reader's messages. */
  addReaction(event: ReactionChanged) {
    this.reactions.add(event);
  }

  /** Waits for the next frame while a burst lasts; call before the host renders. */
  paced(): Promise<void> {
    return this.burst.paced();
  }
}
