import 'server-only';
import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { cookieValue, hashOfCookieValue, ownCookie } from './cookies';
import { database, type Tables } from './database';

/** The cookie of a browser's visit that reports the transitions it takes: random, HttpOnly, kept as a hash. */
export const TRAFFIC_VISIT_COOKIE = 'relay.traffic_visit';
const DAY_MS = 24 * 60 * 60 * 1000;
const VISIT_SECONDS = DAY_MS / 1000;
/** How many transitions one visit may report: a day of work with the app open takes a few hundred. */
export const TRANSITIONS_PER_VISIT = 2_000;

export type TrafficRecord =
  | { ok: true; recorded: number; cookies: string[] }
  | { ok: false; refusal: 'unknownVisit' | 'visitLimit'; cookies: string[] };

const visitCookie = (value: string, maxAgeSeconds: number) =>
  ownCookie(TRAFFIC_VISIT_COOKIE, value, '/api/journey/traffic', maxAgeSeconds);

/** The visit a request reports for: its cookie's value, or null when it has none yet. */
export const visitOf = (headers: Headers) => cookieValue(headers, TRAFFIC_VISIT_COOKIE);

const dayOf = (date: Date) => date.toISOString().slice(0, 10);

/**
 * Counts one batch of transitions for today, for the visit that sent it (a new visit when `visit` is null).
 * All or nothing: a batch of an unknown or expired visit, or one past the visit's limit, counts nowhere.
 */
export async function recordTraffic(
  visit: string | null,
  transitions: string[],
  now = new Date(),
): Promise<TrafficRecord> {
  const openedSince = new Date(now.getTime() - DAY_MS).toISOString();
  const token = visit ?? randomBytes(32).toString('base64url');
  const idHash = hashOfCookieValue(token);
  return database()
    .transaction()
    .execute(async (trx): Promise<TrafficRecord> => {
      if (visit === null) {
        // Visits older than a day are over: their cookies have expired too.
        await trx.deleteFrom('traffic_visit').where('opened_at', '<', openedSince).execute();
        await trx
          .insertInto('traffic_visit')
          .values({ id_hash: idHash, opened_at: now.toISOString(), recorded: 0 })
          .execute();
      }
      // One statement checks the visit and takes its share, so two batches at once never pass the limit together.
      const recordedAfter = sql<number>`recorded + ${transitions.length}`;
      const taken = await trx
        .updateTable('traffic_visit')
        .set({ recorded: recordedAfter })
        .where('id_hash', '=', idHash)
        .where('opened_at', '>=', openedSince)
        .where(recordedAfter, '<=', TRANSITIONS_PER_VISIT)
        .executeTakeFirst();
      if (Number(taken.numUpdatedRows) === 0) {
        const known = await trx
          .selectFrom('traffic_visit')
          .select('id_hash')
          .where('id_hash', '=', idHash)
          .where('opened_at', '>=', openedSince)
          .executeTakeFirst();
        // An unknown visit's cookie is dropped, and the browser's next batch opens a new visit.
        return known
          ? { ok: false, refusal: 'visitLimit', cookies: [] }
          : { ok: false, refusal: 'unknownVisit', cookies: [visitCookie('', 0)] };
      }
      await addTraffic(transitions, now, trx);
      return {
        ok: true,
        recorded: transitions.length,
        cookies: visit === null ? [visitCookie(token, VISIT_SECONDS)] : [],
      };
    });
}

/** Adds transitions taken on the day of `at` to its counts (the demo's traffic comes this way too). */
export async function addTraffic(
  transitions: string[],
  at: Date,
  db: Kysely<Tables> = database(),
): Promise<void> {
  if (transitions.length === 0) return;
  const day = dayOf(at);
  const perTransition = new Map<string, number>();
  for (const id of transitions) perTransition.set(id, (perTransition.get(id) ?? 0) + 1);
  await db
    .insertInto('transition_traffic')
    .values([...perTransition].map(([transition_id, count]) => ({ day, transition_id, count })))
    .onConflict((conflict) =>
      conflict
        .columns(['day', 'transition_id'])
        .doUpdateSet({ count: sql`transition_traffic.count + excluded.count` }),
    )
    .execute();
}

/** The days a traffic view covers: the last `days`, today included, oldest first. */
export function lastDays(days: number, now = new Date()): string[] {
  return Array.from({ length: days }, (_, index) =>
    dayOf(new Date(now.getTime() - (days - 1 - index) * DAY_MS)),
  );
}

/** How often each transition was taken over the last `days` (today included, oldest first), by transition id. */
export async function trafficOfLastDays(
  days: number,
  now = new Date(),
): Promise<{ days: string[]; counts: Record<string, number> }> {
  const covered = lastDays(days, now);
  const rows = await database()
    .selectFrom('transition_traffic')
    .select(['transition_id', (eb) => eb.fn.sum<number | string>('count').as('count')])
    .where('day', '>=', covered[0] as string)
    .where('day', '<=', covered[covered.length - 1] as string)
    .groupBy('transition_id')
    .execute();
  return {
    days: covered,
    counts: Object.fromEntries(rows.map((row) => [row.transition_id, Number(row.count)])),
  };
}
