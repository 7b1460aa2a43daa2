import 'server-only';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type Generated,
  Kysely,
  type SqliteDatabase,
  SqliteDialect,
  type SqliteDriver,
} from 'kysely';
import { config } from './config';

/** The project's own tables; better-auth's tables are reached through better-auth. */
export type InboxKind = 'missedCall' | 'message' | 'meetingInvitation';

export type Tables = {
  inbox_item: {
    id: string;
    user_id: string;
    kind: InboxKind;
    summary: string;
    arrived_at: string;
    seen_at: string | null;
  };
  customer_account: { id: string; number: string; name: string };
  account_member: { user_id: string; account_id: string };
  sign_in_throttle: {
    email: string;
    failures: number;
    window_started_at: string;
    lockouts: number;
    locked_until: string | null;
  };
  account_sso: {
    account_id: string;
    issuer: string;
    client_id: string;
    client_secret: string;
    enabled: number;
    sso_only: number;
    updated_at: string;
    logout_at_provider: Generated<number>;
  };
  sso_session: { session_id: string; account_id: string; id_token: string };
  sso_login: {
    id_hash: string;
    account_id: string;
    user_id: string;
    state: string;
    nonce: string;
    code_verifier: string;
    expires_at: string;
  };
  sso_identity: { issuer: string; subject: string; user_id: string; linked_at: string };
  password_reset_request: { email: string; requested_at: string };
  licence_acceptance: { user_id: string; version: string; client: string; accepted_at: string };
  inbox_delivery: { seq: Generated<number>; item_id: string; user_id: string };
  vapid_key: { id: string; public_key: string; private_key: string; created_at: string };
  push_subscription: {
    endpoint: string;
    session_id: string;
    user_id: string;
    p256dh: string;
    auth: string;
    created_at: string;
  };
  transition_traffic: { day: string; transition_id: string; count: number };
  traffic_visit: { id_hash: string; opened_at: string; recorded: number };
  user_principal_name: { upn: string; user_id: string; recorded_at: string };
  /** better-auth's own tables, as far as this project reads them. */
  user: { id: string; email: string; name: string };
  account: { id: string; userId: string; providerId: string; password: string | null };
  session: { id: string; token: string; userId: string; accountId: string | null; expiresAt: string };
  /** One-time values (reset links): the identifier is a hash; `value` is the user's id. */
  verification: { id: string; identifier: string; value: string };
};

function openSqlite(file: string) {
  mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  // WAL lets the test workers seed while the server reads; the timeout rides out their short write locks.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  return sqlite;
}

const STATEMENTS_KEPT = 500;

/**
 * better-sqlite3 compiles SQL on every prepare() and Kysely prepares each query it runs: the compiled statements are
 * kept by their text instead. One still being iterated (a streamed query) is busy: that query gets a fresh one.
 */
function keepingStatements(sqlite: Database.Database): SqliteDatabase {
  const statements = new Map<string, Database.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql) {
      let statement = statements.get(sql);
      if (statement?.busy) return sqlite.prepare(sql);
      if (!statement) {
        if (statements.size >= STATEMENTS_KEPT) statements.delete(statements.keys().next().value as string);
        statement = sqlite.prepare(sql);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}

/**
 * Transactions take SQLite's write lock as they begin (BEGIN IMMEDIATE), waiting out other writers for up to
 * busy_timeout. A deferred one that reads first cannot be upgraded once another process (a test worker, another
 * server) wrote meanwhile: SQLite refuses it at once with "database is locked" (SQLITE_BUSY_SNAPSHOT).
 */
class ImmediateTransactionsDialect extends SqliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver() as SqliteDriver;
    driver.beginTransaction = async (connection: DatabaseConnection) => {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    };
    return driver;
  }
}

const globalForDb = globalThis as unknown as { relayDatabase?: Kysely<Tables> };

/** One connection per process (kept across Next's dev reloads). */
export function database(): Kysely<Tables> {
  globalForDb.relayDatabase ??= new Kysely<Tables>({
    dialect: new ImmediateTransactionsDialect({
      database: keepingStatements(openSqlite(config.databaseFile)),
    }),
  });
  return globalForDb.relayDatabase;
}

export const databaseType = 'sqlite' as const;
