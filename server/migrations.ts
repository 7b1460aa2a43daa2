import 'server-only';
import { getMigrations } from 'better-auth/db/migration';
import { type Kysely, type Migration, Migrator, sql } from 'kysely';
import { auth } from './auth';
import { database, oneInstanceAtATime, withSequence } from './database';

/** The project's own schema, in portable SQL (SQLite and PostgreSQL alike). Append; never edit a landed one. */
const ownMigrations: Record<string, Migration> = {
  '0001_inbox_item': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('inbox_item')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('user_id', 'text', (col) => col.notNull().references('user.id').onDelete('cascade'))
        .addColumn('kind', 'text', (col) =>
          col.notNull().check(sql`kind in ('missedCall', 'message', 'meetingInvitation')`),
        )
        .addColumn('summary', 'text', (col) => col.notNull())
        .addColumn('arrived_at', 'text', (col) => col.notNull())
        .addColumn('seen_at', 'text')
        .execute();
      await db.schema
        .createIndex('inbox_item_user_unseen')
        .on('inbox_item')
        .columns(['user_id', 'seen_at'])
        .execute();
    },
  },
  '0002_customer_account': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('customer_account')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('number', 'text', (col) => col.notNull().unique())
        .addColumn('name', 'text', (col) => col.notNull())
        .execute();
      await db.schema
        .createTable('account_member')
        .addColumn('user_id', 'text', (col) => col.notNull().references('user.id').onDelete('cascade'))
        .addColumn('account_id', 'text', (col) =>
          col.notNull().references('customer_account.id').onDelete('cascade'),
        )
        .addPrimaryKeyConstraint('account_member_pk', ['user_id', 'account_id'])
        .execute();
    },
  },
  '0003_licence_acceptance': {
    async up(db: Kysely<unknown>) {
      // One row per user: the primary key makes two simultaneous acceptances store one.
      await db.schema
        .createTable('licence_acceptance')
        .addColumn('user_id', 'text', (col) => col.primaryKey().references('user.id').onDelete('cascade'))
        .addColumn('version', 'text', (col) => col.notNull())
        .addColumn('client', 'text', (col) => col.notNull())
        .addColumn('accepted_at', 'text', (col) => col.notNull())
        .execute();
    },
  },
  '0004_sign_in_throttle': {
    async up(db: Kysely<unknown>) {
      // Keyed by the email as typed (lower-cased), known or not, so that a lockout reveals nothing.
      await db.schema
        .createTable('sign_in_throttle')
        .addColumn('email', 'text', (col) => col.primaryKey())
        .addColumn('failures', 'integer', (col) => col.notNull())
        .addColumn('window_started_at', 'text', (col) => col.notNull())
        .addColumn('lockouts', 'integer', (col) => col.notNull())
        .addColumn('locked_until', 'text')
        .execute();
    },
  },
  '0005_account_sso': {
    async up(db: Kysely<unknown>) {
      // Set by the account's administrator (npm run sso); the client secret is stored encrypted.
      await db.schema
        .createTable('account_sso')
        .addColumn('account_id', 'text', (col) =>
          col.primaryKey().references('customer_account.id').onDelete('cascade'),
        )
        .addColumn('issuer', 'text', (col) => col.notNull())
        .addColumn('client_id', 'text', (col) => col.notNull())
        .addColumn('client_secret', 'text', (col) => col.notNull())
        .addColumn('enabled', 'integer', (col) => col.notNull())
        .addColumn('sso_only', 'integer', (col) => col.notNull())
        .addColumn('updated_at', 'text', (col) => col.notNull())
        .execute();
    },
  },
  '0006_sso_login': {
    async up(db: Kysely<unknown>) {
      // A sign-in gone to the provider: keyed by the hash of the browser's cookie, used once, expiring.
      await db.schema
        .createTable('sso_login')
        .addColumn('id_hash', 'text', (col) => col.primaryKey())
        .addColumn('account_id', 'text', (col) =>
          col.notNull().references('customer_account.id').onDelete('cascade'),
        )
        .addColumn('user_id', 'text', (col) => col.notNull().references('user.id').onDelete('cascade'))
        .addColumn('state', 'text', (col) => col.notNull())
        .addColumn('nonce', 'text', (col) => col.notNull())
        .addColumn('code_verifier', 'text', (col) => col.notNull())
        .addColumn('expires_at', 'text', (col) => col.notNull())
        .execute();
      // Who a provider's subject is: linked at the first SSO sign-in, by the email the provider vouched for.
      await db.schema
        .createTable('sso_identity')
        .addColumn('issuer', 'text', (col) => col.notNull())
        .addColumn('subject', 'text', (col) => col.notNull())
        .addColumn('user_id', 'text', (col) => col.notNull().references('user.id').onDelete('cascade'))
        .addColumn('linked_at', 'text', (col) => col.notNull())
        .addPrimaryKeyConstraint('sso_identity_pk', ['issuer', 'subject'])
        .execute();
    },
  },
  '0007_password_reset_request': {
    async up(db: Kysely<unknown>) {
      // The reset mails asked for, per email as typed (known or not), for the per-account limit.
      await db.schema
        .createTable('password_reset_request')
        .addColumn('email', 'text', (col) => col.notNull())
        .addColumn('requested_at', 'text', (col) => col.notNull())
        .execute();
      await db.schema
        .createIndex('password_reset_request_email')
        .on('password_reset_request')
        .columns(['email', 'requested_at'])
        .execute();
    },
  },
  '0008_vapid_key': {
    async up(db: Kysely<unknown>) {
      // The server's one VAPID key pair for Web Push, made at the first start; the private key encrypted.
      await db.schema
        .createTable('vapid_key')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('public_key', 'text', (col) => col.notNull())
        .addColumn('private_key', 'text', (col) => col.notNull())
        .addColumn('created_at', 'text', (col) => col.notNull())
        .execute();
    },
  },
  '0009_inbox_delivery': {
    async up(db: Kysely<unknown>) {
      // Each delivery in the order it arrived, from any process: what live channels follow (after `seq`).
      await db.schema
        .createTable('inbox_delivery')
        .$call(withSequence('seq'))
        .addColumn('item_id', 'text', (col) => col.notNull().references('inbox_item.id').onDelete('cascade'))
        .addColumn('user_id', 'text', (col) => col.notNull().references('user.id').onDelete('cascade'))
        .execute();
      await db.schema
        .createIndex('inbox_delivery_user_seq')
        .on('inbox_delivery')
        .columns(['user_id', 'seq'])
        .execute();
    },
  },
  '0010_push_subscription': {
    async up(db: Kysely<unknown>) {
      // A browser's push subscription, kept for the session that made it and gone with that session.
      await db.schema
        .createTable('push_subscription')
        .addColumn('endpoint', 'text', (col) => col.primaryKey())
        .addColumn('session_id', 'text', (col) => col.notNull().references('session.id').onDelete('cascade'))
        .addColumn('user_id', 'text', (col) => col.notNull().references('user.id').onDelete('cascade'))
        .addColumn('p256dh', 'text', (col) => col.notNull())
        .addColumn('auth', 'text', (col) => col.notNull())
        .addColumn('created_at', 'text', (col) => col.notNull())
        .execute();
      await db.schema
        .createIndex('push_subscription_user')
        .on('push_subscription')
        .column('user_id')
        .execute();
    },
  },
  '0011_transition_traffic': {
    async up(db: Kysely<unknown>) {
      // How often each transition of the journey was taken, per day: counts only, nothing that names anyone.
      await db.schema
        .createTable('transition_traffic')
        .addColumn('day', 'text', (col) => col.notNull())
        .addColumn('transition_id', 'text', (col) => col.notNull())
        .addColumn('count', 'integer', (col) => col.notNull())
        .addPrimaryKeyConstraint('transition_traffic_pk', ['day', 'transition_id'])
        .execute();
      // A browser's visit that reports its transitions: a hash of its cookie, and how much it reported.
      await db.schema
        .createTable('traffic_visit')
        .addColumn('id_hash', 'text', (col) => col.primaryKey())
        .addColumn('opened_at', 'text', (col) => col.notNull())
        .addColumn('recorded', 'integer', (col) => col.notNull())
        .execute();
      await db.schema.createIndex('traffic_visit_opened').on('traffic_visit').column('opened_at').execute();
    },
  },
  '0012_user_principal_name': {
    async up(db: Kysely<unknown>) {
      // The name an Azure user signs in with where it is not their email: one a user, recorded by an administrator.
      await db.schema
        .createTable('user_principal_name')
        .addColumn('upn', 'text', (col) => col.primaryKey())
        .addColumn('user_id', 'text', (col) =>
          col.notNull().unique().references('user.id').onDelete('cascade'),
        )
        .addColumn('recorded_at', 'text', (col) => col.notNull())
        .execute();
    },
  },
  '0013_sso_sign_out': {
    async up(db: Kysely<unknown>) {
      // Whether a logout also ends the user's session at the account's provider (OpenID Connect RP-initiated logout).
      await db.schema
        .alterTable('account_sso')
        .addColumn('logout_at_provider', 'integer', (col) => col.notNull().defaultTo(0))
        .execute();
      // The ID token of each session opened through SSO, encrypted: the hint the provider's logout asks for. It
      // goes with its session.
      await db.schema
        .createTable('sso_session')
        .addColumn('session_id', 'text', (col) =>
          col.primaryKey().references('session.id').onDelete('cascade'),
        )
        .addColumn('account_id', 'text', (col) =>
          col.notNull().references('customer_account.id').onDelete('cascade'),
        )
        .addColumn('id_token', 'text', (col) => col.notNull())
        .execute();
    },
  },
  '0014_rate_limit': {
    async up(db: Kysely<unknown>) {
      // The per-client limits' counts, shared by every instance: rate-limiter-flexible's table, as its SQLite and
      // PostgreSQL stores read it (key, points in the window, when the window ends in epoch ms).
      await db.schema
        .createTable('rate_limit')
        .addColumn('key', 'varchar(255)', (col) => col.primaryKey())
        .addColumn('points', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('expire', 'bigint')
        .execute();
    },
  },
};

/**
 * Brings the database to the current schema: better-auth's tables first, then ours. Safe to run again, and by
 * several instances at once: one migrates while the others wait, then find nothing to do.
 */
export async function migrate(): Promise<void> {
  await oneInstanceAtATime(async () => {
    const { runMigrations } = await getMigrations(auth().options);
    await runMigrations();
    const migrator = new Migrator({
      db: database(),
      provider: { getMigrations: async () => ownMigrations },
    });
    const { error } = await migrator.migrateToLatest();
    if (error) throw error;
  });
}
