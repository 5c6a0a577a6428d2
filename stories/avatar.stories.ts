import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/components/avatar/avatar.js';

type Args = { kind: string; name: string; src: string; color: string };

const meta: Meta<Args> = {
  title: 'Elements/Avatar',
  component: 'im-avatar',
  args: { kind: 'person', name: 'Kari Nordmann', src: '', color: '' },
  argTypes: { kind: { control: 'select', options: ['person', 'group', 'course', 'project', 'individual', 'mass', 'system'] } },
  render: ({ kind, name, src, color }) => html`<im-avatar kind=${kind} name=${name} src=${src} color=${color}></im-avatar>`,
};
export default meta;

type Story = StoryObj<Args>;

export const Person: Story = {};
export const EveryKind: Story = {
  render: () => html`<div style="display:flex;gap:0.5rem">
    <im-avatar kind="person" name="Ola Nordmann"></im-avatar>
    <im-avatar kind="group" name="Study group"></im-avatar>
    <im-avatar kind="course" name="Mathematics" color="#1a5fb4"></im-avatar>
    <im-avatar kind="project" name="Science fair"></im-avatar>
    <im-avatar kind="individual" name=""></im-avatar>
    <im-avatar kind="mass" name=""></im-avatar>
    <im-avatar kind="system" name=""></im-avatar>
  </div>`,
};
