import 'server-only';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {
  CompiledQuery,
  type CreateTableBuilder,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Generated,
  Kysely,
  PostgresDialect,
  type SqliteDatabase,
  SqliteDialect,
  type SqliteDriver,
  sql,
} from 'kysely';
import pg from 'pg';
import { config, SettingError } from './config';
import { logOperationalEvent } from './log';

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
  /** rate-limiter-flexible's counts: `key` is the limit's name and the client's address. */
  rate_limit: { key: string; points: number; expire: number | string | null };
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

/** Which database this process uses: PostgreSQL where DATABASE_URL says so, else the embedded SQLite file. */
export const databaseType: 'postgres' | 'sqlite' = config.databaseUrl ? 'postgres' : 'sqlite';

// A pool per process: a few connections serve the app's short queries; each waits 5 s at most for one.
const POOL_SIZE = 10;

/** The driver's own client under Kysely: rate-limiter-flexible's stores take it as it is. */
export type StoreClient = { type: 'postgres'; pool: pg.Pool } | { type: 'sqlite'; sqlite: Database.Database };

function openStore(): StoreClient {
  if (!config.databaseUrl) return { type: 'sqlite', sqlite: openSqlite(config.databaseFile) };
  const pool = new pg.Pool({
    connectionString: config.databaseUrl,
    max: POOL_SIZE,
    connectionTimeoutMillis: 5_000,
  });
  // An idle connection the database dropped (a restart, a failover) is logged, not thrown: unheard, it would end
  // the process. The pool opens a new one for the next query.
  pool.on('error', (error) => logOperationalEvent({ event: 'database.unreachable', error: error.message }));
  return { type: 'postgres', pool };
}

function dialectOf(store: StoreClient): Dialect {
  if (store.type === 'postgres') return new PostgresDialect({ pool: store.pool });
  return new ImmediateTransactionsDialect({ database: keepingStatements(store.sqlite) });
}

const globalForDb = globalThis as unknown as { relayDatabase?: Kysely<Tables>; relayStore?: StoreClient };

/** The one SQLite connection or PostgreSQL pool of this process, which database() queries through. */
export function storeClient(): StoreClient {
  globalForDb.relayStore ??= openStore();
  return globalForDb.relayStore;
}

/** One connection (SQLite) or one pool (PostgreSQL) per process, kept across Next's dev reloads. */
export function database(): Kysely<Tables> {
  globalForDb.relayDatabase ??= new Kysely<Tables>({ dialect: dialectOf(storeClient()) });
  return globalForDb.relayDatabase;
}

/**
 * Makes the rest of a transaction wait for any other transaction doing the same work on the same key (an email,
 * the deliveries' numbering): PostgreSQL's transaction-scoped advisory lock on the key's hash, released at commit.
 * SQLite's transactions here take the write lock as they begin (BEGIN IMMEDIATE): they already take turns.
 */
export async function serialisedOn(trx: Kysely<Tables>, key: string): Promise<void> {
  if (databaseType === 'postgres') await sql`select pg_advisory_xact_lock(hashtext(${key}))`.execute(trx);
}

/** A column numbered by the database as rows arrive, in either dialect: SQLite's autoincrement, PostgreSQL's serial. */
export const withSequence =
  (name: string) =>
  <Table extends string, Columns extends string>(table: CreateTableBuilder<Table, Columns>) =>
    databaseType === 'postgres'
      ? table.addColumn(name, 'serial', (col) => col.primaryKey())
      : table.addColumn(name, 'integer', (col) => col.primaryKey().autoIncrement());

// Any number, the same in every instance: the key of PostgreSQL's advisory lock that start-up work holds.
const STARTUP_LOCK = 7_340_101;

/**
 * Runs `work` (migrations, the demo's seed) while no other instance does: several instances started at the same
 * moment take turns on PostgreSQL's advisory lock, held by one connection while `work` uses the others. SQLite is
 * one process's file: nothing to wait for.
 */
export async function oneInstanceAtATime<T>(work: () => Promise<T>): Promise<T> {
  if (databaseType !== 'postgres') return work();
  return database()
    .connection()
    .execute(async (connection) => {
      await sql`select pg_advisory_lock(${STARTUP_LOCK})`.execute(connection);
      try {
        return await work();
      } finally {
        await sql`select pg_advisory_unlock(${STARTUP_LOCK})`.execute(connection);
      }
    });
}

const NETWORK_FAILURES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ECONNRESET',
]);
// PostgreSQL's refusals of a connection: bad password, no such role, no such database.
const CONNECTION_REFUSALS = new Set(['28P01', '28000', '3D000']);
// PostgreSQL going away under a connection: shut down by its administrator, starting or stopping, a lost link.
const SERVER_GOING_AWAY = new Set(['57P01', '57P02', '57P03', '08000', '08003', '08006']);

/** Whether an error is the database not answering (down, restarting, unreachable): the request may be tried again. */
export function isDatabaseUnreachable(error: unknown): boolean {
  if (databaseType !== 'postgres') return false;
  const { code, message = '' } = (error ?? {}) as { code?: string; message?: string };
  return (
    (code !== undefined && (NETWORK_FAILURES.has(code) || SERVER_GOING_AWAY.has(code))) ||
    /connection timeout|Connection terminated|timeout exceeded when trying to connect/i.test(message)
  );
}

/**
 * Why the configured database cannot be used, as a SettingError naming DATABASE_URL and where it points (host,
 * port, database: never the user's password); null for any other error.
 */
export function unusableDatabase(error: unknown): SettingError | null {
  if (!config.databaseUrl) return null;
  const { code, message = '' } = error as { code?: string; message?: string };
  const url = new URL(config.databaseUrl);
  const where = `${url.hostname}:${url.port || '5432'}${url.pathname}`;
  if (isDatabaseUnreachable(error))
    return new SettingError(`DATABASE_URL: no database answered at ${where} (${code ?? 'timed out'})`);
  if (code && CONNECTION_REFUSALS.has(code))
    return new SettingError(`DATABASE_URL: the database at ${where} refused the connection: ${message}`);
  return null;
}
