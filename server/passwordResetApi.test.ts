import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it, mock } from 'node:test';
import { startMailCapture } from '@/mailbox/mailCapture';
import { mailTo, waitForMail } from '@/mailbox/readMail';

// A real SMTP server for this file: the reset mails go through it, and the tests read what it received.
const mailDir = mkdtempSync(path.join(tmpdir(), 'relay-mail-'));
const capture = await startMailCapture({ port: 0, hostname: '127.0.0.1', dir: mailDir });
process.env.SMTP_URL = `smtp://127.0.0.1:${capture.port}`;
after(async () => {
  await capture.close();
  rmSync(mailDir, { recursive: true, force: true });
});

const { cookieFrom, origin, request, seedFreshCopy } = await import('./testbed');
const { demoUsers } = await import('./demoData');
const { database } = await import('./database');
const { auth } = await import('./auth');
const { seedAccount } = await import('./seed');
const { rateLimits } = await import('./rateLimit');
const { resetRequestPolicy } = await import('./passwordReset');
const { recordPrincipalName } = await import('./principalNames');
const { keepSubscription } = await import('./notifications/pushSubscriptions');
const requestRoute = await import('@/app/api/password-reset/request/route');
const checkRoute = await import('@/app/api/password-reset/check/route');
const resetRoute = await import('@/app/api/password-reset/route');
const sessionRoute = await import('@/app/api/session/route');

mock.method(console, 'info', () => {});

let clients = 0;
/** Each call is a client of its own address, unless a test names one. */
const from = (ip?: string) => {
  clients += 1;
  return { 'x-forwarded-for': ip ?? `192.0.2.${clients % 250}` };
};
const json = async (response: Response) => ({ status: response.status, body: await response.json() });

const askForReset = async (email: string, headers: Record<string, string> = from()) =>
  json(await requestRoute.POST(request('/api/password-reset/request', 'POST', { email }, headers)));
const check = async (token: string) =>
  json(await checkRoute.POST(request('/api/password-reset/check', 'POST', { token }, from())));
const reset = async (token: string, password: string) =>
  json(await resetRoute.POST(request('/api/password-reset', 'POST', { token, password }, from())));
const signIn = (email: string, password: string) =>
  sessionRoute.POST(request('/api/session', 'POST', { email, password }, from()));

/** The token in the n-th reset mail to this address. */
async function tokenFromMail(email: string, count = 1): Promise<string> {
  const mail = await waitForMail(mailDir, email, count);
  const link = new URL(mail.links[0] ?? '');
  assert.equal(`${link.origin}${link.pathname}`, `${origin}/reset-password`);
  return link.searchParams.get('token') ?? '';
}

/** Waits long enough for a mail that would have been sent, then says how many came. */
async function mailsAfterAWhile(email: string): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 500));
  return (await mailTo(mailDir, email)).length;
}

describe('asking for a reset link', () => {
  it('answers the same for a user and for nobody, and mails the user a single link built from BASE_URL', async () => {
    const ada = await seedFreshCopy(demoUsers.ada, 'reset');
    const known = await askForReset(ada.email, { ...from(), host: 'evil.example' });
    const unknown = await askForReset('nobody-reset@acme.test');
    assert.deepEqual(known, { status: 202, body: { requested: true } });
    assert.deepEqual(unknown, known);
    const mail = await waitForMail(mailDir, ada.email);
    assert.match(mail.subject, /Reset your Relay One password/);
    assert.equal(mail.links.length, 1);
    const token = await tokenFromMail(ada.email);
    assert.ok(token.length >= 22, 'at least 128 bits of token');
    assert.equal(await mailsAfterAWhile('nobody-reset@acme.test'), 0);
  });

  it('mails the link of a user who typed their UPN to their email, and nothing to an unknown UPN', async () => {
    const ada = await seedFreshCopy(demoUsers.ada, 'reset');
    const upn = ada.email.replace('@acme.test', '@acme.onmicrosoft.test');
    await recordPrincipalName(ada.email, upn);
    assert.deepEqual(await askForReset(upn), await askForReset('nobody-reset@acme.onmicrosoft.test'));
    assert.match((await waitForMail(mailDir, ada.email)).subject, /Reset your Relay One password/);
    assert.equal(await mailsAfterAWhile(upn), 0, 'a UPN is a name, not a mailbox');
  });

  it('keeps the token hashed: the database holds nothing that opens the link', async () => {
    const ada = await seedFreshCopy(demoUsers.ada, 'reset');
    await askForReset(ada.email);
    const token = await tokenFromMail(ada.email);
    const rows = await database().selectFrom('verification').selectAll().execute();
    assert.ok(!JSON.stringify(rows).includes(token));
  });

  it('sends no link to the user of an account that enforces SSO', async () => {
    await seedAccount({ number: '820001', name: 'SSO only', signIn: 'ssoOnly' }, 'https://idp.example');
    const margaret = await seedFreshCopy({ ...demoUsers.margaret, accounts: ['820001'] }, 'reset');
    assert.equal((await askForReset(margaret.email)).status, 202);
    assert.equal(await mailsAfterAWhile(margaret.email), 0);
  });

  it('sends at most three links in fifteen minutes to one email, answering the same', async () => {
    const ada = await seedFreshCopy(demoUsers.ada, 'reset');
    for (let attempt = 0; attempt <= resetRequestPolicy.perEmail; attempt += 1) {
      assert.equal((await askForReset(ada.email)).status, 202);
    }
    await waitForMail(mailDir, ada.email, resetRequestPolicy.perEmail);
    assert.equal(await mailsAfterAWhile(ada.email), resetRequestPolicy.perEmail);
  });

  it('limits the requests of one client address', async () => {
    const ip = '192.0.2.251';
    for (let attempt = 0; attempt < rateLimits.resetRequest.perMinute; attempt += 1) {
      await askForReset(`someone-${attempt}@acme.test`, from(ip));
    }
    assert.equal((await askForReset('one-more@acme.test', from(ip))).status, 429);
  });

  it('refuses a malformed email or body with a clear 400', async () => {
    const bad = await askForReset('not-an-email');
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, 'INVALID_BODY');
  });
});

