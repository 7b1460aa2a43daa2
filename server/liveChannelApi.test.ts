import assert from 'node:assert/strict';
import { afterEach, describe, it, mock } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { cookieFrom, request, seedFreshCopy } from './testbed';

const { demoUsers } = await import('./demoData');
const { deliverTo } = await import('./inbox');
const { database } = await import('./database');
const session = await import('@/app/api/session/route');
const live = await import('@/app/api/notifications/live/route');

/** Ada, signed in: her cookie and her email. */
async function signedInAda() {
  const ada = await seedFreshCopy(demoUsers.ada, 'live');
  const response = await session.POST(
    request('/api/session', 'POST', { email: ada.email, password: ada.password }),
  );
  const { session: view } = (await response.json()) as { session: { liveFrom: number } };
  return { email: ada.email, cookie: cookieFrom(response), liveFrom: view.liveFrom };
}

type SseEvent = { id?: string; event?: string; data?: string };

/** The channels a test opened: closed once it ends, whatever happened, so that no poll outlives its database. */
const openedChannels = new Set<ReadableStreamDefaultReader<Uint8Array>>();
afterEach(async () => {
  const readers = [...openedChannels];
  openedChannels.clear();
  // A channel whose stream failed refuses to be cancelled: the others are closed all the same.
  await Promise.allSettled(readers.map((reader) => reader.cancel()));
});

/** Reads a live channel as a browser's EventSource would: its events, one by one, and whether it ended. */
function openChannel(response: Response) {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  openedChannels.add(reader);
  const decoder = new TextDecoder();
  let buffered = '';
  let ended = false;
  /** The next event with data within `ms` (long enough for a loaded machine), or null when none came (or it ended). */
  async function next(ms = 10_000): Promise<SseEvent | null> {
    const deadline = Date.now() + ms;
    while (!ended) {
      const blocks = buffered.split('\n\n');
      while (blocks.length > 1) {
        const block = blocks.shift() as string;
        buffered = blocks.join('\n\n');
        const fields = Object.fromEntries(
          block
            .split('\n')
            .filter((line) => line && !line.startsWith(':'))
            .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]),
        ) as SseEvent;
        if (fields.data) return fields;
      }
      const left = deadline - Date.now();
      if (left <= 0) return null;
      let timer: NodeJS.Timeout | undefined;
      const chunk = await Promise.race([
        reader.read(),
        new Promise<null>((resolve) => {
          timer = setTimeout(() => resolve(null), left);
        }),
      ]).finally(() => clearTimeout(timer));
      if (chunk === null) return null;
      if (chunk.done) ended = true;
      else buffered += decoder.decode(chunk.value, { stream: true });
    }
    return null;
  }
  return { next, hasEnded: () => ended, cancel: () => reader.cancel() };
}

const openLive = (cookie: string, headers: Record<string, string> = {}, query = '') =>
  live.GET(request(`/api/notifications/live${query}`, 'GET', undefined, { cookie, ...headers }));

