import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it, mock } from 'node:test';
import { startIdentityProvider } from '@/idp/identityProvider';
import { ProviderVisit } from '@/idp/providerVisit';
import { stoppedProviderIssuer } from '@/idp/stoppedProvider';
import { IdpDirectory } from '@/idp/users';
import { cookieFrom, origin, request, seedFreshCopy } from './testbed';

const { demoAccounts, demoIdentityProvider, demoUsers } = await import('./demoData');
const { accountByNumber, addMember } = await import('./accounts');
const { seedAccount } = await import('./seed');
const { database } = await import('./database');
const { provisionUser } = await import('./users');
const startRoute = await import('@/app/api/sso/start/route');
const completeRoute = await import('@/app/api/sso/complete/route');
const identifyRoute = await import('@/app/api/identify/route');
const sessionRoute = await import('@/app/api/session/route');

const idpDir = mkdtempSync(path.join(tmpdir(), 'relay-idp-'));
const directory = new IdpDirectory(`${idpDir}/idp.sqlite`);
const client = demoIdentityProvider.clientOf(origin);
const provider = await startIdentityProvider({ client, directory }, { port: 0, hostname: '127.0.0.1' });
after(async () => {
  await provider.close();
  directory.close();
  rmSync(idpDir, { recursive: true, force: true });
});

let accounts = 0;
/**
 * Linus, in an SSO account of his own, with his UPN; at the provider with his email verified, or known there by his
 * UPN alone (an email the directory never confirmed), or not yet there.
 */
async function freshLinus(
  settings: {
    issuer?: string;
    ssoOnly?: boolean;
    logoutAtProvider?: boolean;
    atProvider?: 'verified' | 'byUpnOnly' | 'absent';
  } = {},
) {
  accounts += 1;
  const number = String(700000 + accounts);
  const signIn = settings.ssoOnly ? 'ssoOnly' : 'sso';
  const { logoutAtProvider } = settings;
  await seedAccount(
    { number, name: `SSO ${number}`, signIn, logoutAtProvider },
    settings.issuer ?? provider.issuer,
  );
  const linus = await seedFreshCopy({ ...demoUsers.linus, accounts: [number] }, 'sso');
  const atProvider = settings.atProvider ?? 'verified';
  if (atProvider !== 'absent') {
    await directory.add({
      email: linus.email,
      name: linus.name,
      password: demoUsers.linus.idpPassword,
      upn: linus.upn,
      emailVerified: atProvider === 'verified',
    });
  }
  return { ...linus, upn: linus.upn as string };
}

// biome-ignore lint/suspicious/noExplicitAny: the assertions read the JSON answers field by field.
const json = (response: Response) => response.json() as Promise<Record<string, any>>;

// Each call is a client of its own address: the per-IP limits have tests of their own (throttle.test.ts).
let clients = 0;
const ownAddress = () => {
  clients += 1;
  return { 'x-forwarded-for': `198.51.100.${clients % 250}` };
};

async function start(email: string) {
  const response = await startRoute.POST(request('/api/sso/start', 'POST', { email }, ownAddress()));
  return { status: response.status, body: await json(response), cookie: cookieFrom(response) };
}

async function complete(query: string, cookie: string) {
  const response = await completeRoute.POST(
    request('/api/sso/complete', 'POST', { query }, { cookie, ...ownAddress() }),
  );
  return { status: response.status, body: await json(response), cookie: cookieFrom(response) };
}

/** Starts SSO and signs in at the provider as that person: the query the browser comes back with. */
async function tripAs(
  email: string,
  person: { email: string; password: string },
  tamper = (url: URL) => url,
) {
  const started = await start(email);
  assert.equal(started.status, 200, JSON.stringify(started.body));
  const visit = new ProviderVisit(provider.issuer);
  const interaction = await visit.open(tamper(new URL(started.body.url)).href);
  const { left } = await visit.signIn(interaction, person.email, person.password);
  assert.ok(left, 'the provider sent the browser back');
  assert.equal(`${left.origin}${left.pathname}`, `${origin}/sso/callback`);
  return { query: left.search.slice(1), loginCookie: started.cookie, visit };
}

