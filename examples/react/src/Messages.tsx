import 'im-panel';
import type { ImMessenger } from 'im-panel';
import { useRef, useState } from 'react';

const getToken = () => fetch('/session/messaging-token').then((r) => r.text());

export function Messages() {
  const messenger = useRef<ImMessenger>(null);
  const [unread, setUnread] = useState(0);
  return (
    <>
      <p>Unread: {unread}</p>
      <button type="button" onClick={() => messenger.current?.show()}>
        Open messages
      </button>
      <im-messenger
        ref={messenger}
        hub-url="/hub"
        tokenFactory={getToken}
        onim-unread-change={(event) => setUnread(event.detail.unread)}
        onim-error={(event) => {
          if (event.detail.error.code === 'unauthenticated') location.assign('/login');
        }}
      />
    </>
  );
}
