import { html } from 'lit';
import { state } from 'lit/decorators.js';
import { ImError } from '../../model/errors.js';
import type { NotificationPreferences } from '../../model/types.js';
import type { StoreState } from '../../state/store.js';
import { Announcer } from '../shared/announcer.js';
import { describeError } from '../shared/describe.js';
import { StoreElement } from '../shared/store-element.js';
import { outlinedButton } from '../shared/shared.styles.js';
import { theme, visuallyHidden } from '../shared/theme.styles.js';
import styles from './notification-settings.styles.js';

/** What this browser lets us do: show notifications, ask for them, neither (blocked, or no such API). */
type Permission = NotificationPermission | 'unsupported';

const permissionHere = (): Permission => (typeof Notification === 'undefined' ? 'unsupported' : Notification.permission);

/**
 * @tagname im-notification-settings
 * @summary The reader's notification preferences, in the panel: desktop notifications and the platform's e-mail digest.
 *
 * Both are the reader's own, kept by the backend, so they follow the reader to every
 * device. Turning desktop notifications on is the only moment the browser is asked to
 * allow them (never on load); where the preference is on but this browser has not allowed
 * them yet, an "Allow in this browser" button asks. Each change is said aloud; focus stays
 * on the checkbox.
 */
export class ImNotificationSettings extends StoreElement {
  static override styles = [theme, visuallyHidden, outlinedButton, styles];

  @state() private permission: Permission = permissionHere();
  private readonly announcer = new Announcer(this);

  protected override selectState(s: StoreState) {
    return [s.preferences];
  }

  override render() {
    const { t } = this.l10n;
    const preferences = this.data.state?.preferences;
    return html`<h3 id="title">${t.notifications.title}</h3>
      ${this.choice('desktop', t.notifications.desktop, this.desktopHint(preferences), this.onDesktopChange)}
      ${this.choice('emailDigest', t.notifications.emailDigest, t.notifications.emailDigestHint, this.onDigestChange)}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcer.text}</div>`;
  }

  /** One preference: a checkbox with its label, and the hint that describes it. */
  private choice(name: keyof NotificationPreferences, label: string, hint: unknown, onChange: (event: Event) => void) {
    const preferences = this.data.state?.preferences;
    return html`<label>
        <input type="checkbox" name=${name} aria-describedby="${name}-hint" .checked=${!!preferences?.[name]} ?disabled=${!preferences} @change=${onChange} />
        <span>${label}</span>
      </label>
      <p class="hint" id="${name}-hint">${hint}</p>`;
  }

  /** What the desktop choice means in this browser: when they show, or why they can't yet. */
  private desktopHint(preferences: NotificationPreferences | undefined) {
    const { t } = this.l10n;
    if (this.permission === 'unsupported') return t.notifications.unsupported;
    if (this.permission === 'denied') return t.notifications.blocked;
    if (preferences?.desktop && this.permission === 'default') {
      return html`${t.notifications.notAllowedHere}<button class="outlined-button" type="button" @click=${this.allowHere}>${t.notifications.allowHere}</button>`;
    }
    return t.notifications.desktopHint;
  }

  private onDesktopChange = async (event: Event) => {
    const input = event.target as HTMLInputElement;
    const on = input.checked;
    // The browser asks only now, as the reader turns them on; refused, the choice stays off.
    if (on && !(await this.askBrowser())) {
      input.checked = false;
      return;
    }
    await this.change(input, { desktop: on }, on ? this.l10n.t.notifications.desktopOn : this.l10n.t.notifications.desktopOff);
  };

  private onDigestChange = async (event: Event) => {
    const input = event.target as HTMLInputElement;
    const on = input.checked;
    await this.change(input, { emailDigest: on }, on ? this.l10n.t.notifications.emailDigestOn : this.l10n.t.notifications.emailDigestOff);
  };

  private allowHere = async () => {
    if (await this.askBrowser()) void this.announcer.say(this.l10n.t.notifications.desktopOn);
    // The button is gone either way: focus goes back to the choice it belongs to.
    this.renderRoot.querySelector<HTMLInputElement>('input[name="desktop"]')?.focus();
  };

  /** Asks the browser (when it has not been answered for this site); true when notifications may show. */
  private async askBrowser(): Promise<boolean> {
    if (this.permission === 'default') this.permission = await Notification.requestPermission();
    if (this.permission === 'granted') return true;
    void this.announcer.say(this.permission === 'denied' ? this.l10n.t.notifications.blocked : this.l10n.t.notifications.unsupported);
    return false;
  }

  /** Saves a change; a failure puts the checkbox back and says why. */
  private async change(input: HTMLInputElement, changes: Partial<NotificationPreferences>, said: string) {
    try {
      await this.data.store!.setNotificationPreferences(changes);
      void this.announcer.say(said);
    } catch (error) {
      input.checked = !input.checked;
      void this.announcer.say(this.l10n.t.notifications.failed(describeError(ImError.from(error), this.l10n.t)));
    }
  }
}
