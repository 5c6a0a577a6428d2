// Types <im-messenger> for Vue's template checker, as Vue's guide to web components shows.
import type { EmitFn, HTMLAttributes, PublicProps } from 'vue';
import type { ElementEvent, ImMessenger } from 'im-panel';

type Events = 'im-unread-change' | 'im-error' | 'im-close' | 'im-message';

declare module 'vue' {
  interface GlobalComponents {
    'im-messenger': new () => ImMessenger & {
      /** @deprecated For the template checker only. */
      $props: HTMLAttributes &
        Partial<Pick<ImMessenger, 'tokenFactory' | 'transport' | 'attachmentPolicy' | 'open' | 'quiet'>> &
        PublicProps & { 'hub-url'?: string; 'course-participants-url'?: string };
      /** @deprecated For the template checker only. */
      $emit: EmitFn<{ [K in Events]: (event: ElementEvent<K>) => void }>;
    };
  }
}
