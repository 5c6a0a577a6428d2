import { fixture, html } from '@open-wc/testing';
import '../../src/components/conversation-view/conversation-view.js';
import type { ImConversationView } from '../../src/components/conversation-view/conversation-view.js';
import type { Message } from '../../src/model/types.js';
import { demoSchool, seedUsers } from '../../stories/support.js';
import { until } from './helpers.js';

export type School = Awaited<ReturnType<typeof demoSchool>>;

/** The rendered messages of a conversation view, the articles of its feed (the virtualizer renders those near the screen). */
export const messages = (el: ImConversationView) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role="feed"] > article')];

/** The message an article of the view shows, as the view's store has it. */
export const messageOf = (el: ImConversationView, article: HTMLElement): Message | undefined =>
  el.store!.state.windows.get(el.conversationId)?.messages.find((m) => m.id === article.dataset.key);

/** The rendered article of a message by `sender` (the first, when several). */
export const articleFrom = (el: ImConversationView, sender: string) => messages(el).find((m) => messageOf(el, m)?.sender.id === sender);

/** A message's ⋯ button (a menu button: `aria-haspopup="menu"`). */
export const optionsOf = (article: HTMLElement) => article.querySelector<HTMLElement>('button[aria-haspopup="menu"]')!;

/** The items of a message's open menu, by their text. */
export const menuItemsOf = (article: HTMLElement) => [...(article.querySelector('im-menu')?.shadowRoot?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];

/**
 * A conversation view in a 600-pixel column, opened as `as` on the demo school (after
 * `setup`), once it has framed its history, put focus on its heading and made one
 * message the history's tab stop, as a reader finds it.
 */
export async function openView(as: keyof typeof seedUsers, pick: (ids: School['ids']) => string, setup?: (school: School) => Promise<void>) {
  const school = await demoSchool({ as });
  await setup?.(school);
  const el = await fixture<ImConversationView>(
    html`<div style="block-size: 600px; display: flex; flex-direction: column">
      <im-conversation-view .store=${school.store} conversation-id=${pick(school.ids)}></im-conversation-view>
    </div>`,
  ).then((wrapper) => wrapper.querySelector('im-conversation-view')!);
  await until(() => el.shadowRoot!.activeElement === el.shadowRoot!.querySelector('h2'), 'focus on the heading');
  await until(() => messages(el).some((m) => m.getAttribute('tabindex') === '0'), 'the history rendered, with its tab stop');
  await el.updateComplete;
  return { ...school, el };
}
