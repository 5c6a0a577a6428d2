/**
 * The school's communication rules ("fixed communication rules" in the spec): whom a
 * user may start a conversation with. A port of the backend, like storage: the
 * platform plugs in its own rules; `schoolContacts` is the default.
 */
import type { User, UserId } from '../model/types.js';
import type { Storage } from './storage.js';

export interface ContactPolicy {
  /**
   * Whom `user` may reach: a test over people, made once per command, so a
   * search over a whole school asks the platform once.
   */
  reachableFrom(user: User): Promise<(other: User) => boolean>;
}

/** No rules: everyone may write to everyone. For fixtures that write in bulk, and for platforms without rules. */
export const anyoneReachesAnyone: ContactPolicy = { reachableFrom: async () => () => true };

export interface SchoolContactsOptions {
  /**
   * The largest course that counts as a class, whose students reach each other. A
   * school-wide course of hundreds does not make everyone a contact.
   */
  classSize?: number;
}

/**
 * The default rules: staff (teachers and administrators) reach anyone; a student reaches
 * the teachers of their courses, the students of their class (a course of at most
 * `classSize` people, 40 by default: the model knows courses, not classes) and the
 * members of their projects.
 */
export function schoolContacts(storage: Storage, { classSize = 40 }: SchoolContactsOptions = {}): ContactPolicy {
  return {
    async reachableFrom(user) {
      if (user.role !== 'student') return () => true;
      const reachable = new Set<UserId>();
      for (const { course } of await storage.coursesOf(user.id)) {
        const members = await storage.courseMembers(course.id);
        const isClass = members.length <= classSize;
        for (const m of members) if (m.role === 'teacher' || isClass) reachable.add(m.userId);
      }
      for (const project of await storage.projectsOf(user.id)) {
        for (const id of await storage.projectMembers(project.id)) reachable.add(id);
      }
      return (other) => reachable.has(other.id);
    },
  };
}
