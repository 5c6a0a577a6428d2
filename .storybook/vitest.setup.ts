// What every story must also do in `npm run test:stories` (vitest.config.ts): log no error, and
// look as its screenshot in test/visual/ does.
import { afterEach, beforeEach, expect, vi, type MockInstance } from 'vitest';
import { page } from 'vitest/browser';

// The screenshot is of the viewport: this frame covers it, adding nothing to what is seen or heard.
const viewport = Object.assign(document.createElement('div'), { ariaHidden: 'true' });
viewport.style.cssText = 'position: fixed; inset: 0; pointer-events: none';

// Room around each story, as Storybook's padded layout gives it.
document.body.style.padding = '1rem';

let consoleError: MockInstance<typeof console.error>;

beforeEach(() => {
  consoleError = vi.spyOn(console, 'error');
});

afterEach(async ({ task }) => {
  // An exception nobody caught fails the run, or, once the page listens for errors itself, Vitest
  // logs it here. "ResizeObserver loop completed with undelivered notifications" is the browser
  // saying a resize was put off to the next frame (the virtualizer measures its rows), not an error.
  const logged = consoleError.mock.calls.map((args) => args.map(String).join(' ')).filter((line) => !line.includes('ResizeObserver loop'));
  consoleError.mockRestore();
  expect(logged, 'errors logged while the story ran').toEqual([]);
  if (task.result?.state === 'fail') return;
  const { storyId } = task.meta as { storyId: string };
  document.body.append(viewport);
  await expect.element(page.elementLocator(viewport)).toMatchScreenshot(storyId);
  viewport.remove();
});
