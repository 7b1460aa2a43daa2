// The demo identity provider's own people: its directory, apart from the app's database, as a real one would be.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { hash, verify } from '@node-rs/argon2';
import Database from 'better-sqlite3';

export type IdpUser = { subject: string; email: string; name: string };
export type NewIdpUser = { email: string; name: string; password: string };

type UserRow = IdpUser & { password_hash: string };

/** A directory in one SQLite file; the provider and the tests that add people to it may open it at once. */
export class IdpDirectory {
  private readonly db: Database.Database;

  constructor(file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`create table if not exists idp_user (
      subject text primary key,
      email text not null unique,
      name text not null,
      password_hash text not null
    )`);
  }

  /** Adds a person (argon2id, @node-rs/argon2's OWASP defaults); one who exists already is left as they are. */
  async add({ email, name, password }: NewIdpUser): Promise<IdpUser> {
    const normalised = email.trim().toLowerCase();
    const existing = this.byEmail(normalised);
    if (existing) return existing;
    const subject = randomUUID();
    this.db
      .prepare('insert into idp_user (subject, email, name, password_hash) values (?, ?, ?, ?)')
      .run(subject, normalised, name, await hash(password));
    return { subject, email: normalised, name };
  }

  bySubject(subject: string): IdpUser | undefined {
    return this.db
      .prepare<[string], IdpUser>('select subject, email, name from idp_user where subject = ?')
      .get(subject);
  }

  byEmail(email: string): IdpUser | undefined {
    return this.db
      .prepare<[string], IdpUser>('select subject, email, name from idp_user where email = ?')
      .get(email.trim().toLowerCase());
  }

  /** The person these credentials prove, or undefined: an unknown email and a wrong password look alike. */
  async authenticate(email: string, password: string): Promise<IdpUser | undefined> {
    const row = this.db
      .prepare<[string], UserRow>('select * from idp_user where email = ?')
      .get(email.trim().toLowerCase());
    if (!row) return undefined;
    const matches = await verify(row.password_hash, password).catch(() => false);
    return matches ? { subject: row.subject, email: row.email, name: row.name } : undefined;
  }

  close(): void {
    this.db.close();
  }
}