describe('the reset link', () => {
  it('sets the new password, ends every session and its push subscription, mails the user, and signs nobody in', async () => {
    const ada = await seedFreshCopy(demoUsers.ada, 'reset');
    const signedIn = cookieFrom(await signIn(ada.email, ada.password));
    const user = await database()
      .selectFrom('user')
      .select('id')
      .where('email', '=', ada.email)
      .executeTakeFirstOrThrow();
    const subscribedBy = await database()
      .selectFrom('session')
      .select('id')
      .where('userId', '=', user.id)
      .executeTakeFirstOrThrow();
    const pushKeys = { p256dh: 'BP'.padEnd(87, 'A'), auth: 'A'.repeat(22) };
    await keepSubscription(
      { sessionId: subscribedBy.id, userId: user.id },
      { endpoint: 'https://fcm.googleapis.com/fcm/send/reset', keys: pushKeys },
    );
    await askForReset(ada.email);
    const token = await tokenFromMail(ada.email);
    assert.equal((await check(token)).status, 200);
    const response = await resetRoute.POST(
      request('/api/password-reset', 'POST', { token, password: 'a brand new passphrase' }, from()),
    );
    assert.equal(response.status, 200);
    assert.equal(cookieFrom(response), '', 'no session cookie: the reset signs nobody in');
    const stillThere = await json(
      await sessionRoute.GET(request('/api/session', 'GET', undefined, { cookie: signedIn })),
    );
    assert.equal(stillThere.body.session, null, 'the old session ended');
    const subscriptionsLeft = await database()
      .selectFrom('push_subscription')
      .select('endpoint')
      .where('user_id', '=', user.id)
      .execute();
    assert.deepEqual(subscriptionsLeft, [], 'no push subscription outlives the reset');
    assert.equal((await signIn(ada.email, ada.password)).status, 401);
    assert.equal((await signIn(ada.email, 'a brand new passphrase')).status, 200);
    const changed = await waitForMail(mailDir, ada.email, 2);
    assert.match(changed.subject, /password was changed/);
  });

  it('works once: the same link a second time says it is no longer valid', async () => {
    const ada = await seedFreshCopy(demoUsers.ada, 'reset');
    await askForReset(ada.email);
    const token = await tokenFromMail(ada.email);
    assert.equal((await reset(token, 'first new passphrase')).status, 200);
    const again = await reset(token, 'second new passphrase');
    assert.equal(again.status, 410);
    assert.equal(again.body.error.code, 'RESET_LINK_INVALID');
    assert.equal((await check(token)).status, 410);
  });

  it('expires', async () => {
    const ada = await seedFreshCopy(demoUsers.ada, 'reset');
    await askForReset(ada.email);
    const token = await tokenFromMail(ada.email);
    const { internalAdapter } = await auth().$context;
    await internalAdapter.updateVerificationByIdentifier(`reset-password:${token}`, {
      expiresAt: new Date(Date.now() - 1000),
    });
    assert.equal((await check(token)).status, 410);
    assert.equal((await reset(token, 'too late passphrase')).status, 410);
  });

  it('refuses a common password, and a short one, and keeps the link for a better one', async () => {
    const ada = await seedFreshCopy(demoUsers.ada, 'reset');
    await askForReset(ada.email);
    const token = await tokenFromMail(ada.email);
    const common = await reset(token, 'Password123');
    assert.equal(common.status, 422);
    assert.equal(common.body.error.code, 'PASSWORD_TOO_COMMON');
    const short = await reset(token, 'short');
    assert.equal(short.status, 400);
    assert.match(short.body.error.message, /at least 8 characters/);
    assert.equal((await reset(token, 'correct horse battery staple!')).status, 200);
  });

  it('answers a link the server never made, or a malformed one, as a link that does not work', async () => {
    assert.equal((await check('AbCdEfGhIjKlMnOpQrStUvWx')).status, 410);
    assert.equal((await check('../../etc/passwd')).status, 410);
    assert.equal((await check('x'.repeat(300))).status, 400);
  });
});
