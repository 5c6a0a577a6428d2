/**
 * A small school for stories, tests and the demo: an administrator, teachers,
 * students (one with messaging turned off), courses (one over 300 people),
 * projects, and conversations of every kind with some history.
 */
import type { Backend } from './backend.js';
import type { Role, User } from '../model/types.js';

export const seedUsers = {
  admin: { id: 'u-admin', name: 'Ingrid Berg', title: 'School administrator', role: 'admin' },
  kari: { id: 'u-kari', name: 'Kari Nordmann', title: 'Mathematics teacher', role: 'teacher' },
  per: { id: 'u-per', name: 'Per Hansen', title: 'Science teacher', role: 'teacher' },
  ola: { id: 'u-ola', name: 'Ola Nordmann', title: 'Student, 9B', role: 'student' },
  emma: { id: 'u-emma', name: 'Emma Hansen', title: 'Student, 9B', role: 'student' },
  noah: { id: 'u-noah', name: 'Noah Johansen', title: 'Student, 9B', role: 'student' },
  sofie: { id: 'u-sofie', name: 'Sofie Larsen', title: 'Student, 9B', role: 'student' },
  jakob: { id: 'u-jakob', name: 'Jakob Olsen', title: 'Student, 9A', role: 'student' },
  lukas: { id: 'u-lukas', name: 'Lukas Berg', title: 'Student, 9B', role: 'student', messagingDisabled: true },
} satisfies Record<string, User>;

export const seedCourses = {
  maths: { id: 'c-maths', name: 'Mathematics 9B', color: '#1a5fb4' },
  science: { id: 'c-science', name: 'Science 9B', color: '#1b7340' },
  assembly: { id: 'c-assembly', name: 'Whole school', color: '#a51d2d' },
};

export const seedProjects = {
  fair: { id: 'p-fair', name: 'Science fair', color: '#e66100' },
};

/** How many extra students the whole-school course has: more than the 300 limit. */
export const ASSEMBLY_EXTRA = 340;

export interface SeedResult {
  conversations: {
    oneToOne: string;
    group: string;
    maths: string;
    project: string;
    individual: string;
    mass: string;
    weekly: string;
  };
}

const minutes = 60_000;

/** How long the seeded history runs, from its first message to its last: the steps below add up to it. */
const HISTORY_MINUTES = 1037;

/** People as recipients. */
const people = (...users: User[]) => users.map(({ id }) => ({ type: 'person' as const, id }));

/**
 * Fills the backend's storage with a history of the last day or so, ending at `clock.now`
 * (so a school seeded now shows today's messages and yesterday's). The seed moves `clock`
 * through that history; the backend must have been built with a clock that reads it.
 */
