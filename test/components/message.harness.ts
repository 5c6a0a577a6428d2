import { fixture, html } from '@open-wc/testing';
import '../../src/components/message/message.js';
import type { ImMessage } from '../../src/components/message/message.js';

/** One of the reader's messages that two of three have seen, focused in a feed, on the page's surface. */
export async function seenByMessage() {
  const message = { id: 'm1', conversationId: 'c1', seq: 3, sender: { id: 'u-emma', name: 'Emma Hansen', title: '', role: 'student' as const }, createdAt: Date.now(), text: 'Library at three?', attachments: [], status: 'normal' as const };
  const el = await fixture<ImMessage>(
    html`<im-message feed mine role="article" tabindex="0" .message=${message} .readStatus=${{ conversationId: 'c1', messageId: 'm1', seq: 3, seen: 2, of: 3 }}></im-message>`,
  );
  el.focus();
  return el;
}
