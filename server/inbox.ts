import 'server-only';
import { randomUUID } from 'node:crypto';
import type { InboxCounts } from '@/machines/journeyTypes';
import { database, type InboxKind, serialisedOn } from './database';
import { pushToUser } from './notifications/pushSubscriptions';
import { foldedName } from './principalNames';

/** What waits for the user: items that arrived and were not seen yet. */
export async function inboxCounts(userId: string): Promise<InboxCounts> {
  const rows = await database()
    .selectFrom('inbox_item')
    .select(['kind', (eb) => eb.fn.countAll<number | string>().as('count')])
    .where('user_id', '=', userId)
    .where('seen_at', 'is', null)
    .groupBy('kind')
    .execute();
  const countOf = (kind: InboxKind) => Number(rows.find((row) => row.kind === kind)?.count ?? 0);
  return {
    missedCalls: countOf('missedCall'),
    unreadMessages: countOf('message'),
    meetingInvitations: countOf('meetingInvitation'),
  };
}

/** The last delivery to a user (0 before the first): a live channel opened from it misses nothing after. */
export async function lastDeliveryTo(userId: string): Promise<number> {
  const row = await database()
    .selectFrom('inbox_delivery')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(row?.seq ?? 0);
}

/**
 * Delivers one item to a user, whether or not they are signed in: it waits on the server, live channels see it,
 * and the push services of the user's signed-in browsers are told.
 */
export async function deliver(userId: string, kind: InboxKind, summary: string): Promise<void> {
  await database()
    .transaction()
    .execute(async (trx) => {
      // Deliveries are numbered in the order they commit: a live channel that read up to one never misses an
      // earlier number committed after it.
      await serialisedOn(trx, 'inbox deliveries');
      const id = randomUUID();
      await trx
        .insertInto('inbox_item')
        .values({ id, user_id: userId, kind, summary, arrived_at: new Date().toISOString(), seen_at: null })
        .execute();
      await trx.insertInto('inbox_delivery').values({ item_id: id, user_id: userId }).execute();
    });
  // Browsers with no open page hear of it through their push service (within its timeout).
  await pushToUser(userId, { kind, summary });
}

/** Delivers to a user by email; false when no user has that email. */
export async function deliverTo(email: string, kind: InboxKind, summary: string): Promise<boolean> {
  const user = await database()
    .selectFrom('user')
    .select('id')
    .where('email', '=', foldedName(email))
    .executeTakeFirst();
  if (!user) return false;
  await deliver(user.id, kind, summary);
  return true;
}
