import { Component, CUSTOM_ELEMENTS_SCHEMA, signal } from '@angular/core';
import 'im-panel';
import type { ElementEvent } from 'im-panel';

@Component({
  selector: 'app-messages',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <p>Unread: {{ unread() }}</p>
    <button type="button" (click)="messenger.show()">Open messages</button>
    <im-messenger
      #messenger
      hub-url="/hub"
      [tokenFactory]="getToken"
      (im-unread-change)="unread.set($event.detail.unread)"
      (im-error)="onError($event)"
    ></im-messenger>
  `,
})
export class Messages {
  protected readonly unread = signal(0);
  // An arrow function, so it keeps `this` when the element calls it.
  protected readonly getToken = () => fetch('/session/messaging-token').then((r) => r.text());

  protected onError(event: ElementEvent<'im-error'>) {
    if (event.detail.error.code === 'unauthenticated') location.assign('/login');
  }
}
