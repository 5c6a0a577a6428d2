import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
import manifest from '../custom-elements.json';
import { resetClock } from '../stories/clock.js';

// Docs pages read attributes, events, parts and custom properties from the manifest.
setCustomElementsManifest(manifest);

const preview: Preview = {
  // A docs page for every element, from custom-elements.json (a stories file may opt out with '!autodocs').
  tags: ['autodocs'],
  globalTypes: {
    locale: {
      description: 'Language of the panel',
      toolbar: { title: 'Language', icon: 'globe', items: [{ value: 'en', title: 'English' }, { value: 'nb', title: 'Norsk bokmål' }], dynamicTitle: true },
    },
    scheme: {
      description: 'Colour scheme',
      toolbar: { title: 'Scheme', icon: 'contrast', items: ['light', 'dark'], dynamicTitle: true },
    },
    dir: {
      description: 'Text direction',
      toolbar: { title: 'Direction', icon: 'transfer', items: ['ltr', 'rtl'], dynamicTitle: true },
    },
  },
  initialGlobals: { locale: 'en', scheme: 'light', dir: 'ltr' },
  // Before the stories' own loaders, which seed the school with the time.
  loaders: [
    () => {
      resetClock();
      return {};
    },
  ],
  decorators: [
    (story, { globals }) => {
      // The components follow the page's lang, dir and colour scheme, as they would on a host page.
      const root = document.documentElement;
      root.lang = globals.locale ?? 'en';
      root.dir = globals.dir ?? 'ltr';
      root.style.colorScheme = globals.scheme ?? 'light';
      document.body.style.background = 'Canvas';
      document.body.style.color = 'CanvasText';
      return story();
    },
  ],
  parameters: {
    // A story with an axe violation fails, not merely warns.
    a11y: { test: 'error' },
    controls: { expanded: true },
    // The size of every screenshot `npm run test:stories` keeps (test/visual/).
    viewport: { options: { review: { name: 'Visual review', styles: { width: '640px', height: '720px' }, type: 'desktop' } } },
    // Each story of a docs page in its own frame: the panel and sheets are modal dialogs, which inline would cover the page.
    docs: { story: { inline: false, iframeHeight: 480 } },
  },
};

export default preview;
