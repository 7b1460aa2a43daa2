import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cookieFrom, request, seedFreshCopy } from './testbed';

const { demoUsers } = await import('./demoData');
const { database } = await import('./database');
const { LICENCE_VERSION } = await import('./licence');
const session = await import('@/app/api/session/route');
const licence = await import('@/app/api/licence/route');

/** A fresh first-time user, signed in on the web: their cookie and their email. */
async function signedInFirstTimer() {
  const grace = await seedFreshCopy(demoUsers.grace, 'licence');
  const response = await session.POST(
    request('/api/session', 'POST', { email: grace.email, password: grace.password }),
  );
  const { session: view } = await response.json();
  return { grace, cookie: cookieFrom(response), view };
}

const accept = (headers: Record<string, string>, version = LICENCE_VERSION) =>
  licence.POST(request('/api/licence', 'POST', { version }, headers));

const acceptancesOf = (email: string) =>
  database()
    .selectFrom('licence_acceptance')
    .innerJoin('user', 'user.id', 'licence_acceptance.user_id')
    .select(['licence_acceptance.version', 'licence_acceptance.client', 'licence_acceptance.accepted_at'])
    .where('user.email', '=', email)
    .execute();

describe('the licence on a first sign-in', () => {
  it('is not accepted yet for a first-time user, and accepting it from the web stores who, when and which version', async () => {
    const { grace, cookie, view } = await signedInFirstTimer();
    assert.equal(view.licenceAccepted, false);
    const response = await accept({ cookie });
    assert.equal(response.status, 200);
    assert.equal((await response.json()).session.licenceAccepted, true);
    const [row, ...more] = await acceptancesOf(grace.email);
    assert.equal(more.length, 0);
    assert.equal(row?.version, LICENCE_VERSION);
    assert.equal(row?.client, 'web');
    assert.ok(Math.abs(Date.parse(row?.accepted_at ?? '') - Date.now()) < 60_000);
  });

  it('stores one acceptance when two tabs confirm at the same moment', async () => {
    const { grace, cookie } = await signedInFirstTimer();
    const answers = await Promise.all([accept({ cookie }), accept({ cookie })]);
    assert.deepEqual(
      answers.map((answer) => answer.status),
      [200, 200],
    );
    assert.equal((await acceptancesOf(grace.email)).length, 1);
  });

  it('once accepted through the API by another client, is never shown on the web again', async () => {
    // The mobile app holds its session token and sends it as a bearer token, with no cookie and no web origin.
    const { grace, cookie } = await signedInFirstTimer();
    const token = decodeURIComponent(cookie.replace(/^relay\.session_token=/, ''));
    const fromMobile = await licence.POST(
      new Request('http://localhost:3999/api/licence', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ version: LICENCE_VERSION }),
      }),
    );
    assert.equal(fromMobile.status, 200, await fromMobile.clone().text());
    assert.equal((await acceptancesOf(grace.email))[0]?.client, 'mobile');

    const onTheWeb = await session.POST(
      request('/api/session', 'POST', { email: grace.email, password: grace.password }),
    );
    assert.equal((await onTheWeb.json()).session.licenceAccepted, true);
  });

  it('refuses an acceptance of another version, one without a session, and one posted from another site', async () => {
    const { cookie } = await signedInFirstTimer();
    assert.equal((await accept({ cookie }, '1999-01')).status, 409);
    assert.equal((await accept({})).status, 401);
    assert.equal((await accept({ cookie, origin: 'https://evil.test' })).status, 403);
  });
});
