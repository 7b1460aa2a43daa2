import 'server-only';
import webPush, { WebPushError } from 'web-push';
import { z } from 'zod';
import type { DeliveryKind } from '@/machines/journeyTypes';
import { config } from '../config';
import { database } from '../database';
import { vapidKeys } from './vapidKeys';

/** A push service that does not answer in this time is given up on: a delivery never waits longer (logged). */
const PUSH_TIMEOUT_MS = 3_000;
/** How long a push service keeps a message for a browser that is offline: a missed call is stale after an hour. */
const PUSH_TTL_SECONDS = 60 * 60;

const base64url = (bytes: number) =>
  z
    .string()
    .max(200)
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, 'must be base64url')
    .refine((value) => Buffer.from(value, 'base64url').length === bytes, `must be ${bytes} bytes`);

/** Whether an endpoint is on one of the push services the server may send to (a `*.` origin allows its subdomains). */
function isAllowedPushService(endpoint: URL): boolean {
  return config.pushServiceOrigins().some((allowed) => {
    const wildcard = /^https:\/\/\*\.(.+)$/.exec(allowed);
    if (!wildcard) return endpoint.origin === allowed;
    return endpoint.protocol === 'https:' && endpoint.host.endsWith(`.${wildcard[1]}`);
  });
}

/** A PushSubscription as the browser's toJSON() gives it: an endpoint on a known push service, and its two keys. */
export const pushSubscriptionSchema = z.strictObject({
  endpoint: z
    .string()
    .max(1_000, 'must be at most 1000 characters')
    .refine((value) => URL.canParse(value), 'must be a URL')
    .refine(
      (value) => URL.canParse(value) && isAllowedPushService(new URL(value)),
      'must be on a known push service',
    ),
  expirationTime: z.number().nullable().optional(),
  keys: z.strictObject({
    // The browser's P-256 public key, uncompressed (RFC 8291), and its 16-byte authentication secret.
    p256dh: base64url(65),
    auth: base64url(16),
  }),
});
export type PushSubscriptionBody = z.infer<typeof pushSubscriptionSchema>;

/**
 * Keeps a browser's subscription for the session that made it. An endpoint held by another user's session is
 * refused (false): one browser's endpoint must not receive another person's items.
 */
export async function keepSubscription(
  owner: { sessionId: string; userId: string },
  subscription: PushSubscriptionBody,
): Promise<boolean> {
  const { endpoint, keys } = subscription;
  const held = await database()
    .selectFrom('push_subscription')
    .select('user_id')
    .where('endpoint', '=', endpoint)
    .executeTakeFirst();
  if (held && held.user_id !== owner.userId) return false;
  const row = {
    session_id: owner.sessionId,
    user_id: owner.userId,
    p256dh: keys.p256dh,
    auth: keys.auth,
    created_at: new Date().toISOString(),
  };
  await database()
    .insertInto('push_subscription')
    .values({ endpoint, ...row })
    .onConflict((conflict) => conflict.column('endpoint').doUpdateSet(row))
    .execute();
  return true;
}

/** A session that ends (logout, expiry, a declined licence) takes its subscription with it, before it answers. */
export async function forgetSubscriptionsOfSession(sessionId: string): Promise<void> {
  await database().deleteFrom('push_subscription').where('session_id', '=', sessionId).execute();
}

/** A new password ends all of a user's sessions: so it ends all their subscriptions. */
export async function forgetSubscriptionsOfUser(userId: string): Promise<void> {
  await database().deleteFrom('push_subscription').where('user_id', '=', userId).execute();
}

/** What a push message says: the item, and nothing more (no counts, no email, no names of the user). */
export type PushPayload = { kind: DeliveryKind; summary: string };

/** Whom a push service may contact about these messages (RFC 8292): the app's https address, else its mail sender. */
function vapidSubject(): string {
  if (config.baseUrl.startsWith('https:')) return config.baseUrl;
  const address = /<([^>]+)>/.exec(config.mailFrom)?.[1] ?? config.mailFrom;
  return `mailto:${address.trim()}`;
}

const log = (event: string, fields: Record<string, unknown>) =>
  console.error(JSON.stringify({ event, ...fields }));

/**
 * Pushes an item to every subscription of the user whose session still lives; those of ended sessions are
 * forgotten first. A subscription the push service says is gone (404, 410) is forgotten; any other failure,
 * a timeout included, is logged and the item still waits in the inbox.
 */
export async function pushToUser(userId: string, payload: PushPayload): Promise<void> {
  const now = new Date().toISOString();
  const ended = database()
    .selectFrom('session')
    .select('id')
    .where('userId', '=', userId)
    .where('expiresAt', '<=', now);
  await database().deleteFrom('push_subscription').where('session_id', 'in', ended).execute();
  const subscriptions = await database()
    .selectFrom('push_subscription')
    .select(['endpoint', 'p256dh', 'auth'])
    .where('user_id', '=', userId)
    .execute();
  if (subscriptions.length === 0) return;
  const { publicKey, privateKey } = await vapidKeys();
  const vapidDetails = { subject: vapidSubject(), publicKey, privateKey };
  await Promise.all(
    subscriptions.map(async ({ endpoint, p256dh, auth }) => {
      try {
        await webPush.sendNotification({ endpoint, keys: { p256dh, auth } }, JSON.stringify(payload), {
          vapidDetails,
          TTL: PUSH_TTL_SECONDS,
          timeout: PUSH_TIMEOUT_MS,
          contentEncoding: 'aes128gcm',
        });
      } catch (error) {
        const service = new URL(endpoint).origin;
        if (error instanceof WebPushError && (error.statusCode === 404 || error.statusCode === 410)) {
          await database().deleteFrom('push_subscription').where('endpoint', '=', endpoint).execute();
          log('push.subscription_gone', { service, status: error.statusCode });
        } else log('push.failed', { service, error: (error as Error).message });
      }
    }),
  );
}
