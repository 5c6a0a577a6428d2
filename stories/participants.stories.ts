import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/components/participants/participants.js';
import { expectLoaded } from './play.js';
import { demoSchool, seedUsers } from './support.js';

type School = Awaited<ReturnType<typeof demoSchool>>;
type Args = { as: keyof typeof seedUsers; pick: (ids: School['ids']) => string; canAdd: boolean; canRemove: boolean; canRelate: boolean };

const meta: Meta<Args> = {
  title: 'Elements/Participants',
  component: 'im-participants',
  loaders: [
    async ({ args }) => {
      const school = await demoSchool({ as: args.as });
      const conversation = await school.store.conversation(args.pick(school.ids));
      return { school, conversation };
    },
  ],
  render: (args, { loaded }) => {
    const { school, conversation } = loaded as { school: School; conversation: Awaited<ReturnType<School['store']['conversation']>> };
    return html`<im-participants
      style="max-inline-size:26rem"
      .store=${school.store}
      .conversation=${conversation}
      ?can-add=${args.canAdd}
      ?can-remove=${args.canRemove}
      ?can-relate=${args.canRelate}
    ></im-participants>`;
  },
  play: async ({ canvasElement }) => {
    await expectLoaded(canvasElement);
  },
};
export default meta;

type Story = StoryObj<Args>;

/** A student in the study group: adds people, sees what they share with each. */
export const GroupStudent: Story = { args: { as: 'emma', pick: (ids) => ids.group, canAdd: true, canRemove: false, canRelate: true } };

/** A course conversation to its teacher: the whole course, each with "Your relationship". */
export const CourseTeacher: Story = { args: { as: 'kari', pick: (ids) => ids.maths, canAdd: false, canRemove: false, canRelate: true } };

/** "Sent to 3 people", to its sender: each recipient with the one-to-one the message went through. */
export const SentToPeople: Story = { args: { as: 'kari', pick: (ids) => ids.individual, canAdd: false, canRemove: false, canRelate: true } };