const linusAtProvider = (linus: { email: string }) => ({
  email: linus.email,
  password: demoUsers.linus.idpPassword,
});

let logged: ReturnType<typeof mock.method>;
before(() => {
  logged = mock.method(console, 'info', () => {});
});
after(() => logged.mock.restore());
const lastLine = () => String(logged.mock.calls.at(-1)?.arguments[0]);
/** Why the last SSO failure failed, as the log says. */
const lastFailure = () => {
  const line = JSON.parse(lastLine());
  assert.equal(line.event, 'sso.failed');
  return line.reason;
};

describe('Single Sign-On against a real OpenID Connect provider', () => {
  it('offers SSO and the password on the method step of an SSO account, SSO alone where it is enforced', async () => {
    const linus = await freshLinus();
    const identify = async (email: string) =>
      json(await identifyRoute.POST(request('/api/identify', 'POST', { email })));
    assert.deepEqual(await identify(linus.email), { next: 'method', methods: { sso: true, password: true } });
    const only = await freshLinus({ ssoOnly: true });
    assert.deepEqual(await identify(only.email), { next: 'method', methods: { sso: true, password: false } });
  });

  it("sends the browser to the provider with PKCE, state, nonce and the user's UPN as login_hint", async () => {
    const linus = await freshLinus();
    const started = await start(linus.email);
    assert.equal(started.status, 200);
    const url = new URL(started.body.url);
    assert.equal(url.origin, provider.issuer);
    assert.equal(url.searchParams.get('client_id'), client.clientId);
    assert.equal(url.searchParams.get('redirect_uri'), client.redirectUris[0]);
    assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
    assert.equal(url.searchParams.get('login_hint'), linus.upn, 'the name the provider knows him by');
    for (const name of ['state', 'nonce', 'code_challenge']) {
      assert.ok((url.searchParams.get(name) ?? '').length >= 32, `${name} is long and random`);
    }
    assert.match(started.cookie, /^relay\.sso_login=/);
  });

  it('signs linus in through the provider, opens a session in his account, and shows the licence first', async () => {
    const linus = await freshLinus();
    const { query, loginCookie } = await tripAs(linus.email, linusAtProvider(linus));
    const done = await complete(query, loginCookie);
    assert.equal(done.status, 200, lastLine());
    assert.equal(done.body.session.user.email, linus.email);
    assert.equal(done.body.session.account.number, linus.accounts[0]);
    assert.equal(done.body.session.licenceAccepted, false);
    const check = await json(
      await sessionRoute.GET(request('/api/session', 'GET', undefined, { cookie: done.cookie })),
    );
    assert.equal(check.session.user.email, linus.email);
  });

  it('refuses the same callback a second time: the sign-in it belonged to is used up', async () => {
    const linus = await freshLinus();
    const { query, loginCookie } = await tripAs(linus.email, linusAtProvider(linus));
    assert.equal((await complete(query, loginCookie)).status, 200);
    const again = await complete(query, loginCookie);
    assert.equal(again.status, 400);
    assert.equal(again.body.error.code, 'SSO_FAILED');
    assert.equal(lastFailure(), 'noLoginInProgress');
  });

  it('refuses a callback whose state was changed on the way', async () => {
    const linus = await freshLinus();
    const { query, loginCookie } = await tripAs(linus.email, linusAtProvider(linus));
    const tampered = new URLSearchParams(query);
    tampered.set('state', `${tampered.get('state')}x`);
    assert.equal((await complete(tampered.toString(), loginCookie)).status, 400);
    assert.equal(lastFailure(), 'rejectedResponse');
  });

  it('refuses a callback in a browser that did not start the sign-in (login CSRF)', async () => {
    const linus = await freshLinus();
    const { query } = await tripAs(linus.email, linusAtProvider(linus));
    assert.equal((await complete(query, '')).status, 400);
    assert.equal(lastFailure(), 'noLoginInProgress');
  });

  it('refuses an ID token made for another nonce', async () => {
    const linus = await freshLinus();
    const { query, loginCookie } = await tripAs(linus.email, linusAtProvider(linus), (url) => {
      url.searchParams.set('nonce', 'a-nonce-this-server-never-made-0123456789');
      return url;
    });
    assert.equal((await complete(query, loginCookie)).status, 400);
    assert.equal(lastFailure(), 'rejectedResponse');
  });

  it('ends on the error when the user cancels at the provider', async () => {
    const linus = await freshLinus();
    const started = await start(linus.email);
    const visit = new ProviderVisit(provider.issuer);
    const { left } = await visit.cancel(await visit.open(started.body.url));
    assert.equal(left?.searchParams.get('error'), 'access_denied');
    assert.equal((await complete(left?.search.slice(1) ?? '', started.cookie)).status, 400);
    assert.equal(lastFailure(), 'providerRefused');
  });

  it('refuses a person the provider knows who is not the user signing in', async () => {
    const linus = await freshLinus();
    const stranger = {
      email: `stranger-${accounts}@globex.test`,
      name: 'Stranger',
      password: 'Stranger-pass-1',
    };
    await directory.add(stranger);
    const { query, loginCookie } = await tripAs(linus.email, stranger);
    assert.equal((await complete(query, loginCookie)).status, 400);
    assert.equal(lastFailure(), 'notAUserOfTheAccount');
  });

  it('refuses a user who is no longer a member of the account by the time they come back', async () => {
    const linus = await freshLinus();
    const { query, loginCookie } = await tripAs(linus.email, linusAtProvider(linus));
    const { id } = await database()
      .selectFrom('user')
      .select('id')
      .where('email', '=', linus.email)
      .executeTakeFirstOrThrow();
    await database().deleteFrom('account_member').where('user_id', '=', id).execute();
    assert.equal((await complete(query, loginCookie)).status, 400);
    assert.equal(lastFailure(), 'notAUserOfTheAccount');
  });

  it('signs in again by the subject it linked, and refuses a new subject for a user already linked', async () => {
    const linus = await freshLinus();
    const first = await tripAs(linus.email, linusAtProvider(linus));
    assert.equal((await complete(first.query, first.loginCookie)).status, 200);
    const second = await tripAs(linus.email, linusAtProvider(linus));
    assert.equal((await complete(second.query, second.loginCookie)).status, 200, 'the same subject again');
    // The provider now has someone else behind linus's email (a leaver's address handed on): not linus.
    const { id } = await database()
      .selectFrom('user')
      .select('id')
      .where('email', '=', linus.email)
      .executeTakeFirstOrThrow();
    await database()
      .updateTable('sso_identity')
      .set({ subject: 'a-subject-that-left' })
      .where('user_id', '=', id)
      .execute();
    const third = await tripAs(linus.email, linusAtProvider(linus));
    assert.equal((await complete(third.query, third.loginCookie)).status, 400);
    assert.equal(lastFailure(), 'notAUserOfTheAccount');
  });

  it("signs linus in by his UPN: the same steps, and the provider's upn claim names him without an email", async () => {
    const linus = await freshLinus({ atProvider: 'byUpnOnly' });
    const identify = async (name: string) =>
      json(await identifyRoute.POST(request('/api/identify', 'POST', { email: name }, ownAddress())));
    assert.deepEqual(await identify(linus.upn.toUpperCase()), await identify(linus.email));
    const started = await start(linus.upn);
    assert.equal(new URL(started.body.url).searchParams.get('login_hint'), linus.upn);
    const { query, loginCookie } = await tripAs(linus.upn, { email: linus.upn, password: linus.idpPassword });
    const done = await complete(query, loginCookie);
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.equal(done.body.session.user.email, linus.email);
  });

  it("refuses a person whose UPN is not the user's, a username never vouched for, a colleague's email", async () => {
    const linus = await freshLinus({ atProvider: 'absent' });
    const colleague = await seedFreshCopy(demoUsers.ada, 'sso');
    const people = [
      { email: linus.email, upn: `someone-else-${accounts}@globex.onmicrosoft.test`, emailVerified: false },
      // An address typed at the provider that is linus's UPN, which the provider echoes as the username.
      { email: linus.upn, emailVerified: false },
      // The directory says this is linus, but vouches for a colleague's email: the two contradict.
      { email: colleague.email, upn: linus.upn, emailVerified: true },
    ];
    for (const [index, person] of people.entries()) {
      const password = `Someone-pass-${index}`;
      await directory.add({ ...person, name: 'Someone', password });
      const signedInAs = person.upn ?? person.email;
      const { query, loginCookie } = await tripAs(linus.upn, { email: signedInAs, password });
      assert.equal((await complete(query, loginCookie)).status, 400, `${signedInAs} is not linus`);
      assert.equal(lastFailure(), 'notAUserOfTheAccount');
    }
  });

  describe('logout at the provider, where the account turns it on', () => {
    const signOut = async (cookie: string) => {
      const response = await sessionRoute.DELETE(
        request('/api/session', 'DELETE', undefined, { cookie, origin, ...ownAddress() }),
      );
      return { status: response.status, body: await json(response) };
    };
    const sessionOf = async (cookie: string) =>
      (await json(await sessionRoute.GET(request('/api/session', 'GET', undefined, { cookie })))).session;
    const signedInThroughSso = async (settings: { logoutAtProvider: boolean }) => {
      const linus = await freshLinus(settings);
      const { query, loginCookie, visit } = await tripAs(linus.email, linusAtProvider(linus));
      const done = await complete(query, loginCookie);
      assert.equal(done.status, 200, lastLine());
      return { linus, visit, cookie: done.cookie };
    };
    const ssoSessionRows = async () =>
      Number(
        (
          await database()
            .selectFrom('sso_session')
            .select((eb) => eb.fn.countAll().as('count'))
            .executeTakeFirstOrThrow()
        ).count,
      );

    it("ends the app's session first, then sends the browser to the provider with the ID token, and back", async () => {
      const { linus, visit, cookie } = await signedInThroughSso({ logoutAtProvider: true });
      const rowsBefore = await ssoSessionRows();
      const { status, body } = await signOut(cookie);
      assert.equal(status, 200);
      assert.equal(await sessionOf(cookie), null, "the app's session ended before the browser left");
      assert.equal(await ssoSessionRows(), rowsBefore - 1, 'the ID token kept for it went with it');
      const { url, state } = body.providerSignOut;
      const signOutUrl = new URL(url);
      assert.equal(`${signOutUrl.origin}${signOutUrl.pathname}`, `${provider.issuer}/session/end`);
      assert.equal(signOutUrl.searchParams.get('post_logout_redirect_uri'), `${origin}/sso/signed-out`);
      assert.equal(signOutUrl.searchParams.get('state'), state);
      assert.ok(state.length >= 32, 'the state is long and random');
      const hint = signOutUrl.searchParams.get('id_token_hint') ?? '';
      const claims = JSON.parse(Buffer.from(hint.split('.')[1] ?? '', 'base64url').toString());
      const linked = await database()
        .selectFrom('sso_identity')
        .innerJoin('user', 'user.id', 'sso_identity.user_id')
        .select('subject')
        .where('user.email', '=', linus.email)
        .executeTakeFirstOrThrow();
      assert.equal(claims.sub, linked.subject, "the hint is the ID token of linus's sign-in");
      assert.equal(claims.aud, client.clientId);
      const { left } = await visit.signOut(url);
      assert.equal(`${left?.origin}${left?.pathname}`, `${origin}/sso/signed-out`);
      assert.equal(left?.searchParams.get('state'), state);
      // The provider forgot him: the next trip from this browser meets its sign-in page, not an instant return.
      const again = await start(linus.email);
      assert.match(await visit.open(again.body.url), /\/interaction\//);
    });

    it('comes back alike when the person stays signed in at the provider, which then still knows them', async () => {
      const { linus, visit, cookie } = await signedInThroughSso({ logoutAtProvider: true });
      const { url, state } = (await signOut(cookie)).body.providerSignOut;
      const { left } = await visit.signOut(url, 'Stay signed in');
      assert.equal(left?.searchParams.get('state'), state);
      assert.equal(await sessionOf(cookie), null, "the app's session ended all the same");
      // The provider remembers him: the next trip from this browser comes straight back, signed in there.
      const again = await start(linus.email);
      await assert.rejects(visit.open(again.body.url), /no sign-in page/);
    });

    it('sends nobody to the provider where the account leaves it off, nor after a password sign-in', async () => {
      const { cookie } = await signedInThroughSso({ logoutAtProvider: false });
      assert.deepEqual((await signOut(cookie)).body, { session: null, providerSignOut: null });
      const ada = await seedFreshCopy(demoUsers.ada, 'logout');
      const signedIn = await sessionRoute.POST(
        request('/api/session', 'POST', { email: ada.email, password: ada.password, accountNumber: null }),
      );
      const byPassword = await signOut(cookieFrom(signedIn));
      assert.deepEqual(byPassword.body, { session: null, providerSignOut: null });
    });

    it('still signs the user out of the app when the provider is down, and says so', async () => {
      const { linus, cookie } = await signedInThroughSso({ logoutAtProvider: true });
      const account = await accountByNumber(linus.accounts[0] as string);
      await seedAccount(
        { number: account?.number as string, name: 'Down', signIn: 'sso', logoutAtProvider: true },
        await stoppedProviderIssuer(),
      );
      const { status, body } = await signOut(cookie);
      assert.equal(status, 200);
      assert.equal(body.providerSignOut, 'failed');
      assert.equal(await sessionOf(cookie), null);
      const line = JSON.parse(lastLine());
      assert.equal(line.event, 'logout.at_provider_failed');
      assert.equal(line.userId, (await provisionUser({ ...linus, password: null })).user.id);
    });
  });

  it('says SSO failed when the provider is unreachable', async () => {
    const linus = await freshLinus({ issuer: await stoppedProviderIssuer() });
    const started = await start(linus.email);
    assert.equal(started.status, 400);
    assert.equal(started.body.error.code, 'SSO_FAILED');
    assert.equal(lastFailure(), 'providerUnreachable');
  });

  it('refuses a provider that answers as another issuer than the one configured', async () => {
    const other = provider.issuer.replace('127.0.0.1', 'localhost');
    const linus = await freshLinus({ issuer: other });
    assert.equal((await start(linus.email)).status, 400);
  });

  it('takes no password for an account that enforces SSO, not even the right one', async () => {
    const only = await freshLinus({ ssoOnly: true });
    const { user } = await provisionUser({ ...only, email: `pw-${only.email}`, password: 'Right-pass-123' });
    const account = await accountByNumber(only.accounts[0] as string);
    await addMember(user.id, account?.id as string);
    const response = await sessionRoute.POST(
      request('/api/session', 'POST', { email: user.email, password: 'Right-pass-123' }),
    );
    assert.equal(response.status, 401);
  });

  it('offers no SSO to a password account, and refuses to start it there', async () => {
    const ada = await seedFreshCopy(demoUsers.ada, 'sso');
    assert.equal(demoAccounts.acme.signIn, 'password');
    assert.equal((await start(ada.email)).status, 400);
  });

  it('checks what it is sent: a foreign origin, a malformed body', async () => {
    const foreign = await startRoute.POST(
      request('/api/sso/start', 'POST', { email: 'x@y.test' }, { origin: 'https://evil.test' }),
    );
    assert.equal(foreign.status, 403);
    const malformed = await completeRoute.POST(
      request('/api/sso/complete', 'POST', { query: 42 }, ownAddress()),
    );
    assert.equal(malformed.status, 400);
    assert.equal((await json(malformed)).error.code, 'INVALID_BODY');
  });
});
