/**
 * The stories' clock: every story starts at the same instant, so what it shows ("10:42",
 * "Yesterday") is the same on every run and every machine, and its screenshot with it.
 * The page's clock runs on from there at its usual pace.
 */

/** When each story starts: a Tuesday morning in term, Oslo time. */
export const storyTime = Date.parse('2026-03-10T10:42:00+01:00');

const realNow = Date.now.bind(Date);

/** Sets the page's clock (`Date.now`) to `storyTime`. */
export function resetClock() {
  const offset = storyTime - realNow();
  Date.now = () => realNow() + offset;
}
