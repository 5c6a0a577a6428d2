/**
 * Every refusal the backend gives has a code a program can act on and a
 * message a person can read. Transports carry `{ code, message, details }`
 * and rebuild an `ImError` on the other side.
 */
export type ErrorCode =
  | 'forbidden'
  | 'not-found'
  | 'conversation-closed'
  | 'conversation-deleted'
  | 'read-only'
  | 'too-many-recipients'
  | 'messaging-disabled'
  | 'no-course-conversation'
  | 'not-a-contact'
  | 'file-too-large'
  | 'file-type-not-allowed'
  | 'rate-limited'
  | 'too-many-pinned'
  | 'invalid'
  | 'unauthenticated'
  | 'unavailable'
  | 'internal';

export interface ErrorShape {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

/** Every code, as a table the type-check holds to `ErrorCode`: a code left out would reach a client as another. */
const codeTable: Record<ErrorCode, true> = {
  forbidden: true,
  'not-found': true,
  'conversation-closed': true,
  'conversation-deleted': true,
  'read-only': true,
  'too-many-recipients': true,
  'messaging-disabled': true,
  'no-course-conversation': true,
  'not-a-contact': true,
  'file-too-large': true,
  'file-type-not-allowed': true,
  'rate-limited': true,
  'too-many-pinned': true,
  invalid: true,
  unauthenticated: true,
  unavailable: true,
  internal: true,
};
const codes = new Set<string>(Object.keys(codeTable));

export class ImError extends Error implements ErrorShape {
  override name = 'ImError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }

  toJSON(): ErrorShape {
    return this.details ? { code: this.code, message: this.message, details: this.details } : { code: this.code, message: this.message };
  }

  /** Rebuilds an error that crossed a transport; anything unrecognised becomes `internal`. */
  static from(value: unknown): ImError {
    if (value instanceof ImError) return value;
    if (isErrorShape(value)) return new ImError(value.code, value.message, value.details);
    return new ImError('internal', value instanceof Error ? value.message : 'Something went wrong.');
  }
}

export function isErrorShape(value: unknown): value is ErrorShape {
  if (typeof value !== 'object' || value === null) return false;
  const { code, message } = value as Record<string, unknown>;
  return typeof code === 'string' && codes.has(code) && typeof message === 'string';
}
