// Types <im-messenger> in JSX: its properties, `hub-url`, a ref, and `on` + its events' names.
import type { ElementEvent, ImMessenger } from 'im-panel';

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'im-messenger': DetailedHTMLProps<HTMLAttributes<ImMessenger>, ImMessenger> &
        Partial<Pick<ImMessenger, 'tokenFactory' | 'transport' | 'attachmentPolicy' | 'open' | 'quiet'>> & {
          'hub-url'?: string;
          'course-participants-url'?: string;
          'onim-unread-change'?: (event: ElementEvent<'im-unread-change'>) => void;
          'onim-error'?: (event: ElementEvent<'im-error'>) => void;
          'onim-close'?: (event: ElementEvent<'im-close'>) => void;
          'onim-message'?: (event: ElementEvent<'im-message'>) => void;
        };
    }
  }
}
