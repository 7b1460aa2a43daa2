import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

// A real, temporary SQLite database for this file; settings must be in place before the modules load.
const dataDir = mkdtempSync(path.join(tmpdir(), 'relay-api-'));
Object.assign(process.env, {
  DATA_DIR: dataDir,
  BASE_URL: 'http://localhost:3999',
  BETTER_AUTH_SECRET: 'unit-test-secret-not-for-production-0123456789',
});
const { migrate } = await import('./migrations');
const { seedUser } = await import('./seed');
const { demoUsers } = await import('./demoData');
const { database } = await import('./database');
const route = await import('@/app/api/session/route');

const origin = 'http://localhost:3999';
const ada = { ...demoUsers.ada, email: 'ada-api@acme.test' };

function request(method: string, body?: unknown, headers: Record<string, string> = {}) {
  const init: RequestInit = { method, headers: { origin, ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
  }
  return new Request(`${origin}/api/session`, init);
}

const signIn = (body: unknown, headers?: Record<string, string>) =>
  route.POST(request('POST', body, headers));
const cookieFrom = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');

before(async () => {
  await migrate();
  await seedUser(ada);
});
after(() => rmSync(dataDir, { recursive: true, force: true }));

describe('POST /api/session (password sign-in)', () => {
  it('opens a server-side session in an HttpOnly, SameSite=Lax cookie and answers with the home view', async () => {
    const response = await signIn({ email: ada.email, password: ada.password });
    assert.equal(response.status, 200, await response.clone().text());
    const cookie = response.headers.getSetCookie().find((value) => value.startsWith('relay.session_token='));
    assert.match(cookie ?? '', /HttpOnly/i);
    assert.match(cookie ?? '', /SameSite=Lax/i);
    assert.equal(response.headers.get('cache-control'), 'no-store');
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
    const response = await route.POST(
      new Request(`${origin}/api/session`, {
        method: 'POST',
        headers: { origin, 'content-type': 'text/plain' },
        body: 'x',
      }),
    );
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
    const rows = await database()
      .selectFrom('account' as never)
      .select(['password' as never])
      .execute();
    const hashes = rows.map((row) => (row as { password: string }).password);
    assert.ok(hashes.length > 0);
    for (const hash of hashes) assert.match(hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});

describe('GET and DELETE /api/session', () => {
  it('tells a browser without a session that nobody is signed in', async () => {
    const response = await route.GET(request('GET'));
    assert.deepEqual(await response.json(), { session: null });
  });

  it('keeps the user signed in across requests, and ends the session on the server at logout', async () => {
    const cookie = cookieFrom(await signIn({ email: ada.email, password: ada.password }));
    const signedIn = await (await route.GET(request('GET', undefined, { cookie }))).json();
    assert.equal(signedIn.session.user.email, ada.email);

    const logout = await route.DELETE(request('DELETE', undefined, { cookie }));
    assert.equal(logout.status, 200);
    assert.ok(logout.headers.getSetCookie().some((value) => /relay\.session_token=;/.test(value)));

    // The old cookie, replayed, no longer opens anything: the session is gone from the server.
    const replayed = await (await route.GET(request('GET', undefined, { cookie }))).json();
    assert.equal(replayed.session, null);
  });

  it('refuses a logout posted from another site', async () => {
    const response = await route.DELETE(request('DELETE', undefined, { origin: 'https://evil.test' }));
    assert.equal(response.status, 403);
  });
});
