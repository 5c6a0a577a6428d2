import type { ReadStatusSetting } from '../src/model/permissions.js';
import { startApp } from './app.js';

const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? '127.0.0.1';
const dataDir = process.env.IM_DATA_DIR ?? '.data';
// `IM_DATABASE_URL=postgres://…` keeps the data in PostgreSQL instead of SQLite in the data folder.
const databaseUrl = process.env.IM_DATABASE_URL || undefined;
// `IM_REDIS_URL=redis://…` makes this one of several instances on that database (with the same IM_TOKEN_SECRET).
const redisUrl = process.env.IM_REDIS_URL || undefined;
// `IM_HUB_REDIRECT=https://…/hub` answers negotiate with a redirect there (as Azure SignalR Service's hosts do).
const hubRedirect = process.env.IM_HUB_REDIRECT || undefined;
// `IM_DEMO=0` drops the seeded school and the sign-in-as-anyone endpoints.
const demo = process.env.IM_DEMO !== '0';
// `IM_ALLOWED_ORIGINS=https://lms.example,https://other.example` limits which pages may connect.
const origins = process.env.IM_ALLOWED_ORIGINS?.split(',').map((o) => o.trim()).filter(Boolean);
// `IM_READ_STATUS=off-for-students` or `off`: the school's read-status setting (default on); another value stops the start.
const readStatus = (process.env.IM_READ_STATUS || undefined) as ReadStatusSetting | undefined;

const app = await startApp({ port, host, dataDir, demo, ...(databaseUrl ? { databaseUrl } : {}), ...(redisUrl ? { redisUrl } : {}), ...(hubRedirect ? { hubRedirect } : {}), ...(origins ? { allowedOrigins: (o: string) => origins.includes(o) } : {}), ...(readStatus ? { readStatus } : {}) }).catch((error: unknown) => {
  // Said once, plainly, and no server half up.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
const data = databaseUrl ? `data in PostgreSQL (IM_DATABASE_URL), files in ${dataDir}${redisUrl ? ', with the other instances on IM_REDIS_URL' : ''}` : `data in ${dataDir}`;
console.log(`${demo ? 'Demo' : 'Server'}: ${app.url}/  (hub ${app.hubUrl}, ${data})`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  // Clients are told to reconnect: a restart looks like a short outage to them.
  process.on(signal, () => void app.close({ allowReconnect: true }).then(() => process.exit(0)));
}
