// The demo identity provider's own people: its directory, apart from the app's database, as a real one would be.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { hash, verify } from '@node-rs/argon2';
import Database from 'better-sqlite3';

/** A person; `upn` is the directory's own sign-in name for them (Azure's User Principal Name), where it has one. */
export type IdpUser = {
  subject: string;
  email: string;
  name: string;
  emailVerified: boolean;
  upn: string | null;
};
/** A person to add; `emailVerified: false` is someone who typed an address the provider never confirmed. */
export type NewIdpUser = {
  email: string;
  name: string;
  password: string;
  emailVerified?: boolean;
  upn?: string;
};

type UserRow = {
  subject: string;
  email: string;
  name: string;
  email_verified: number;
  upn: string | null;
  password_hash: string;
};

const personOf = ({ subject, email, name, email_verified, upn }: UserRow): IdpUser => ({
  subject,
  email,
  name,
  emailVerified: email_verified === 1,
  upn,
});

/** How the provider stores a password: argon2id with @node-rs/argon2's defaults (OWASP's minimum). */
export const hashProviderPassword = (password: string): Promise<string> => hash(password);

/** A directory in one SQLite file; the provider and the tests that add people to it may open it at once. */
export class IdpDirectory {
  private readonly db: Database.Database;

  constructor(file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.migrate();
  }

  /**
   * An address belongs to at most one person whose address the provider verified, and one who only typed it (an
   * address the provider never confirmed). Migrated once, under a write lock: the provider and the tests may open
   * the same file at the same moment.
   */
  private migrate(): void {
    const create = (table: string) => `create table if not exists ${table} (
      subject text primary key,
      email text not null,
      email_verified integer not null,
      name text not null,
      password_hash text not null
    )`;
    this.db
      .transaction(() => {
        const columns = this.columnsOf('idp_user');
        if (columns.length === 0) this.db.exec(create('idp_user'));
        else if (!columns.includes('email_verified')) {
          // A directory from before unverified people: the same people, verified, under the same subjects.
          this.db.exec(`${create('idp_user_new')};
            insert into idp_user_new (subject, email, email_verified, name, password_hash)
              select subject, email, 1, name, password_hash from idp_user;
            drop table idp_user;
            alter table idp_user_new rename to idp_user`);
        }
        if (!this.columnsOf('idp_user').includes('upn'))
          this.db.exec('alter table idp_user add column upn text');
        this.db.exec('create unique index if not exists idp_user_email on idp_user (email, email_verified)');
        this.db.exec('create unique index if not exists idp_user_upn on idp_user (upn)');
      })
      .immediate();
  }

  private columnsOf(table: string): string[] {
    return this.db
      .prepare<[string], { name: string }>('select name from pragma_table_info(?)')
      .all(table)
      .map((column) => column.name);
  }

  /**
   * Adds a person (argon2id, @node-rs/argon2's OWASP defaults, unless a test hashes its people once each); one who
   * exists already keeps all but a new UPN.
   */
  async add(
    { email, name, password, emailVerified = true, upn }: NewIdpUser,
    hashPassword: (password: string) => Promise<string> = hashProviderPassword,
  ): Promise<IdpUser> {
    const normalised = email.trim().toLowerCase();
    const existing = this.rowsOf(normalised).find(
      (row) => row.email === normalised && row.email_verified === Number(emailVerified),
    );
    const folded = upn?.trim().toLowerCase() ?? null;
    if (existing && folded && !existing.upn) {
      // A directory made before the person had a UPN: the name is theirs from now on.
      this.db.prepare('update idp_user set upn = ? where subject = ?').run(folded, existing.subject);
      return personOf({ ...existing, upn: folded });
    }
    if (existing) return personOf(existing);
    const person = {
      subject: randomUUID(),
      email: normalised,
      name,
      emailVerified,
      upn: folded,
    };
    this.db
      .prepare(
        'insert into idp_user (subject, email, email_verified, name, upn, password_hash) values (?, ?, ?, ?, ?, ?)',
      )
      .run(person.subject, normalised, Number(emailVerified), name, person.upn, await hashPassword(password));
    return person;
  }

  /** The people a sign-in name names (an address, or a UPN), the verified one first. */
  private rowsOf(name: string): UserRow[] {
    return this.db
      .prepare<[string, string], UserRow>(
        'select * from idp_user where email = ? or upn = ? order by email_verified desc',
      )
      .all(name, name);
  }

  bySubject(subject: string): IdpUser | undefined {
    const row = this.db.prepare<[string], UserRow>('select * from idp_user where subject = ?').get(subject);
    return row && personOf(row);
  }

  /** The person these credentials prove (an email or a UPN), or undefined: unknown and wrong look alike. */
  async authenticate(name: string, password: string): Promise<IdpUser | undefined> {
    const rows = this.rowsOf(name.trim().toLowerCase());
    // An unknown address costs a hash too, so the answer's time does not tell it apart.
    this.unknownHash ??= hash(randomUUID());
    for (const row of rows.length > 0 ? rows : [{ password_hash: await this.unknownHash } as UserRow]) {
      if ((await verify(row.password_hash, password).catch(() => false)) && row.subject) return personOf(row);
    }
    return undefined;
  }

  private unknownHash: Promise<string> | undefined;

  close(): void {
    this.db.close();
  }
}
