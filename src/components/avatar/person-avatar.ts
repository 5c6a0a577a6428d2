import { html } from 'lit';

/** Initials' backgrounds, dark enough for white initials (contrast ≥ 4.5:1); a name always gets the same. */
export const palette = ['#1a5fb4', '#1b7340', '#c64600', '#813d9c', '#a51d2d', '#63452c', '#0b6a72', '#5e5c64'];

/** Up to two initials, from the first and last word of a name. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (!words.length) return '?';
  const first = [...words[0]][0] ?? '';
  const last = words.length > 1 ? ([...words[words.length - 1]][0] ?? '') : '';
  return (first + last).toLocaleUpperCase();
}

/** The index in `palette` of a name's colour. */
export function colourIndex(name: string): number {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  return Math.abs(hash) % palette.length;
}

/** Only http(s) and same-origin paths are shown. */
export const isPhotoUrl = (src: string) => /^(https?:\/\/|\/)/.test(src);

/**
 * A person's avatar as a template, not an element (`im-avatar`): what each message of a
 * history shows, drawn with `avatarCircle`'s styles (avatar.styles.ts) in the element that
 * renders it. Decorative: the name beside it says who. A photo that failed to load
 * (`broken`, told through `failed`) gives way to the initials.
 */
export function personAvatar(name: string, src: string | undefined, broken: ReadonlySet<string>, failed: (src: string) => void) {
  const photo = src && !broken.has(src) && isPhotoUrl(src) ? src : '';
  return html`<span part="avatar" class="avatar colour-${colourIndex(name)}" aria-hidden="true"
    >${photo ? html`<img src=${photo} alt="" @error=${() => failed(photo)} />` : initials(name)}</span
  >`;
}
