import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/components/new-conversation/new-conversation.js';
import { ImError } from '../src/model/errors.js';
import type { Recipient } from '../src/model/types.js';
import { demoSchool, seedUsers } from './support.js';

type Args = { as: keyof typeof seedUsers };
type School = Awaited<ReturnType<typeof demoSchool>>;

/** Recipients as the search offers them, by exact name. */
async function findRecipients(school: School, ...names: string[]): Promise<Recipient[]> {
  const found: Recipient[] = [];
  for (const name of names) {
    const match = (await school.transport.searchRecipients({ query: name })).find((r) => r.name === name);
    if (!match) throw new Error(`No recipient named ${name}`);
    found.push(match);
  }
  return found;
}

/** A school with the recipients chosen, as a loader. */
const choosing =
  (...names: string[]) =>
  async ({ args }: { args: Args }) => {
    const school = await demoSchool({ as: args.as });
    return { school, recipients: await findRecipients(school, ...names) };
  };

const meta: Meta<Args> = {
  title: 'Elements/New conversation',
  component: 'im-new-conversation',
  args: { as: 'kari' },
  argTypes: { as: { control: 'select', options: Object.keys(seedUsers) } },
  loaders: [choosing()],
  render: (_, { loaded }) =>
    html`<div style="display:flex;flex-direction:column;block-size:36rem;max-inline-size:26rem;border:1px solid #ccc">
      <im-new-conversation .store=${loaded.school.store} .recipients=${loaded.recipients}></im-new-conversation>
    </div>`,
};
export default meta;

type Story = StoryObj<Args>;

/** Nothing chosen yet: type a name, a course or a project. */
export const Empty: Story = {};

/** One person: a one-to-one, no choice to make. */
export const OnePerson: Story = { loaders: [choosing('Emma Hansen')] };

/** Two people: a group conversation or individual messages. */
export const TwoPeople: Story = { loaders: [choosing('Emma Hansen', 'Noah Johansen')] };

/** A course of 300 or fewer: the same choice. Lukas Berg in it can't receive messages. */
export const SmallCourse: Story = { loaders: [choosing('Mathematics 9B')] };

/** A course over 300, alone: it goes to the course conversation. */
export const LargeCourse: Story = { loaders: [choosing('Whole school')] };

/** A course over 300 with anyone else: refused before sending. */
export const LargeCourseAndPerson: Story = { loaders: [choosing('Whole school', 'Emma Hansen')] };

/** A person whose messaging is turned off: nothing can be delivered. */
export const MessagingDisabled: Story = { loaders: [choosing('Lukas Berg')] };

/** The send failed (here: no connection); the message stays to try again. */
export const SendingError: Story = {
  loaders: [
    async (context) => {
      const loaded = await choosing('Emma Hansen')(context);
      loaded.school.transport.startConversation = async () => {
        throw new ImError('unavailable', 'The server did not answer.');
      };
      return loaded;
    },
  ],
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector('im-new-conversation')!;
    await el.updateComplete;
    const field = el.shadowRoot!.querySelector('textarea')!;
    field.value = 'See you tomorrow!';
    field.dispatchEvent(new InputEvent('input', { bubbles: true }));
    await el.updateComplete;
    await el.send();
  },
};
