import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { cookieFrom, request } from './testbed';

const { seedUser } = await import('./seed');
const { demoUsers } = await import('./demoData');
const { database } = await import('./database');
const route = await import('@/app/api/session/route');
const { liveSessionsOf } = await import('@/e2e/serverState');

const ada = { ...demoUsers.ada, email: 'ada-api@acme.test' };
const alan = { ...demoUsers.alan, email: 'alan-api@acme.test' };

const signIn = (body: unknown, headers?: Record<string, string>) =>
  route.POST(request('/api/session', 'POST', body, headers));
const check = (cookie?: string) =>
  route
    .GET(request('/api/session', 'GET', undefined, cookie ? { cookie } : {}))
    .then((answer) => answer.json());

before(async () => {
  await seedUser(ada);
  await seedUser(alan);
});

describe('POST /api/session (password sign-in)', () => {
  it('opens a server-side session in an HttpOnly, SameSite=Lax cookie and answers with the home view', async () => {
    const response = await signIn({ email: ada.email, password: ada.password });
    assert.equal(response.status, 200, await response.clone().text());
    const cookie = response.headers.getSetCookie().find((value) => value.startsWith('relay.session_token='));
    assert.match(cookie ?? '', /HttpOnly/i);
    assert.match(cookie ?? '', /SameSite=Lax/i);
    assert.equal(response.headers.get('cache-control'), 'no-store, no-transform');
    const { session } = await response.json();
    assert.deepEqual(session.user, { name: ada.name, email: ada.email });
    assert.deepEqual(session.inbox, { missedCalls: 2, unreadMessages: 3, meetingInvitations: 1 });
  });

  it('answers an unknown email and a wrong password with the same words', async () => {
    const unknown = await signIn({ email: 'nobody@acme.test', password: ada.password });
    const wrong = await signIn({ email: ada.email, password: 'not-her-password' });
    assert.equal(unknown.status, 401);
    assert.equal(wrong.status, 401);
    assert.deepEqual(await unknown.json(), await wrong.json());
  });

  const badBodies: Array<[string, string | object, string]> = [
    ['malformed JSON', '{"email": ', 'MALFORMED_JSON'],
    ['a number for the email', { email: 42, password: 'x' }, 'INVALID_BODY'],
    ['a malformed email', { email: 'ada.acme.test', password: 'x' }, 'INVALID_BODY'],
    ['an empty password', { email: ada.email, password: '' }, 'INVALID_BODY'],
    ['an unexpected field', { email: ada.email, password: 'x', role: 'admin' }, 'INVALID_BODY'],
    ['an oversized body', { email: ada.email, password: 'x'.repeat(10_000) }, 'BODY_TOO_LARGE'],
    ['an array', [1, 2], 'INVALID_BODY'],
  ];
  for (const [what, body, code] of badBodies) {
    it(`answers ${what} with 400 and a message that says what is wrong`, async () => {
      const response = await signIn(body);
      assert.equal(response.status, 400);
      const { error } = await response.json();
      assert.equal(error.code, code);
      assert.ok(error.message.length > 0);
    });
  }

  it('answers a body that is not JSON with 400', async () => {
    const response = await signIn('x', { 'content-type': 'text/plain' });
    assert.equal(response.status, 400);
  });

  it('refuses a sign-in posted from another site', async () => {
    const response = await signIn(
      { email: ada.email, password: ada.password },
      { origin: 'https://evil.test' },
    );
    assert.equal(response.status, 403);
    assert.equal(response.headers.getSetCookie().length, 0);
  });

  it('stores the password as an argon2id hash (m=19 MiB, t=2, p=1), never as given', async () => {
    const rows = await database().selectFrom('account').select('password').execute();
    const hashes = rows.map((row) => row.password ?? '');
    assert.ok(hashes.length > 0);
    for (const hash of hashes) assert.match(hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});

describe('GET and DELETE /api/session', () => {
  it('tells a browser without a session that nobody is signed in', async () => {
    assert.deepEqual(await check(), { session: null, expired: false });
  });

  it('keeps the user signed in across requests, and ends the session on the server at logout', async () => {
    const cookie = cookieFrom(await signIn({ email: ada.email, password: ada.password }));
    const signedIn = await check(cookie);
    assert.equal(signedIn.session.user.email, ada.email);

    const logout = await route.DELETE(request('/api/session', 'DELETE', undefined, { cookie }));
    assert.equal(logout.status, 200);
    assert.ok(logout.headers.getSetCookie().some((value) => /relay\.session_token=;/.test(value)));

    // The old cookie, replayed, no longer opens anything: the session is gone from the server.
    assert.equal((await check(cookie)).session, null);
  });

  it('refuses a logout posted from another site', async () => {
    const response = await route.DELETE(
      request('/api/session', 'DELETE', undefined, { origin: 'https://evil.test' }),
    );
    assert.equal(response.status, 403);
  });
});

describe('signing in to a customer account', () => {
  it('opens the session in the only account of a single-account user, with the licence as accepted', async () => {
    const { session } = await (await signIn({ email: ada.email, password: ada.password })).json();
    assert.deepEqual(session.account, { name: 'Acme', number: '100200' });
    assert.equal(session.licenceAccepted, true);
  });

  it('opens the session in the account whose number a member of two accounts gave', async () => {
    const response = await signIn({ email: alan.email, password: alan.password, accountNumber: '300400' });
    assert.equal(response.status, 200);
    assert.deepEqual((await response.json()).session.account, { name: 'Globex', number: '300400' });
  });

  it('asks a member of two accounts for the account number, and refuses one that is not theirs', async () => {
    const sessionsBefore = await liveSessionsOf(alan.email);
    const without = await signIn({ email: alan.email, password: alan.password });
    assert.equal(without.status, 400);
    assert.equal((await without.json()).error.code, 'ACCOUNT_NUMBER_REQUIRED');
    assert.equal(without.headers.getSetCookie().length, 0);
    const wrong = await signIn({ email: alan.email, password: alan.password, accountNumber: '999999' });
    assert.equal(wrong.status, 422);
    assert.equal(wrong.headers.getSetCookie().length, 0);
    // The right password opened a session for a moment: it must not outlive the answer.
    assert.equal(await liveSessionsOf(alan.email), sessionsBefore);
  });

  it('opens nothing for a session outside every account, as better-auth alone would make', async () => {
    const { auth } = await import('./auth');
    const outside = await auth().api.signInEmail({
      body: { email: ada.email, password: ada.password },
      asResponse: true,
    });
    assert.equal(outside.status, 200);
    assert.deepEqual(await check(cookieFrom(outside)), { session: null, expired: true });
  });

  it('says a session expired when the browser still holds its cookie but its time ran out', async () => {
    const cookie = cookieFrom(await signIn({ email: ada.email, password: ada.password }));
    const { expireSessionsOf } = await import('@/e2e/serverState');
    await expireSessionsOf(ada.email);
    assert.deepEqual(await check(cookie), { session: null, expired: true });
  });
});
