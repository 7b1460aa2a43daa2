import 'server-only';
import type { InboxCounts } from '@/machines/journeyTypes';
import { database, type InboxKind } from '../database';
import { inboxCounts } from '../inbox';
import { logOperationalEvent } from '../log';

/** One delivery as a live channel tells it: what arrived, and what now waits in all. */
export type LiveDelivery = { seq: number; kind: InboxKind; summary: string; inbox: InboxCounts };

/** An open channel to a signed-in page: whose it is, and how to send to it and close it. */
export type LiveChannel = {
  userId: string;
  sessionId: string;
  /** Whether the session that opened the channel is still live: asked before anything is sent on it. */
  stillSignedIn: () => Promise<boolean>;
  send: (delivery: LiveDelivery) => void;
  close: () => void;
};

// The deliveries table is the feed: any process (`npm run deliver`, another instance) adds to it; each server
// process reads what is new twice a second, one query whoever is connected.
const POLL_MS = 500;
// Each open channel, with the last delivery its page already knows of: the poll, which may lag behind a page that
// has just counted its inbox, never tells a page what it counted.
const channels = new Map<LiveChannel, number>();
let lastSeq: number | null = null;
let timer: NodeJS.Timeout | undefined;
let polling = false;

type DeliveryRow = { seq: number; user_id: string; kind: InboxKind; summary: string };

const deliveries = () =>
  database()
    .selectFrom('inbox_delivery')
    .innerJoin('inbox_item', 'inbox_item.id', 'inbox_delivery.item_id')
    .select(['inbox_delivery.seq', 'inbox_delivery.user_id', 'inbox_item.kind', 'inbox_item.summary'])
    .orderBy('inbox_delivery.seq');

async function latestSeq(): Promise<number> {
  const row = await database()
    .selectFrom('inbox_delivery')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirst();
  return Number(row?.seq ?? 0);
}

/** Sends a delivery on a channel whose session is still live; a channel whose session ended is closed instead. */
async function sendOn(channel: LiveChannel, row: DeliveryRow): Promise<void> {
  if (!(await channel.stillSignedIn())) {
    closeChannel(channel);
    return;
  }
  const { seq, kind, summary } = row;
  channel.send({ seq, kind, summary, inbox: await inboxCounts(row.user_id) });
}

async function poll(): Promise<void> {
  if (polling || lastSeq === null) return;
  polling = true;
  try {
    const rows = await deliveries().where('inbox_delivery.seq', '>', lastSeq).execute();
    for (const row of rows) {
      // The last channel closed meanwhile: the cursor went with it.
      if (lastSeq === null) break;
      lastSeq = Math.max(lastSeq, row.seq);
      const own = [...channels]
        .filter(([channel, knownUpTo]) => channel.userId === row.user_id && row.seq > knownUpTo)
        .map(([channel]) => channel);
      await Promise.all(own.map((channel) => sendOn(channel, row)));
    }
  } catch (error) {
    // The next tick tries again; a page that missed something reloads its counts when it reconnects.
    logOperationalEvent({ event: 'live_deliveries.unreadable', error: (error as Error).message });
  } finally {
    polling = false;
  }
}

function closeChannel(channel: LiveChannel): void {
  if (!channels.delete(channel)) return;
  channel.close();
  if (channels.size === 0) {
    clearInterval(timer);
    timer = undefined;
    lastSeq = null;
  }
}

/**
 * Opens a live channel; `since` is the last delivery the page saw before it reconnected (its Last-Event-ID): what
 * arrived for its user after it is sent first. Returns how to close it.
 */
export async function openLiveChannel(channel: LiveChannel, since: number | null): Promise<() => void> {
  // Told nothing by the poll until it knows where the poll stands.
  channels.set(channel, Number.POSITIVE_INFINITY);
  try {
    if (lastSeq === null) {
      const latest = await latestSeq();
      // Closed while opening (its session ended): nothing to start polling for.
      if (!channels.has(channel)) return () => closeChannel(channel);
      lastSeq ??= latest;
    }
    // From here the poll tells what is past both the page and itself; what lies between them is sent below.
    const polledUpTo = lastSeq;
    channels.set(channel, since ?? polledUpTo);
    timer ??= setInterval(poll, POLL_MS).unref();
    if (since !== null) {
      const missed = await deliveries()
        .where('inbox_delivery.user_id', '=', channel.userId)
        .where('inbox_delivery.seq', '>', since)
        .where('inbox_delivery.seq', '<=', polledUpTo)
        .execute();
      for (const row of missed) await sendOn(channel, row);
    }
  } catch (error) {
    // A channel that could not open (the database went away meanwhile) is closed, not left polling for nobody.
    closeChannel(channel);
    throw error;
  }
  return () => closeChannel(channel);
}

/** Closes every live channel a session opened: its logout (or its end) answers only once they are closed. */
export function closeLiveChannelsOfSession(sessionId: string): void {
  for (const channel of [...channels.keys()]) if (channel.sessionId === sessionId) closeChannel(channel);
}

/** Closes every live channel of a user: a new password ends all their sessions. */
export function closeLiveChannelsOfUser(userId: string): void {
  for (const channel of [...channels.keys()]) if (channel.userId === userId) closeChannel(channel);
}