export async function seed(backend: Backend, clock: { now: number } = { now: Date.now() }): Promise<SeedResult> {
  const u = seedUsers;
  const c = seedCourses;
  await backend.run(async (storage) => {
    for (const user of Object.values(u)) await storage.putUser(user);
    for (let i = 1; i <= ASSEMBLY_EXTRA; i++) {
      await storage.putUser({ id: `u-student-${i}`, name: `Student ${String(i).padStart(3, '0')}`, title: 'Student', role: 'student' });
    }
    for (const course of Object.values(c)) await storage.putCourse(course);
    await storage.putProject(seedProjects.fair);
    const enrol = async (courseId: string, userId: string, role: Role) => storage.putCourseMember(courseId, { userId, role });
    for (const course of [c.maths, c.science]) {
      for (const s of [u.ola, u.emma, u.noah, u.sofie, u.lukas]) await enrol(course.id, s.id, 'student');
    }
    await enrol(c.maths.id, u.kari.id, 'teacher');
    await enrol(c.science.id, u.per.id, 'teacher');
    for (const user of Object.values(u)) await enrol(c.assembly.id, user.id, user.role === 'student' ? 'student' : 'teacher');
    for (let i = 1; i <= ASSEMBLY_EXTRA; i++) await enrol(c.assembly.id, `u-student-${i}`, 'student');
    for (const id of [u.per.id, u.emma.id, u.noah.id, u.jakob.id]) await storage.putProjectMember(seedProjects.fair.id, id);
  });

  const end = clock.now;
  clock.now = end - HISTORY_MINUTES * minutes;
  const later = (by: number) => (clock.now += by * minutes);
  let n = 0;
  const clientId = () => `seed-${++n}`;
  const send = (userId: string, conversationId: string, text: string) =>
    backend.execute(userId, 'sendMessage', { conversationId, clientId: clientId(), text });

  // A course of a few people would be "group or individual": course conversations start on their own.
  const mathsId = (await backend.execute(u.kari.id, 'startCourseConversation', { courseId: c.maths.id })).id;
  await send(u.kari.id, mathsId, 'Welcome to Mathematics 9B! Ask your questions about the homework here.');
  later(30);
  await send(u.kari.id, mathsId, 'Homework for Thursday: exercises 4.1 to 4.12. The answers are at https://example.org/maths/answers');
  later(12);
  await send(u.emma.id, mathsId, 'Do we need to show the working for 4.7?');
  later(5);
  await send(u.kari.id, mathsId, 'Yes, please show every step.');

  later(60);
  const { conversation: oneToOne } = await backend.execute(u.ola.id, 'startConversation', {
    recipients: [{ type: 'person', id: u.kari.id }],
    mode: 'group',
    text: 'Hi Kari, I was ill on Monday. What did I miss?',
    clientId: clientId(),
  });
  later(20);
  await send(u.kari.id, oneToOne.id, 'Hi Ola! We started on equations.\nHave a look at chapter 4, and ask me if anything is unclear.');

  later(120);
  const { conversation: group } = await backend.execute(u.emma.id, 'startConversation', {
    recipients: people(u.ola, u.noah, u.sofie),
    mode: 'group',
    text: 'Study group for the maths test?',
    clientId: clientId(),
  });
  await backend.execute(u.emma.id, 'renameConversation', { conversationId: group.id, name: 'Maths study group' });
  later(3);
  await send(u.ola.id, group.id, 'Yes! Library after school on Wednesday?');
  later(2);
  await send(u.noah.id, group.id, 'Works for me 👍');
  for (let i = 1; i <= 40; i++) {
    later(1);
    await send(i % 2 ? u.sofie.id : u.emma.id, group.id, `Practice question ${i}: solve ${i}x + ${i * 2} = ${i * 5}`);
  }

  later(240);
  await backend.execute(u.per.id, 'startCourseConversation', { courseId: c.science.id });
  const project = await backend.startProjectConversation(seedProjects.fair.id, u.per.id);
  await send(u.per.id, project, 'Science fair: please upload your posters by Friday.');
  later(10);
  await send(u.jakob.id, project, 'Can we use the 3D printer?');

  later(90);
  const { conversation: individual } = await backend.execute(u.kari.id, 'startConversation', {
    recipients: people(u.ola, u.emma, u.noah),
    mode: 'individual',
    text: 'Your test results are ready. Come and see me if you have questions.',
    clientId: clientId(),
  });

  later(300);
  const mass = await backend.postMassMessage(
    u.admin.id,
    Object.values(u).filter((x) => x.id !== u.admin.id && !('messagingDisabled' in x)).map((x) => x.id),
    'School administration',
    // Formatted in the platform's editor; the plain text is read out of it.
    '',
    { html: '<p>The school is <strong>closed on Friday</strong> for the teachers’ planning day.</p>' },
  );
  later(60);
  const weekly = await backend.postCourseUpdate(c.maths.id, u.kari.id, 'Weekly update: Mathematics 9B', '', {
    html:
      '<p>This week: equations, chapter 4.</p>' +
      '<ul><li>Read pages 60–64.</li><li>Exercises 4.1 to 4.12.</li></ul>' +
      '<p>Test next <em>Tuesday</em>. <a href="https://example.org/maths-9b/practice">Practice tests</a> are on the course page.</p>',
  });

  later(45);
  await send(u.emma.id, group.id, 'See you all tomorrow!');
  if (clock.now !== end) throw new Error(`seed: the history's steps add up to ${HISTORY_MINUTES + (clock.now - end) / minutes} minutes, not HISTORY_MINUTES`);

  return {
    conversations: { oneToOne: oneToOne.id, group: group.id, maths: mathsId, project, individual: individual.id, mass, weekly },
  };
}
