import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/components/reports/reports.js';
import type { Message } from '../src/model/types.js';
import { expectLoaded } from './play.js';
import { demoSchool, seedUsers } from './support.js';

type School = Awaited<ReturnType<typeof demoSchool>>;

/** Ola reports the study group, then a message of Kari's in their one-to-one (where the reporter is named). */
async function reportSome(s: School) {
  await s.actAs('ola')('reportAbuse', { conversationId: s.ids.group, reason: 'Mean messages about me' });
  const page = (await s.actAs('ola')('getMessages', { conversationId: s.ids.oneToOne })) as { messages: Message[] };
  const karis = page.messages.find((m) => m.sender.id === seedUsers.kari.id)!;
  await s.actAs('ola')('reportAbuse', { conversationId: s.ids.oneToOne, messageId: karis.id, reason: 'Not about school' });
}

function reports(as: keyof typeof seedUsers, setup?: (school: School) => Promise<unknown>): Story {
  return {
    loaders: [
      async () => {
        const school = await demoSchool({ as, start: false });
        await setup?.(school);
        await school.store.start();
        return { school };
      },
    ],
  };
}

const meta: Meta = {
  title: 'Elements/Reports',
  component: 'im-reports',
  render: (_, { loaded }) => html`<im-reports style="max-inline-size:26rem" .store=${(loaded as { school: School }).school.store}></im-reports>`,
  play: async ({ canvasElement }) => {
    await expectLoaded(canvasElement);
  },
};
export default meta;

type Story = StoryObj;

/** An administrator's reports: a group reported anonymously, a message in a one-to-one with its reporter. */
export const WithReports = reports('admin', reportSome);

/** Kari reviews her students' reports, but not the one about her own message. */
export const Teacher = reports('kari', reportSome);

export const Empty = reports('admin');

/** Students have no reports: the element renders nothing. */
export const Student = reports('ola');
