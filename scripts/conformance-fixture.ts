/**
 * Writes a conformance fixture for the demo school of a server in demo mode, with fresh
 * tokens from its sign-in-as-anyone endpoint:
 * `tsx scripts/conformance-fixture.ts http://127.0.0.1:8080 > fixture.json`.
 * A platform writes its own fixture from its own test accounts (docs/hub-contract.md).
 */
import { seedCourses, seedUsers } from '../src/backend/seed.js';
import type { Fixture } from '../src/conformance/fixture.js';

/** The demo school's people in the fixture's roles: Ola, Emma and Lukas (messaging off) share class 9B, Jakob is in 9A. */
const roles = { student: seedUsers.ola, classmate: seedUsers.emma, teacher: seedUsers.kari, admin: seedUsers.admin, outsider: seedUsers.jakob, messagingOff: seedUsers.lukas };

export async function demoFixture(origin: string): Promise<Fixture> {
  const people = {} as Record<keyof typeof roles, { id: string; token: string }>;
  for (const [role, user] of Object.entries(roles) as [keyof typeof roles, { id: string }][]) {
    const res = await fetch(`${origin}/api/demo/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ userId: user.id }) });
    if (!res.ok) throw new Error(`${origin} gave no token for ${user.id} (${res.status}): is it in demo mode?`);
    people[role] = { id: user.id, token: ((await res.json()) as { token: string }).token };
  }
  return { people, course: { id: seedCourses.maths.id }, largeCourse: { id: seedCourses.assembly.id } };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const origin = process.argv[2];
  if (!origin) {
    console.error('Usage: tsx scripts/conformance-fixture.ts <server origin, e.g. http://127.0.0.1:8080>');
    process.exit(2);
  }
  console.log(JSON.stringify(await demoFixture(origin.replace(/\/+$/, '')), null, 2));
}
