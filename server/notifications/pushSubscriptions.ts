import 'server-only';
import legacyUrl from 'node:url';
import webPush, { WebPushError } from 'web-push';
import { z } from 'zod';
import type { DeliveryKind } from '@/machines/journeyTypes';
import { config } from '../config';
import { database, serialisedOn } from '../database';
import { logOperationalEvent } from '../log';
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

/** A host name as DNS writes it: letters, digits and hyphens between dots, nothing a URL parser reads otherwise. */
const PLAIN_HOST = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/;

/**
 * Whether an endpoint is on one of the push services the server may send to (a `*.` origin allows its
 * subdomains, on the default port). The endpoint must read the same to every URL parser: web-push connects with
 * Node's legacy url.parse, which stops a host at characters the WHATWG parser keeps (`;`), so a host that is not
 * plain DNS, or credentials, or any disagreement between the two parsers, is refused.
 */
function isAllowedPushService(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const endpoint = new URL(value);
  if (endpoint.protocol !== 'https:' || endpoint.username || endpoint.password) return false;
  if (!PLAIN_HOST.test(endpoint.hostname) || legacyUrl.parse(value).host !== endpoint.host) return false;
  return config.pushServiceOrigins().some((allowed) => {
    const wildcard = /^https:\/\/\*\.(.+)$/.exec(allowed);
    if (!wildcard) return endpoint.origin === allowed;
    return endpoint.port === '' && endpoint.hostname.endsWith(`.${wildcard[1]}`);
  });
}

/** A PushSubscription as the browser's toJSON() gives it: an endpoint on a known push service, and its two keys. */
export const pushSubscriptionSchema = z.strictObject({
  endpoint: z
    .string()
    .max(1_000, 'must be at most 1000 characters')
    .refine((value) => URL.canParse(value), 'must be a URL')
    .refine(isAllowedPushService, 'must be on a known push service')
    .transform((value) => new URL(value).href),
  expirationTime: z.number().nullable().optional(),
  keys: z.strictObject({
    // The browser's P-256 public key, uncompressed (RFC 8291), and its 16-byte authentication secret.
    p256dh: base64url(65),
    auth: base64url(16),
  }),
});
export type PushSubscriptionBody = z.infer<typeof pushSubscriptionSchema>;

/**
 * Keeps a browser's subscription for the session that made it, one per session: the session's earlier one is
 * replaced, and an endpoint another session held moves to this one (only the browser knows its endpoint, and the
 * browser has moved on: the last session signed in on it is the one whose items it may show). False when the
 * session ended meanwhile.
 */
export async function keepSubscription(
  owner: { sessionId: string; userId: string },
  subscription: PushSubscriptionBody,
): Promise<boolean> {
  const { endpoint, keys } = subscription;
  return database()
    .transaction()
    .execute(async (trx) => {
      const live = await trx
        .selectFrom('session')
        .select('id')
        .where('id', '=', owner.sessionId)
        .executeTakeFirst();
      if (!live) return false;
      // The same subscription sent twice at once is kept once: the second waits, then replaces the first.
      await serialisedOn(trx, `push subscription ${endpoint}`);
      await trx
        .deleteFrom('push_subscription')
        .where((eb) => eb.or([eb('session_id', '=', owner.sessionId), eb('endpoint', '=', endpoint)]))
        .execute();
      await trx
        .insertInto('push_subscription')
        .values({
          endpoint,
          session_id: owner.sessionId,
          user_id: owner.userId,
          p256dh: keys.p256dh,
          auth: keys.auth,
          created_at: new Date().toISOString(),
        })
        .execute();
      return true;
    });
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

/** Settles with the work, or fails once the deadline passes, whatever the work still waits for. */
function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/**
 * Pushes an item to every subscription of the user whose session still lives; those of ended sessions are
 * forgotten first. A subscription the push service says is gone (404, 410) is forgotten; any other failure,
 * a service past its deadline included, is logged and the item still waits in the inbox. Never throws: the
 * item is already delivered.
 */
export async function pushToUser(userId: string, payload: PushPayload): Promise<void> {
  try {
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
      subscriptions.map(({ endpoint, p256dh, auth }) =>
        sendOne({ endpoint, keys: { p256dh, auth } }, JSON.stringify(payload), vapidDetails),
      ),
    );
  } catch (error) {
    logOperationalEvent({ event: 'push.failed', error: (error as Error).message });
  }
}

async function sendOne(
  subscription: { endpoint: string; keys: { p256dh: string; auth: string } },
  body: string,
  vapidDetails: { subject: string; publicKey: string; privateKey: string },
): Promise<void> {
  const service = new URL(subscription.endpoint).origin;
  try {
    // web-push's own timeout counts only silence; the deadline bounds the whole exchange.
    const sent = webPush.sendNotification(subscription, body, {
      vapidDetails,
      TTL: PUSH_TTL_SECONDS,
      timeout: PUSH_TIMEOUT_MS,
      contentEncoding: 'aes128gcm',
    });
    await withDeadline(sent, PUSH_TIMEOUT_MS);
  } catch (error) {
    if (error instanceof WebPushError && (error.statusCode === 404 || error.statusCode === 410)) {
      await database()
        .deleteFrom('push_subscription')
        .where('endpoint', '=', subscription.endpoint)
        .execute();
      logOperationalEvent({ event: 'push.subscription_gone', service, status: error.statusCode });
    } else logOperationalEvent({ event: 'push.failed', service, error: (error as Error).message });
  }
}
