import 'server-only';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { demoMailbox } from './demoData';

/** A setting that cannot be used: its message names it (and never repeats a secret it holds). */
export class SettingError extends Error {
  override name = 'SettingError';
}

/** Settings come from the environment only; each is checked once, with a message that names it. */
function readBaseUrl(): URL {
  const raw = process.env.BASE_URL ?? `http://localhost:${process.env.PORT ?? '3000'}`;
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http(s)');
    return url;
  } catch {
    throw new SettingError(`BASE_URL must be an absolute http(s) URL, got "${raw}"`);
  }
}

// The data folder is chosen at run time, so the bundler must not trace it.
const dataDir = path.resolve(/* turbopackIgnore: true */ process.cwd(), process.env.DATA_DIR ?? '.data');

/** The secret that signs session cookies: BETTER_AUTH_SECRET, or one made once and kept in the data folder. */
function readAuthSecret(): string {
  const fromEnv = process.env.BETTER_AUTH_SECRET;
  if (fromEnv !== undefined) {
    if (fromEnv.length < 32) throw new SettingError('BETTER_AUTH_SECRET must be at least 32 characters');
    return fromEnv;
  }
  const file = path.join(dataDir, 'auth-secret');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    // Written aside, then linked in whole: another instance started on the same folder either made it first (both
    // use that one) or finds it complete.
    const draft = `${file}.${process.pid}`;
    writeFileSync(draft, randomBytes(32).toString('base64url'), { mode: 0o600 });
    chmodSync(draft, 0o600);
    try {
      linkSync(draft, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      unlinkSync(draft);
    }
  }
  return readFileSync(file, 'utf8').trim();
}

/**
 * The push services the server will send to (ASVS 5.0 V1.3.6: outbound requests only to an allowlist): the
 * browsers' own by default; PUSH_SERVICE_ORIGINS (comma-separated https origins) names others, such as a company's
 * own push relay or the tests' local one.
 */
const browserPushServices = [
  'https://fcm.googleapis.com',
  'https://updates.push.services.mozilla.com',
  'https://web.push.apple.com',
  'https://*.notify.windows.com',
];
let pushServices: string[] | undefined;
function readPushServiceOrigins(): string[] {
  pushServices ??= (process.env.PUSH_SERVICE_ORIGINS?.split(',') ?? browserPushServices).map((raw) => {
    const origin = raw.trim();
    if (!/^https:\/\/(\*\.)?[a-z0-9.-]+(:\d{1,5})?$/i.test(origin))
      throw new SettingError(
        `PUSH_SERVICE_ORIGINS must list https origins (https://host[:port]), got "${origin}"`,
      );
    return origin.toLowerCase();
  });
  return pushServices;
}

/**
 * PostgreSQL's address when DATABASE_URL is set (postgres:// or postgresql://), else null: the embedded SQLite file.
 * A wrong one is named, never repeated: it may hold a password.
 */
function readDatabaseUrl(): string | null {
  const raw = process.env.DATABASE_URL?.trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SettingError(
      'DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@host:5432/database',
    );
  }
  if (
    (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') ||
    !url.hostname ||
    url.pathname.length < 2
  )
    throw new SettingError(
      'DATABASE_URL must be a PostgreSQL URL with a host and a database, such as postgres://user:password@host:5432/database',
    );
  return raw;
}

const baseUrl = readBaseUrl();

export const config = {
  productName: process.env.PRODUCT_NAME?.trim() || 'Relay One',
  baseUrl: baseUrl.origin,
  dataDir,
  /** PostgreSQL when set; else the SQLite file below. */
  databaseUrl: readDatabaseUrl(),
  databaseFile: path.resolve(
    /* turbopackIgnore: true */ dataDir,
    process.env.DATABASE_FILE ?? 'relay.sqlite',
  ),
  /** Seed the demo users of SPEC.md at start. */
  seedDemo: process.env.RELAY_DEMO === '1',
  /** Where mail goes (nodemailer's SMTP URL); the demo's own mailbox when unset in the demo, else nowhere. */
  smtpUrl: process.env.SMTP_URL ?? (process.env.RELAY_DEMO === '1' ? demoMailbox.smtpUrl() : null),
  mailFrom:
    process.env.MAIL_FROM ?? `${process.env.PRODUCT_NAME?.trim() || 'Relay One'} <no-reply@relay-one.test>`,
  authSecret: readAuthSecret,
  pushServiceOrigins: readPushServiceOrigins,
} as const;
