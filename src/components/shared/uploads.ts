import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { LocalizeController } from '../../l10n/localize-controller.js';
import { checkAttachment, formatBytes, type AttachmentPolicy } from '../../model/attachments.js';
import { ImError } from '../../model/errors.js';
import { plainFileName } from '../../model/text.js';
import type { Attachment } from '../../model/types.js';
import type { MessengerStore } from '../../state/store.js';
import { describeError } from './describe.js';
import { crossIcon } from './icons.js';

/** A file on its way: uploading (with progress), uploaded, or refused. */
export interface UploadEntry {
  key: number;
  file: File;
  /** 0 to 1. */
  progress: number;
  attachment?: Attachment;
  error?: string;
  abort: AbortController;
}

let keys = 0;


/**
 * Files for a message before it is sent, as the composer handles them: checked
 * against the policy first (size, type: "Sorry, you can't send NAME"), then
 * uploaded at once with progress and a way to cancel. Uploads still running
 * are cancelled when the host leaves the page.
 */
export class UploadsController implements ReactiveController {
  files: UploadEntry[] = [];
  /** What went wrong, in the reader's language, for an alert. */
  errors: string[] = [];

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: { store: () => MessengerStore | undefined; policy: () => AttachmentPolicy; l10n: LocalizeController },
  ) {
    host.addController(this);
  }

  hostDisconnected() {
    this.clear();
  }

  get uploading() {
    return this.files.some((f) => !f.attachment && !f.error);
  }

  /** The uploaded files, ready to send. */
  get attachments(): Attachment[] {
    return this.files.flatMap((f) => (f.attachment ? [f.attachment] : []));
  }

  add(picked: File[]) {
    const { t, locale } = this.options.l10n;
    const policy = this.options.policy();
    const errors: string[] = [];
    const room = policy.maxFiles - this.files.length;
    if (picked.length > room) errors.push(t.tooManyFiles(policy.maxFiles));
    for (const file of picked.slice(0, Math.max(0, room))) {
      const refusal = checkAttachment(file, policy);
      if (refusal?.code === 'file-too-large') errors.push(t.fileTooLarge(plainFileName(file.name), formatBytes(policy.maxBytes, locale)));
      else if (refusal) errors.push(t.cannotSend(plainFileName(file.name)));
      else this.upload(file);
    }
    this.errors = errors;
    this.host.requestUpdate();
  }

  /**
   * The files as a list: name, then size when uploaded or a progress bar while
   * uploading, and a button to cancel or remove each. `onRemove` runs after a removal
   * (to put focus back in the text field).
   */
  render(onRemove: () => void) {
    const { t, locale } = this.options.l10n;
    return html`<ul class="files">
      ${repeat(
        this.files,
        (f) => f.key,
        (f) => html`<li class="file">
          <span class="name" dir="auto">${plainFileName(f.file.name)}</span>
          ${f.attachment
            ? html`<span class="size">${formatBytes(f.file.size, locale)}</span>`
            : f.error
              ? nothing
              : html`<progress max="1" .value=${f.progress} aria-label=${t.uploadProgress(plainFileName(f.file.name))}></progress>`}
          <button
            class="icon-button"
            type="button"
            aria-label=${f.attachment || f.error ? t.removeFile(plainFileName(f.file.name)) : t.cancelUpload(plainFileName(f.file.name))}
            @click=${() => {
              this.remove(f);
              onRemove();
            }}
          >
            <svg viewBox="0 0 24 24" aria-hidden="true">${crossIcon}</svg>
          </button>
        </li>`,
      )}
    </ul>`;
  }

  /** Cancels or drops one file. */
  remove(entry: UploadEntry) {
    entry.abort.abort();
    this.files = this.files.filter((f) => f.key !== entry.key);
    this.host.requestUpdate();
  }

  /** Cancels every upload and forgets every file (after sending, or leaving). */
  clear() {
    for (const f of this.files) f.abort.abort();
    this.files = [];
    this.errors = [];
    this.host.requestUpdate();
  }

  private upload(file: File) {
    const entry: UploadEntry = { key: keys++, file, progress: 0, abort: new AbortController() };
    this.files = [...this.files, entry];
    const update = (patch: Partial<UploadEntry>) => {
      this.files = this.files.map((f) => (f.key === entry.key ? { ...f, ...patch } : f));
      this.host.requestUpdate();
    };
    const store = this.options.store();
    if (!store) return update({ error: this.options.l10n.t.errors.unavailable });
    store
      .uploadAttachment(file, { signal: entry.abort.signal, onProgress: (sent, total) => update({ progress: total ? sent / total : 0 }) })
      .then((attachment) => update({ attachment, progress: 1 }))
      .catch((error: unknown) => {
        if (entry.abort.signal.aborted) return;
        const { t } = this.options.l10n;
        const reason = describeError(ImError.from(error), t);
        this.errors = [...this.errors, t.uploadFailed(plainFileName(file.name), reason)];
        update({ error: reason });
      });
  }
}
