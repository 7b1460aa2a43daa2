// For the server's tests: a real, temporary database per test file (SQLite, or PostgreSQL where TEST_POSTGRES_URL
// names a server), and requests as a browser sends them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import type { DemoUser } from './demoData';

export const origin = 'http://localhost:3999';

const dataDir = mkdtempSync(path.join(tmpdir(), 'relay-test-'));
Object.assign(process.env, {
  DATA_DIR: dataDir,
  BASE_URL: origin,
  BETTER_AUTH_SECRET: 'unit-test-secret-not-for-production-0123456789',
});

/** On the PostgreSQL server the run was given, a database of this file's own, dropped once the file is done. */
async function ownPostgresDatabase(adminUrl: string): Promise<string> {
  const { default: pg } = await import('pg');
  const name = `relay_test_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  after(async () => {
    const { database } = await import('./database');
    await database().destroy();
    const dropper = new pg.Client({ connectionString: adminUrl });
    await dropper.connect();
    await dropper.query(`drop database if exists ${name} with (force)`);
    await dropper.end();
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.href;
}

if (process.env.TEST_POSTGRES_URL)
  process.env.DATABASE_URL = await ownPostgresDatabase(process.env.TEST_POSTGRES_URL);

// Importing the testbed leaves the database migrated: every test file starts from the current schema.
const { migrate } = await import('./migrations');
await migrate();
after(() => rmSync(dataDir, { recursive: true, force: true }));

/** A request to the app, from the app's own origin unless the headers say otherwise; objects become JSON. */
export function request(
  pathname: string,
  method: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const allHeaders: Record<string, string> = { origin, ...headers };
  let payload: string | undefined;
  if (body !== undefined) {
    payload = typeof body === 'string' ? body : JSON.stringify(body);
    allHeaders['content-type'] ??= 'application/json';
  }
  return new Request(`${origin}${pathname}`, { method, headers: allHeaders, body: payload });
}

/** The cookies a response set, as the browser would send them back. */
export function cookieFrom(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
}

let copies = 0;
/** Seeds a fresh copy of a demo persona under an email of its own, so each test starts from a clean user. */
export async function seedFreshCopy<T extends DemoUser>(persona: T, label: string): Promise<T> {
  copies += 1;
  const own = (name: string) => name.replace('@', `-${label}-${copies}@`);
  const copy = { ...persona, email: own(persona.email), ...(persona.upn && { upn: own(persona.upn) }) };
  // Every copy of a persona has the same password: hashed once a file.
  const [{ seedUser }, { appPasswordHashes }] = await Promise.all([
    import('./seed'),
    import('./testPasswordHashes'),
  ]);
  await seedUser(copy, appPasswordHashes);
  return copy;
}
