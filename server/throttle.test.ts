import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { request, seedFreshCopy } from './testbed';

const { demoUsers } = await import('./demoData');
const { database } = await import('./database');
const { lockedUntil, lockoutPolicy, recordFailure, recordSuccess } = await import('./lockout');
const { rateLimits } = await import('./rateLimit');
const session = await import('@/app/api/session/route');
const identify = await import('@/app/api/identify/route');

const freshAda = () => seedFreshCopy(demoUsers.ada, 'throttle');

/** As many failures at one moment as lock the email: the last one's answer, when the lock ends. */
async function failUntilLocked(email: string, at: Date): Promise<Date | null> {
  let until: Date | null = null;
  for (let attempt = 0; attempt < lockoutPolicy.maxFailures; attempt += 1)
    until = await recordFailure(email, at);
  return until;
}

const signIn = async (email: string, password: string, ip?: string) => {
  const response = await session.POST(
    request('/api/session', 'POST', { email, password }, ip ? { 'x-forwarded-for': ip } : {}),
  );
  return {
    status: response.status,
    body: await response.json(),
    retryAfter: response.headers.get('retry-after'),
  };
};

describe('locking an email after repeated failures', () => {
  it('locks after the tenth wrong password in a row, says until when, and logs it', async () => {
    const ada = await freshAda();
    const info = mock.method(console, 'info', () => {});
    for (let attempt = 1; attempt < lockoutPolicy.maxFailures; attempt += 1) {
      assert.equal((await signIn(ada.email, 'wrong-password')).status, 401, `attempt ${attempt}`);
    }
    const tenth = await signIn(ada.email, 'wrong-password');
    info.mock.restore();
    assert.equal(tenth.status, 429);
    assert.equal(tenth.body.error.code, 'LOCKED_OUT');
    const retryAt = Date.parse(tenth.body.error.retryAt);
    assert.ok(Math.abs(retryAt - (Date.now() + lockoutPolicy.firstLockMs)) < 5_000);
    const logged = info.mock.calls.map((call) => String(call.arguments[0]));
    const lockouts = logged
      .map((line) => JSON.parse(line))
      .filter((line) => line.event === 'lockout.started');
    const { id } = await database()
      .selectFrom('user')
      .select('id')
      .where('email', '=', ada.email)
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      lockouts.map(({ userId, lockedUntil }) => ({ userId, lockedUntil })),
      [{ userId: id, lockedUntil: tenth.body.error.retryAt }],
    );
    assert.ok(!logged.some((line) => line.includes('wrong-password') || line.includes(ada.email)));
  });

  it('does not even check the password while locked, so the right one gets the same answer', async () => {
    const ada = await freshAda();
    for (let attempt = 0; attempt < lockoutPolicy.maxFailures; attempt += 1) await recordFailure(ada.email);
    const right = await signIn(ada.email, ada.password);
    assert.equal(right.status, 429);
    assert.equal(right.body.error.code, 'LOCKED_OUT');
  });

  it('locks an unknown email exactly as a known one, so a lockout tells nobody which emails exist', async () => {
    const known = await freshAda();
    const unknown = known.email.replace('ada-', 'nobody-');
    for (let attempt = 0; attempt < lockoutPolicy.maxFailures - 1; attempt += 1) {
      await recordFailure(known.email);
      await recordFailure(unknown);
    }
    const [a, b] = [await signIn(known.email, 'wrong-password'), await signIn(unknown, 'wrong-password')];
    assert.deepEqual([a.status, b.status], [429, 429]);
    assert.deepEqual(Object.keys(a.body.error).sort(), Object.keys(b.body.error).sort());
    assert.equal(a.body.error.message, b.body.error.message);
  });

  it('lets the email try again once the lock has passed, and locks longer each time', async () => {
    const email = 'backoff@acme.test';
    const start = new Date('2030-01-01T10:00:00Z');
    const first = await failUntilLocked(email, start);
    assert.equal(first?.getTime(), start.getTime() + lockoutPolicy.firstLockMs);
    assert.equal(await lockedUntil(email, new Date(start.getTime() + lockoutPolicy.firstLockMs + 1)), null);
    const later = new Date(start.getTime() + 2 * 60_000);
    const second = await failUntilLocked(email, later);
    assert.equal(second?.getTime(), later.getTime() + 2 * lockoutPolicy.firstLockMs);
  });

  it('locks until the very end of the lock and no longer, and never longer than an hour', async () => {
    const email = 'bounds@acme.test';
    const start = new Date('2032-01-01T10:00:00Z');
    const end = ((await failUntilLocked(email, start)) as Date).getTime();
    assert.equal((await lockedUntil(email, new Date(end - 1)))?.getTime(), end);
    assert.equal(await lockedUntil(email, new Date(end)), null);
    let lock = 0;
    for (let lockout = 1; lockout <= 8; lockout += 1) {
      const at = new Date(start.getTime() + lockout * 2 * lockoutPolicy.longestLockMs);
      lock = ((await failUntilLocked(email, at)) as Date).getTime() - at.getTime();
    }
    assert.equal(lock, lockoutPolicy.longestLockMs);
  });

  it('counts failures of one email however it is typed, and a right password starts the count again', async () => {
    const start = new Date('2033-01-01T10:00:00Z');
    for (let attempt = 0; attempt < lockoutPolicy.maxFailures - 1; attempt += 1)
      assert.equal(await recordFailure(attempt % 2 ? ' Case@Acme.test ' : 'case@acme.test', start), null);
    await recordSuccess('CASE@acme.test');
    assert.equal(await recordFailure('case@acme.test', start), null, 'the count started again');
    for (let attempt = 0; attempt < lockoutPolicy.maxFailures - 2; attempt += 1)
      await recordFailure('case@acme.test', start);
    assert.ok(await recordFailure(' Case@Acme.test ', start), 'the tenth in a row locks');
  });

  it('keeps a lock when a failure arrives during it (a request that passed the check just before)', async () => {
    const email = 'race@acme.test';
    const start = new Date('2035-01-01T10:00:00Z');
    const until = await failUntilLocked(email, start);
    assert.equal(await recordFailure(email, new Date(start.getTime() + 1_000)), null);
    assert.equal((await lockedUntil(email, new Date(start.getTime() + 2_000)))?.getTime(), until?.getTime());
  });

  it('counts failures sent at once (several instances) one after another: as many as the limit lock', async () => {
    const email = 'at-once@acme.test';
    const start = new Date('2036-01-01T10:00:00Z');
    const answers = await Promise.all(
      Array.from({ length: lockoutPolicy.maxFailures }, () => recordFailure(email, start)),
    );
    assert.equal(answers.filter(Boolean).length, 1, 'exactly one of them started the lock');
    assert.ok(await lockedUntil(email, start));
  });

  it('opens a new window exactly when the old one has run its time', async () => {
    const email = 'window@acme.test';
    const start = Date.parse('2034-01-01T10:00:00Z');
    for (let attempt = 0; attempt < lockoutPolicy.maxFailures - 1; attempt += 1)
      await recordFailure(email, new Date(start));
    assert.equal(await recordFailure(email, new Date(start + lockoutPolicy.windowMs)), null);
    const sameWindow = 'window-still@acme.test';
    for (let attempt = 0; attempt < lockoutPolicy.maxFailures - 1; attempt += 1)
      await recordFailure(sameWindow, new Date(start));
    assert.ok(await recordFailure(sameWindow, new Date(start + lockoutPolicy.windowMs - 1)));
  });

  it('forgets old failures: ten spread over more than the window do not lock', async () => {
    const email = 'spread@acme.test';
    const start = Date.parse('2031-01-01T10:00:00Z');
    for (let attempt = 0; attempt < lockoutPolicy.maxFailures; attempt += 1) {
      const at = new Date(start + attempt * (lockoutPolicy.windowMs / 5));
      assert.equal(await recordFailure(email, at), null, `attempt ${attempt}`);
    }
  });
});

describe('limiting requests per client IP', () => {
  it('refuses the sign-in after the limit from one IP, says when to retry, and leaves other IPs alone', async () => {
    const ada = await freshAda();
    const ip = '203.0.113.7';
    for (let attempt = 0; attempt < rateLimits.signIn.perMinute; attempt += 1) {
      assert.notEqual((await signIn(ada.email, ada.password, ip)).status, 429, `attempt ${attempt}`);
    }
    const over = await signIn(ada.email, ada.password, ip);
    assert.equal(over.status, 429);
    assert.equal(over.body.error.code, 'RATE_LIMITED');
    assert.ok(Number(over.retryAfter) > 0);
    assert.equal((await signIn(ada.email, ada.password, '203.0.113.8')).status, 200);
  });

  it('limits the identify step too', async () => {
    const ip = '203.0.113.9';
    const ask = () =>
      identify.POST(
        request('/api/identify', 'POST', { email: 'someone@acme.test' }, { 'x-forwarded-for': ip }),
      );
    for (let attempt = 0; attempt < rateLimits.identify.perMinute; attempt += 1) {
      assert.equal((await ask()).status, 200);
    }
    assert.equal((await ask()).status, 429);
  });
});
