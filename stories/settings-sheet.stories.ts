import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/components/settings-sheet/settings-sheet.js';
import type { Message } from '../src/model/types.js';
import { expectFocusOn, expectLoaded } from './play.js';
import { demoSchool, seedUsers } from './support.js';

type School = Awaited<ReturnType<typeof demoSchool>>;
type Loaded = { school: School; conversationId: string };

const meta: Meta = {
  title: 'Elements/Settings sheet',
  component: 'im-settings-sheet',
  render: (_, { loaded }) => {
    const { school, conversationId } = loaded as Loaded;
    return html`<im-settings-sheet
      open
      .store=${school.store}
      conversation-id=${conversationId}
      participants-url="/course/{courseId}/participants"
    ></im-settings-sheet>`;
  },
  // It opens on its heading, and shows the participants and what the reader shares with them once they load.
  play: async ({ canvasElement }) => {
    await expectFocusOn('heading', 'Conversation settings');
    await expectLoaded(canvasElement);
  },
};
export default meta;

type Story = StoryObj;

/** A sheet for `as` on the conversation `pick` chooses, after `setup` changed the school. */
function sheet(as: keyof typeof seedUsers, pick: (ids: School['ids']) => string, setup?: (school: School) => Promise<unknown>): Story {
  return {
    loaders: [
      async (): Promise<Loaded> => {
        const school = await demoSchool({ as, start: false });
        await setup?.(school);
        await school.store.start();
        return { school, conversationId: pick(school.ids) };
      },
    ],
  };
}

const addKari = (s: School) => s.actAs('emma')('addParticipants', { conversationId: s.ids.group, userIds: [seedUsers.kari.id] });

/** Ola's one-to-one with Kari: search, mark as unread, mute, pin, hide from the list, participants and what they share. */
export const OneToOne = sheet('ola', (ids) => ids.oneToOne);

/** The one-to-one pinned: "Unpin" in the place of "Pin to top". */
export const PinnedOneToOne = sheet('ola', (ids) => ids.oneToOne, (s) => s.actAs('ola')('pinConversation', { conversationId: s.ids.oneToOne }));

/** Ola in Emma's study group: rename, report, leave, add participants; no Remove. */
export const GroupParticipant = sheet('ola', (ids) => ids.group);

/** Kari, a teacher, added to the study group: she can close it and remove participants from their ⋯ menu. */
export const GroupModerator = sheet('kari', (ids) => ids.group, addKari);

/** Kari in her course conversation: close, delete, and the course participant page. */
export const CourseTeacher = sheet('kari', (ids) => ids.maths);

/** Ola in the course conversation: search, mark as unread, participants and the participant page. */
export const CourseStudent = sheet('ola', (ids) => ids.maths);

/** Kari after deleting the course conversation: its history stays, and she can start a new one. */
export const DeletedCourse = sheet('kari', (ids) => ids.maths, (s) => s.actAs('kari')('deleteConversation', { conversationId: s.ids.maths }));

/** The administrator reviewing a report on a deleted course conversation can restore it. */
export const ReviewerRestores = sheet('admin', (ids) => ids.maths, async (s) => {
  const page = (await s.actAs('ola')('getMessages', { conversationId: s.ids.maths })) as { messages: Message[] };
  await s.actAs('ola')('reportAbuse', { conversationId: s.ids.maths, messageId: page.messages[0].id, reason: 'Unfair' });
  await s.actAs('kari')('deleteConversation', { conversationId: s.ids.maths });
});

/** A closed group, as its creator sees it: Reopen instead of Close. */
export const ClosedGroup = sheet('emma', (ids) => ids.group, (s) => s.actAs('emma')('closeConversation', { conversationId: s.ids.group }));

/** A mass message is one-way: only Mark as unread. */
export const MassMessage = sheet('ola', (ids) => ids.mass);
