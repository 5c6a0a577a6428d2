/**
 * Which emoji this browser can draw. Each Unicode emoji version adds emoji that older
 * fonts lack: a browser shows them as empty boxes, or as two emoji side by side. The
 * picker leaves out the versions the browser's fonts don't know, as emoji-picker-element
 * does, by drawing one emoji of each version on a canvas once a page.
 */

/** The fonts emoji are drawn in, colour fonts of each system first (emoji-picker-element's list). */
export const emojiFonts = '"Twemoji Mozilla","Apple Color Emoji","Segoe UI Emoji","Segoe UI Symbol","Noto Color Emoji","EmojiOne Color","Android Emoji",sans-serif';

/**
 * One emoji of each version, newest first, with colour at its centre (emoji-picker-element's
 * choice). For 15.1, 13.1 and 12.1, whose new emoji are sequences of older ones that pass a
 * colour test even where they are drawn as two, one of the version before stands in.
 */
const probes: readonly (readonly [emoji: string, version: number])[] = [
  ['🫪', 17],
  ['🫩', 16],
  ['🫨', 15.1],
  ['🫠', 14],
  ['🥲', 13.1],
  ['🥻', 12.1],
  ['🥰', 11],
  ['🤩', 5],
  ['👱‍♀️', 4],
  ['🤣', 3],
  ['👁️‍🗨️', 2],
  ['😀', 1],
  ['😐️', 0.7],
  ['😃', 0.6],
];

/**
 * The newest emoji version whose probe `drawn` says is drawn. When none is (no colour emoji
 * font at all, or a canvas that refuses to be read, as anti-fingerprinting add-ons make it),
 * every version: a few empty boxes are better than no emoji.
 */
export function newestDrawn(drawn: (emoji: string) => boolean): number {
  try {
    for (const [emoji, version] of probes) if (drawn(emoji)) return version;
  } catch {
    // The canvas could not be read.
  }
  return Infinity;
}

/**
 * Whether the browser draws an emoji in colour: drawn in black and in white, shrunk to one
 * pixel, it comes out the same colour, and not black. A font without it draws an outline or
 * an empty box in the colour it is given.
 */
function drawnInColour(emoji: string): boolean {
  const pixel = (colour: string) => {
    const context = Object.assign(document.createElement('canvas'), { width: 1, height: 1 }).getContext('2d', { willReadFrequently: true });
    if (!context) throw new Error('no canvas');
    context.textBaseline = 'top';
    context.font = `100px ${emojiFonts}`;
    context.fillStyle = colour;
    context.scale(0.01, 0.01);
    context.fillText(emoji, 0, 0);
    return [...context.getImageData(0, 0, 1, 1).data].join();
  };
  const onBlack = pixel('#000');
  return onBlack === pixel('#fff') && !onBlack.startsWith('0,0,0,');
}

let newest: number | undefined;

/** The newest emoji version this browser draws, found once a page. */
export function drawnVersion(): number {
  return (newest ??= newestDrawn(drawnInColour));
}
