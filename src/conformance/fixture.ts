/**
 * The conformance suite's fixture: the test people of the backend under test and their
 * tokens, and the courses the rules are tried on. Its format is documented in the hub
 * contract (docs/hub-contract.md, "Proving a backend: the conformance suite").
 */
import { readStatusSettings, type ReadStatusSetting } from '../model/permissions.js';

/** One test person: their user id and a bearer token the hub and the attachment API accept. */
export interface FixturePerson {
  id: string;
  token: string;
}

export interface Fixture {
  /** The attachment API's base (`{api}/attachments`); default `/api` on the hub's origin. */
  api?: string;
  people: {
    /** A student in `course`. */
    student: FixturePerson;
    /** A student of the same class: the student's contact. */
    classmate: FixturePerson;
    /** A teacher of `course`. */
    teacher: FixturePerson;
    admin: FixturePerson;
    /** A student who is not the student's contact (another class), to prove the communication rules. */
    outsider: FixturePerson;
    /** Optional: a student of the student's class whose messaging is turned off. Without one, that row is not tried. */
    messagingOff?: FixturePerson;
  };
  /** A course with a conversation, of which student, classmate and teacher are members. */
  course: { id: string };
  /** A course of more than 300 people, the student among them, for the 300 rule. */
  largeCourse: { id: string };
  /** Optional: the hub's limit of new messages a minute a person, when it is not the contract's 60. */
  messagesPerMinute?: number;
  /** Optional: the school's read-status setting, when it is not `on`. */
  readStatus?: ReadStatusSetting;
}

/** The fixture in `json`, or an error naming the first thing missing or wrong. */
export function parseFixture(json: string): Fixture {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    throw new Error(`The fixture is not JSON: ${(error as Error).message}`, { cause: error });
  }
  const at = (path: string[]): unknown => path.reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), data);
  const text = (...path: string[]) => {
    const value = at(path);
    if (typeof value !== 'string' || value === '') throw new Error(`The fixture needs ${path.join('.')}, a non-empty string.`);
    return value;
  };
  const person = (role: string): FixturePerson => ({ id: text('people', role, 'id'), token: text('people', role, 'token') });
  const api = at(['api']);
  if (api !== undefined && typeof api !== 'string') throw new Error('The fixture’s api, when given, is a URL.');
  const perMinute = at(['messagesPerMinute']);
  if (perMinute !== undefined && !(Number.isInteger(perMinute) && (perMinute as number) > 0)) throw new Error('The fixture’s messagesPerMinute, when given, is a whole number above 0.');
  const readStatus = at(['readStatus']);
  if (readStatus !== undefined && !readStatusSettings.includes(readStatus as ReadStatusSetting)) {
    throw new Error(`The fixture’s readStatus, when given, is one of ${readStatusSettings.join(', ')}.`);
  }
  return {
    ...(api ? { api } : {}),
    people: {
      student: person('student'),
      classmate: person('classmate'),
      teacher: person('teacher'),
      admin: person('admin'),
      outsider: person('outsider'),
      ...(at(['people', 'messagingOff']) === undefined ? {} : { messagingOff: person('messagingOff') }),
    },
    course: { id: text('course', 'id') },
    largeCourse: { id: text('largeCourse', 'id') },
    ...(perMinute === undefined ? {} : { messagesPerMinute: perMinute as number }),
    ...(readStatus === undefined ? {} : { readStatus: readStatus as ReadStatusSetting }),
  };
}