describe('the live channel of a signed-in page', () => {
  it('is refused without a session, and before the licence is accepted', async () => {
    assert.equal((await live.GET(request('/api/notifications/live', 'GET'))).status, 401);
    const grace = await seedFreshCopy(demoUsers.grace, 'live');
    const signedIn = await session.POST(
      request('/api/session', 'POST', { email: grace.email, password: grace.password }),
    );
    assert.equal((await openLive(cookieFrom(signedIn))).status, 403);
  });

  it('tells each delivery to its user at once, with the counts now, and nothing of anyone else', async () => {
    const ada = await signedInAda();
    const other = await signedInAda();
    // As the page opens it: from the last delivery its counts include.
    const response = await openLive(ada.cookie, {}, `?since=${ada.liveFrom}`);
    const channel = openChannel(response);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    await deliverTo(other.email, 'message', 'New message from Someone Else');
    await deliverTo(ada.email, 'missedCall', 'Missed call from Grace Hopper');
    const event = await channel.next();
    assert.equal(event?.event, 'delivery');
    const delivery = JSON.parse(event?.data ?? '{}');
    assert.equal(delivery.kind, 'missedCall');
    assert.equal(delivery.summary, 'Missed call from Grace Hopper');
    // Ada's seeded items (two missed calls) and this one.
    assert.equal(
      delivery.inbox.missedCalls,
      demoUsers.ada.waiting.filter((item) => item.kind === 'missedCall').length + 1,
    );
    assert.equal(await channel.next(1_500), null, "another user's delivery");
    await channel.cancel();
  });

  it('after a reconnect, sends first what arrived since the last delivery the page saw', async () => {
    const ada = await signedInAda();
    const first = openChannel(await openLive(ada.cookie, {}, `?since=${ada.liveFrom}`));
    await deliverTo(ada.email, 'message', 'New message from Alan Turing');
    const seen = await first.next();
    await first.cancel();
    await deliverTo(ada.email, 'meetingInvitation', 'Meeting invitation from Grace Hopper');
    const again = openChannel(await openLive(ada.cookie, { 'last-event-id': seen?.id ?? '' }));
    const missed = await again.next();
    assert.equal(JSON.parse(missed?.data ?? '{}').summary, 'Meeting invitation from Grace Hopper');
    assert.ok(Number(missed?.id) > Number(seen?.id));
    await again.cancel();
  });

  it('opened from the last delivery the signed-in view counted, sends first what arrived before it opened', async () => {
    const ada = await signedInAda();
    await deliverTo(ada.email, 'missedCall', 'Missed call from Alan Turing');
    const channel = openChannel(await openLive(ada.cookie, {}, `?since=${ada.liveFrom}`));
    assert.equal(JSON.parse((await channel.next())?.data ?? '{}').summary, 'Missed call from Alan Turing');
    await channel.cancel();
    const fromNow = openChannel(await openLive(ada.cookie));
    assert.equal(await fromNow.next(1_500), null, 'opened with no since, the channel starts from now');
    await fromNow.cancel();
  });

  it('opened from the last delivery the signed-in view counted, never tells what that view already counted', async () => {
    // Another page's channel keeps the process polling; its last poll came before Ada's items were delivered.
    mock.timers.enable({ apis: ['setInterval'] });
    const opened: ReturnType<typeof openChannel>[] = [];
    try {
      const other = await signedInAda();
      opened.push(openChannel(await openLive(other.cookie)));
      await sleep(100);
      const ada = await signedInAda();
      const channel = openChannel(await openLive(ada.cookie, {}, `?since=${ada.liveFrom}`));
      opened.push(channel);
      await deliverTo(ada.email, 'message', 'New message from Alan Turing');
      mock.timers.tick(500);
      // The first thing told is what arrived after her counts, not an item they already held.
      assert.equal(JSON.parse((await channel.next())?.data ?? '{}').summary, 'New message from Alan Turing');
    } finally {
      // Closed before the real timers come back: the poll they started must not outlive the test.
      for (const channel of opened) await channel.cancel();
      mock.timers.reset();
    }
  });

  it('ended while it was still opening (its session signed out), leaves nothing polling', async () => {
    const { openLiveChannel, closeLiveChannelsOfSession } = await import('./notifications/liveChannels');
    const setInterval = mock.method(globalThis, 'setInterval');
    const clearInterval = mock.method(globalThis, 'clearInterval');
    try {
      let closed = false;
      const opening = openLiveChannel(
        {
          userId: 'nobody',
          sessionId: 'signing-out',
          stillSignedIn: async () => false,
          send: () => {},
          close: () => {
            closed = true;
          },
        },
        null,
      );
      closeLiveChannelsOfSession('signing-out');
      await opening;
      assert.ok(closed, 'the channel was told it closed');
      const polls = setInterval.mock.calls
        .filter((call) => call.arguments[1] === 500)
        .map((call) => call.result);
      const stopped = clearInterval.mock.calls.map((call) => call.arguments[0]);
      assert.deepEqual(
        polls.filter((poll) => !stopped.includes(poll)),
        [],
        'a poll left running for a closed channel',
      );
    } finally {
      setInterval.mock.restore();
      clearInterval.mock.restore();
    }
  });

  it('refuses a since that is not the number of a delivery', async () => {
    const ada = await signedInAda();
    for (const since of ['abc', '-1', '1e3', '9'.repeat(16), '']) {
      const answer = await openLive(ada.cookie, {}, `?since=${since}`);
      assert.equal(answer.status, 400, since);
      assert.equal(((await answer.json()) as { error: { code: string } }).error.code, 'INVALID_SINCE');
    }
  });

  it('closes at logout, before its answer, and nothing delivered afterwards reaches the page', async () => {
    const ada = await signedInAda();
    const channel = openChannel(await openLive(ada.cookie));
    const loggedOut = await session.DELETE(
      request('/api/session', 'DELETE', undefined, { cookie: ada.cookie }),
    );
    assert.equal(loggedOut.status, 200);
    assert.equal(await channel.next(100), null);
    assert.ok(channel.hasEnded(), 'the channel ended with the logout, before any delivery');
    await deliverTo(ada.email, 'message', 'New message after logout');
    assert.equal(await channel.next(1_500), null);
  });

  it('closes a channel the browser left while it was still opening: its keep-alive stops', async () => {
    const ada = await signedInAda();
    const setInterval = mock.method(globalThis, 'setInterval');
    const clearInterval = mock.method(globalThis, 'clearInterval');
    try {
      const response = await openLive(ada.cookie);
      await response.body?.cancel();
      // Left running, the keep-alive would write to the cancelled stream in 20 s and throw outside a request.
      const keepAlive = () => setInterval.mock.calls.find((call) => call.arguments[1] === 20_000)?.result;
      const stopped = () => clearInterval.mock.calls.some((call) => call.arguments[0] === keepAlive());
      for (let waited = 0; waited < 10_000 && !stopped(); waited += 50) await sleep(50);
      assert.ok(keepAlive(), 'the channel started a keep-alive');
      assert.ok(stopped(), 'the keep-alive of a channel nobody reads was never stopped');
    } finally {
      setInterval.mock.restore();
      clearInterval.mock.restore();
    }
  });
  it('closes a channel that could not open (the database failed meanwhile): nothing is left polling', async () => {
    const ada = await signedInAda();
    const setInterval = mock.method(globalThis, 'setInterval');
    const clearInterval = mock.method(globalThis, 'clearInterval');
    try {
      // Sessions still read; the deliveries, which only an open channel reads, do not.
      const db = database();
      const selectFrom = db.selectFrom.bind(db);
      const failing = mock.method(db, 'selectFrom', ((table: Parameters<typeof selectFrom>[0]) => {
        if (table === 'inbox_delivery') throw new Error('the database went away');
        return selectFrom(table);
      }) as typeof selectFrom);
      const response = await openLive(ada.cookie, {}, `?since=${ada.liveFrom}`);
      // The channel ends (the page's EventSource reconnects later), whether or not it had begun.
      await response.text().catch(() => '');
      failing.mock.restore();
      const keepAlive = setInterval.mock.calls.find((call) => call.arguments[1] === 20_000)?.result;
      assert.ok(keepAlive, 'the channel started a keep-alive');
      assert.ok(
        clearInterval.mock.calls.some((call) => call.arguments[0] === keepAlive),
        'the keep-alive of a channel that never opened was never stopped',
      );
    } finally {
      setInterval.mock.restore();
      clearInterval.mock.restore();
    }
  });
});
