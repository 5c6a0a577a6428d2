import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/avatar/avatar.js';
import type { ImAvatar } from '../../src/components/avatar/avatar.js';
import avatarStories, { EveryKind } from '../../stories/avatar.stories.js';
import { nodesByRole, text, until } from './helpers.js';

/** A picture the test server serves (any will do: a person's photo is shown as given). */
const photo = '/docs/panel.png';

type Args = { kind: string; name: string; src: string; color: string };

/** The Person story, with `args` over its own. */
async function person(args: Partial<Args> = {}) {
  const el = await fixture<ImAvatar>(avatarStories.render!({ ...(avatarStories.args as Args), ...args }, {} as never));
  return el;
}

/** The EveryKind story's avatars, by kind. */
async function everyKind() {
  const wrapper = await fixture<HTMLElement>(EveryKind.render!({} as Args, {} as never));
  const avatars = [...wrapper.querySelectorAll('im-avatar')];
  await Promise.all(avatars.map((a) => a.updateComplete));
  return { wrapper, byKind: new Map(avatars.map((a) => [a.kind, a])) };
}

/** The circle (or square) a reader sees: the avatar's part. */
const circle = (el: ImAvatar) => el.shadowRoot!.querySelector<HTMLElement>('[part="avatar"]')!;
const picture = (el: ImAvatar) => circle(el).querySelector('img');
const icon = (el: ImAvatar) => circle(el).querySelector('svg');

/** WCAG contrast ratio of two `rgb(…)` colours. */
function contrast(a: string, b: string) {
  const luminance = (colour: string) => {
    const [r, g, b] = colour.match(/[\d.]+/g)!.slice(0, 3).map((c) => {
      const s = Number(c) / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

describe('im-avatar', () => {
  it('is decorative, whatever it shows: nothing of it reaches assistive technology, and it is accessible', async () => {
    const { wrapper, byKind } = await everyKind();
    const withPhoto = await fixture<HTMLElement>(html`<div>${avatarStories.render!({ ...(avatarStories.args as Args), src: photo }, {} as never)}</div>`);
    await until(() => !!picture(withPhoto.querySelector('im-avatar')!)?.complete, 'the photo loaded');
    for (const root of [wrapper, withPhoto]) {
      await expect(root).to.be.accessible();
      // The name beside it says who or what it is: no image, no initials, no text of its own.
      for (const role of ['image', 'StaticText']) expect(await nodesByRole(root, role), role).to.deep.equal([]);
    }
    expect(text(circle(byKind.get('person')!))).to.equal('ON', 'there are initials, only hidden');
  });

  it("shows a person's photo, with an empty alt text", async () => {
    const el = await person({ src: photo });
    const img = picture(el)!;
    await until(() => img.complete, 'the photo loaded');
    expect(img.naturalWidth).to.be.greaterThan(0);
    expect(img.getAttribute('src')).to.equal(photo);
    expect(img.getAttribute('alt')).to.equal('');
    expect(text(circle(el))).to.equal('', 'no initials over it');
    expect(getComputedStyle(circle(el)).borderRadius).to.equal('50%');
    const box = img.getBoundingClientRect();
    expect([box.width, box.height]).to.deep.equal([40, 40], 'filling the circle');
  });

  it("shows a person without a photo as initials of their first and last names, white on a colour of their own", async () => {
    const el = await person();
    expect(text(circle(el))).to.equal('KN');
    expect(picture(el)).to.equal(null);
    const initials: [string, string][] = [
      ['Kari Anne Nordmann', 'KN'],
      ['  émile   zola ', 'ÉZ'],
      ['Cher', 'C'],
      ['', '?'],
    ];
    for (const [name, shown] of initials) {
      el.name = name;
      await el.updateComplete;
      expect(text(circle(el)), name).to.equal(shown);
    }
    const colours = new Map<string, string>();
    for (const name of ['Kari Nordmann', 'Ola Nordmann', 'Emma Hansen', 'Noah Johansen', 'Per Hansen', 'Ingrid Berg', 'Nora Olsen', 'Jakob Larsen', 'Sofie Berg', 'Lucas Dahl', 'Ella Lie', 'Filip Moen']) {
      el.name = name;
      await el.updateComplete;
      const style = getComputedStyle(circle(el));
      colours.set(name, style.backgroundColor);
      expect(contrast(style.color, style.backgroundColor), `${name} on ${style.backgroundColor}`).to.be.at.least(4.5);
    }
    expect(new Set(colours.values()).size).to.be.greaterThan(1, 'not everyone the same colour');
    el.name = 'Kari Nordmann';
    await el.updateComplete;
    expect(getComputedStyle(circle(el)).backgroundColor).to.equal(colours.get('Kari Nordmann'), 'the same colour for the same name');
  });

  it("shows each conversation kind's own icon, courses and projects in rounded squares", async () => {
    const { byKind } = await everyKind();
    const kinds = ['group', 'course', 'project', 'individual', 'mass', 'system'];
    const drawings = kinds.map((kind) => {
      const el = byKind.get(kind as ImAvatar['kind'])!;
      const svg = icon(el);
      expect(svg, kind).to.not.equal(null);
      expect(svg!.getBoundingClientRect().width, kind).to.be.greaterThan(0);
      expect(text(circle(el)), `${kind}: an icon, no letters`).to.equal('');
      expect(getComputedStyle(circle(el)).borderRadius, kind).to.equal(kind === 'course' || kind === 'project' ? '25%' : '50%');
      return svg!.innerHTML;
    });
    expect(new Set(drawings).size).to.equal(kinds.length, 'one icon each');
    expect(icon(byKind.get('person')!)).to.equal(null);
    expect(text(circle(byKind.get('person')!))).to.equal('ON');

    const oneToOne = await person({ kind: 'one-to-one', name: 'Emma Hansen', src: photo });
    expect(picture(oneToOne)?.getAttribute('src')).to.equal(photo, 'a one-to-one conversation shows the other person');
  });

  it("paints a course in its colour, and any avatar given one", async () => {
    const { byKind } = await everyKind();
    expect(getComputedStyle(circle(byKind.get('course')!)).backgroundColor).to.equal('rgb(26, 95, 180)');
    const group = await person({ kind: 'group', name: 'Study group' });
    const own = getComputedStyle(circle(group)).backgroundColor;
    group.color = '#1b7340';
    await group.updateComplete;
    expect(own).to.not.equal('rgb(27, 115, 64)');
    expect(getComputedStyle(circle(group)).backgroundColor).to.equal('rgb(27, 115, 64)');
  });

  it('uses only web and same-site photos, and shows initials for any other address', async () => {
    for (const src of ['javascript:alert(1)', 'data:image/gif;base64,R0lGODlhAQABAAAAACw=', 'ftp://example.org/kari.png', 'kari.png']) {
      const el = await person({ src });
      expect(picture(el), src).to.equal(null);
      expect(text(circle(el)), src).to.equal('KN');
    }
    const group = await person({ kind: 'group', src: photo });
    expect(picture(group)).to.equal(null, 'a conversation shows its icon, not a photo');
  });

  it('shows the initials when the photo does not load', async () => {
    const el = await person({ src: '/no-such-picture.png' });
    // The image is `complete` once it failed, a moment before its error event: wait for what the reader sees.
    await until(() => text(circle(el)) === 'KN', 'the initials after the photo failed');
    expect(picture(el)).to.equal(null, 'the broken photo is gone');
  });
});
