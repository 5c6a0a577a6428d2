import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/components/dialog/dialog.js';
import { askInDialog } from '../src/components/dialog/dialog.js';

const meta: Meta = { title: 'Elements/Dialog', component: 'im-dialog' };
export default meta;

export const ConfirmDelete: StoryObj = {
  render: () => html`<button
    type="button"
    @click=${(e: Event) =>
      askInDialog((e.target as HTMLElement).parentElement!, {
        heading: 'Delete message?',
        text: 'The message will be deleted for everyone in the conversation.',
        confirmLabel: 'Delete',
        danger: true,
      })}
  >
    Delete a message
  </button>`,
};

export const AskForAReason: StoryObj = {
  render: () => html`<button
    type="button"
    @click=${(e: Event) =>
      askInDialog((e.target as HTMLElement).parentElement!, {
        heading: 'Report abuse',
        text: 'Your report goes to your teachers and the administrators. They will not see who reported it.',
        field: { label: 'What is wrong?', required: true },
        confirmLabel: 'Send report',
      })}
  >
    Report a message
  </button>`,
};
