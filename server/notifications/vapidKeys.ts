import 'server-only';
import { symmetricDecrypt, symmetricEncrypt } from 'better-auth/crypto';
import webPush from 'web-push';
import { config } from '../config';
import { database } from '../database';

/** The server's VAPID key pair (RFC 8292): push services accept only messages signed with the private key. */
export type VapidKeys = { publicKey: string; privateKey: string };

let cached: Promise<VapidKeys> | undefined;

/**
 * The key pair, made at the first start and kept in the database, so that every instance signs with the same one
 * and subscriptions outlive a restart. The private key is stored encrypted with the server's secret.
 */
export function vapidKeys(): Promise<VapidKeys> {
  cached ??= loadOrMake().catch((error) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

async function loadOrMake(): Promise<VapidKeys> {
  const made = webPush.generateVAPIDKeys();
  // Two instances starting at once both try; the first row stays, and both read it back.
  await database()
    .insertInto('vapid_key')
    .values({
      id: 'current',
      public_key: made.publicKey,
      private_key: await symmetricEncrypt({ key: config.authSecret(), data: made.privateKey }),
      created_at: new Date().toISOString(),
    })
    .onConflict((conflict) => conflict.column('id').doNothing())
    .execute();
  const row = await database()
    .selectFrom('vapid_key')
    .select(['public_key', 'private_key'])
    .where('id', '=', 'current')
    .executeTakeFirstOrThrow();
  return {
    publicKey: row.public_key,
    privateKey: await symmetricDecrypt({ key: config.authSecret(), data: row.private_key }),
  };
}
