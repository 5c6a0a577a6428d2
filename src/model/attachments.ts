import { ImError } from './errors.js';

/** What files a message may carry. The host can pass its own; extensions are matched without case or dot. */
export interface AttachmentPolicy {
  maxBytes: number;
  maxFiles: number;
  allowedExtensions: readonly string[];
}

/** The longest file name we keep; what common file systems allow. */
const MAX_NAME_LENGTH = 255;

/**
 * Spec: 20 MB per file, several files per message. SVG is left out on purpose:
 * it can carry script. Executables, HTML and scripts are never on the list.
 */
export const defaultAttachmentPolicy: AttachmentPolicy = {
  maxBytes: 20 * 1024 * 1024,
  maxFiles: 10,
  allowedExtensions: [
    'pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'odt', 'ods', 'odp', 'txt', 'rtf', 'csv',
    'jpg', 'jpeg', 'png', 'gif', 'webp', 'heic',
    'mp3', 'm4a', 'wav', 'ogg',
    'mp4', 'webm', 'mov',
    'zip', '7z',
  ],
};

/**
 * Types a browser would run rather than show. Browsers report MIME types
 * inconsistently, so the extension decides, but one of these refuses a file
 * whatever its name says.
 */
const dangerousTypes = new Set([
  'text/html', 'application/xhtml+xml', 'application/javascript', 'text/javascript', 'application/ecmascript',
  'image/svg+xml', 'application/x-msdownload', 'application/x-msdos-program',
]);

/** Why one file can't be sent under `policy`, or undefined when it can. */
export function checkAttachment(
  file: { name: string; size: number; type: string },
  policy: AttachmentPolicy = defaultAttachmentPolicy,
): ImError | undefined {
  const { name, size } = file;
  // Control characters and path separators never come from a browser's File; refusing them keeps names safe to store and show.
  if (typeof name !== 'string' || !name.trim() || name.length > MAX_NAME_LENGTH || /[\p{Cc}/\\]/u.test(name)) {
    return new ImError('invalid', `A file name must have 1 to ${MAX_NAME_LENGTH} characters.`, { field: 'name', max: MAX_NAME_LENGTH });
  }
  if (!Number.isSafeInteger(size) || size < 0) {
    return new ImError('invalid', `${name} has no valid size.`, { field: 'size', name });
  }
  const mime = String(file.type ?? '').split(';')[0].trim().toLowerCase();
  if (!isAllowedExtension(name, policy) || dangerousTypes.has(mime)) {
    // Spec's text, word for word: "Sorry, you can't send (name of file)".
    return new ImError('file-type-not-allowed', `Sorry, you can't send ${name}`, { name });
  }
  if (size > policy.maxBytes) {
    return new ImError('file-too-large', `${name} is larger than ${formatBytes(policy.maxBytes, 'en')}`, { name, maxBytes: policy.maxBytes });
  }
  return undefined;
}

/** The first reason a message's files can't be sent (too many, or one of them refused), or undefined. */
export function checkAttachments(
  files: readonly { name: string; size: number; type: string }[],
  policy: AttachmentPolicy = defaultAttachmentPolicy,
): ImError | undefined {
  if (files.length > policy.maxFiles) {
    return new ImError('invalid', `A message can carry at most ${policy.maxFiles} files.`, { field: 'attachments', maxFiles: policy.maxFiles });
  }
  for (const file of files) {
    const error = checkAttachment(file, policy);
    if (error) return error;
  }
  return undefined;
}

/** Text after the last dot; a name with no dot, or only a leading one (".pdf"), has no extension. */
function isAllowedExtension(name: string, policy: AttachmentPolicy): boolean {
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return false;
  const extension = name.slice(dot + 1).toLowerCase();
  return policy.allowedExtensions.some((allowed) => allowed.replace(/^\./, '').toLowerCase() === extension);
}

const byteUnits = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;

/**
 * A size for people: "340 kB", "1.2 MB", "20 MB". Steps of 1024 with the usual
 * short labels, as file managers show them, so the 20 MB limit reads "20 MB".
 */
export function formatBytes(bytes: number, locale: string): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  // 1023.6 kB would round to "1,024 kB": show it as "1 MB".
  while (value >= 1023.5 && unit < byteUnits.length - 1) {
    value /= 1024;
    unit++;
  }
  const maximumFractionDigits = unit > 0 && value < 9.95 ? 1 : 0;
  // "125 bytes" in words (short, English says "125 byte"); kB and MB as people write them.
  const unitDisplay = unit === 0 ? 'long' : 'short';
  return new Intl.NumberFormat(locale, { style: 'unit', unit: byteUnits[unit], unitDisplay, maximumFractionDigits }).format(value);
}
