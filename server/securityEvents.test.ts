import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it, mock } from 'node:test';
import { startIdentityProvider } from '@/idp/identityProvider';
import { ProviderVisit } from '@/idp/providerVisit';
import { IdpDirectory } from '@/idp/users';
import { startMailCapture } from '@/mailbox/mailCapture';
import { waitForMail } from '@/mailbox/readMail';

// A whole run through the routes, as browsers would make it, with every line the server writes captured: the
// log must tell each security event once, with its request, and hold none of the secrets the run used.

const mailDir = mkdtempSync(path.join(tmpdir(), 'relay-mail-'));
const capture = await startMailCapture({ port: 0, hostname: '127.0.0.1', dir: mailDir });
process.env.SMTP_URL = `smtp://127.0.0.1:${capture.port}`;

const { cookieFrom, origin, request, seedFreshCopy } = await import('./testbed');
const { demoIdentityProvider, demoUsers } = await import('./demoData');
const { database } = await import('./database');
const { seedAccount } = await import('./seed');
const { lockoutPolicy } = await import('./lockout');
const sessionRoute = await import('@/app/api/session/route');
const resetRequestRoute = await import('@/app/api/password-reset/request/route');
const resetRoute = await import('@/app/api/password-reset/route');
const ssoStartRoute = await import('@/app/api/sso/start/route');
const ssoCompleteRoute = await import('@/app/api/sso/complete/route');
const cspReportRoute = await import('@/app/api/csp-report/route');

const idpDir = mkdtempSync(path.join(tmpdir(), 'relay-idp-'));
const directory = new IdpDirectory(`${idpDir}/idp.sqlite`);
const provider = await startIdentityProvider(
  {
    client: demoIdentityProvider.clientOf(origin),
    directory,
  },
  { port: 0, hostname: '127.0.0.1' },
);
after(async () => {
  await provider.close();
  directory.close();
  await capture.close();
  for (const folder of [idpDir, mailDir]) rmSync(folder, { recursive: true, force: true });
});

/** A value no other run shares, so that finding it in the log can only mean this run wrote it there. */
const secretValue = (label: string) => `${label}-${randomBytes(12).toString('base64url')}`;

/** Everything the server wrote while the run went on: each console call, and anything written to stdout or stderr. */
const written: string[] = [];
const secrets = new Map<string, string>();
const keepSecret = (what: string, value: string | null | undefined) => {
  assert.ok(value && value.length >= 8, `${what} is a real secret of the run`);
  secrets.set(what, value);
};
/** The request id each step sent, with the events it should log in that order. */
const expected = new Map<string, Array<Record<string, unknown>>>();

let clients = 0;
/** Headers of one step's request: its own address (the per-IP limits have tests of their own) and its id. */
function stepHeaders(requestId: string, headers: Record<string, string> = {}) {
  clients += 1;
  return { 'x-forwarded-for': `203.0.113.${clients % 250}`, 'x-request-id': requestId, ...headers };
}

async function userIdOf(email: string): Promise<string> {
  const { id } = await database()
    .selectFrom('user')
    .select('id')
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  return id;
}

const signIn = (requestId: string, email: string, password: string, headers: Record<string, string> = {}) =>
  sessionRoute.POST(request('/api/session', 'POST', { email, password }, stepHeaders(requestId, headers)));

/** The session cookie a sign-in set, kept as secrets (as sent, decoded, and its token alone); the cookie's value. */
function keepSessionCookie(what: string, response: Response): { cookie: string; value: string } {
  const cookie = cookieFrom(response);
  const sent = /relay\.session_token=([^;]+)/.exec(cookie)?.[1] ?? '';
  const value = decodeURIComponent(sent);
  keepSecret(`${what} session cookie`, sent);
  keepSecret(`${what} session cookie, decoded`, value);
  keepSecret(`${what} session token`, value.split('.')[0]);
  return { cookie, value };
}

/** The log lines of the run that carry one request id. */
const linesOf = (requestId: string) =>
  written
    .flatMap((chunk) => chunk.split('\n'))
    .filter((line) => line.includes(`"requestId":"${requestId}"`))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

async function passwordSteps() {
  const ada = await seedFreshCopy({ ...demoUsers.ada, password: secretValue('Ada-old-password') }, 'events');
  const adaId = await userIdOf(ada.email);
  keepSecret('old password', ada.password);
  keepSecret('email', ada.email);

  const wrongPassword = secretValue('Wrong-password');
  keepSecret('wrong password', wrongPassword);
  assert.equal((await signIn('wrong-password', ada.email, wrongPassword)).status, 401);
  expected.set('wrong-password', [
    { event: 'sign_in.failed', method: 'password', reason: 'wrongPassword', userId: adaId },
  ]);

  // An email that names nobody may be a password typed into the wrong field: it must not be logged.
  const unknownEmail = `${secretValue('Typed-password')}@acme.test`;
  keepSecret('unknown email', unknownEmail);
  assert.equal((await signIn('unknown-email', unknownEmail, ada.password)).status, 401);
  expected.set('unknown-email', [
    { event: 'sign_in.failed', method: 'password', reason: 'unknownEmail', userId: null },
  ]);

  const signedIn = await signIn('sign-in', ada.email, ada.password);
  assert.equal(signedIn.status, 200);
  const { cookie, value } = keepSessionCookie('password sign-in', signedIn);
  expected.set('sign-in', [{ event: 'sign_in.succeeded', method: 'password', userId: adaId }]);

  // The mobile app's way: the same session as a bearer token.
  const authorization = `Bearer ${value}`;
  keepSecret('authorization header', authorization);
  const checked = await sessionRoute.GET(
    request('/api/session', 'GET', undefined, stepHeaders('bearer', { authorization })),
  );
  assert.equal((await checked.json()).session.user.email, ada.email);
  expected.set('bearer', []);

  const foreign = await sessionRoute.DELETE(
    request(
      '/api/session',
      'DELETE',
      undefined,
      stepHeaders('foreign-logout', { cookie, origin: 'https://evil.test' }),
    ),
  );
  assert.equal(foreign.status, 403);
  expected.set('foreign-logout', [
    { event: 'request.refused', reason: 'foreignOrigin', origin: 'https://evil.test' },
  ]);

  const logout = await sessionRoute.DELETE(
    request('/api/session', 'DELETE', undefined, stepHeaders('logout', { cookie })),
  );
  assert.equal(logout.status, 200);
  expected.set('logout', [{ event: 'logout', userId: adaId }]);
  return ada;
}

async function lockoutSteps() {
  const grace = await seedFreshCopy({ ...demoUsers.ada, password: secretValue('Grace-password') }, 'locked');
  const graceId = await userIdOf(grace.email);
  keepSecret('locked user password', grace.password);
  keepSecret('locked user email', grace.email);
  for (let attempt = 1; attempt <= lockoutPolicy.maxFailures; attempt += 1) {
    const guess = secretValue(`Guess-${attempt}`);
    keepSecret(`guess ${attempt}`, guess);
    const answer = await signIn(`lockout-${attempt}`, grace.email, guess);
    assert.equal(answer.status, attempt < lockoutPolicy.maxFailures ? 401 : 429);
    const failed = { event: 'sign_in.failed', method: 'password', reason: 'wrongPassword', userId: graceId };
    const locked = { event: 'lockout.started', userId: graceId };
    expected.set(`lockout-${attempt}`, attempt < lockoutPolicy.maxFailures ? [failed] : [failed, locked]);
  }
  assert.equal((await signIn('while-locked', grace.email, grace.password)).status, 429);
  expected.set('while-locked', [
    { event: 'sign_in.failed', method: 'password', reason: 'lockedOut', userId: graceId },
  ]);
}

/** Waits until the work done after an answer has logged its line. */
async function loggedLater(requestId: string) {
  for (let waited = 0; linesOf(requestId).length === 0 && waited < 5_000; waited += 20)
    await new Promise((resolve) => setTimeout(resolve, 20));
}

async function resetSteps(ada: { email: string }) {
  const adaId = await userIdOf(ada.email);
  const ask = (requestId: string, email: string) =>
    resetRequestRoute.POST(request('/api/password-reset/request', 'POST', { email }, stepHeaders(requestId)));
  assert.equal((await ask('reset-asked', ada.email)).status, 202);
  expected.set('reset-asked', [{ event: 'password_reset.requested', userId: adaId }]);
  const link = (await waitForMail(mailDir, ada.email)).links[0] ?? '';
  const token = new URL(link).searchParams.get('token');
  keepSecret('reset link', link);
  keepSecret('reset token', token);

  const unknownEmail = `${secretValue('Another-typed-password')}@acme.test`;
  keepSecret('unknown email asking for a reset', unknownEmail);
  assert.equal((await ask('reset-asked-unknown', unknownEmail)).status, 202);
  await loggedLater('reset-asked-unknown');
  expected.set('reset-asked-unknown', [{ event: 'password_reset.requested', userId: null }]);

  const newPassword = secretValue('Ada-new-password');
  keepSecret('new password', newPassword);
  const reset = (requestId: string) =>
    resetRoute.POST(
      request('/api/password-reset', 'POST', { token, password: newPassword }, stepHeaders(requestId)),
    );
  assert.equal((await reset('reset-done')).status, 200);
  expected.set('reset-done', [{ event: 'password_reset.done', userId: adaId }]);
  assert.equal((await reset('reset-replayed')).status, 410);
  expected.set('reset-replayed', [
    { event: 'password_reset.failed', reason: 'resetLinkInvalid', userId: null },
  ]);
  // The mail that says the password changed is the last work of the reset: the run's log is whole once it came.
  await waitForMail(mailDir, ada.email, 2);

  const signedIn = await signIn('new-password-sign-in', ada.email, newPassword);
  assert.equal(signedIn.status, 200);
  keepSessionCookie('new password sign-in', signedIn);
  expected.set('new-password-sign-in', [{ event: 'sign_in.succeeded', method: 'password', userId: adaId }]);
}

async function ssoSteps() {
  await seedAccount({ number: '790001', name: 'SSO events', signIn: 'sso' }, provider.issuer);
  const linus = await seedFreshCopy({ ...demoUsers.linus, accounts: ['790001'] }, 'events');
  const linusId = await userIdOf(linus.email);
  const providerPassword = secretValue('Linus-provider-password');
  keepSecret('password at the provider', providerPassword);
  await directory.add({ email: linus.email, name: linus.name, password: providerPassword });

  /** Starts SSO and signs in at the provider: the query the browser comes back with, and the trip's cookie. */
  const trip = async (requestId: string) => {
    const started = await ssoStartRoute.POST(
      request('/api/sso/start', 'POST', { email: linus.email }, stepHeaders(requestId)),
    );
    assert.equal(started.status, 200);
    const url = new URL((await started.json()).url);
    for (const name of ['state', 'nonce', 'code_challenge'])
      keepSecret(`${requestId} ${name}`, url.searchParams.get(name));
    const loginCookie = cookieFrom(started);
    keepSecret(`${requestId} login cookie`, loginCookie.split('=')[1]);
    const visit = new ProviderVisit(provider.issuer);
    const { left } = await visit.signIn(await visit.open(url.href), linus.email, providerPassword);
    assert.ok(left, 'the provider sent the browser back');
    keepSecret(`${requestId} code`, left.searchParams.get('code'));
    keepSecret(`${requestId} callback query`, left.search.slice(1));
    expected.set(requestId, []);
    return { query: left.search.slice(1), loginCookie };
  };
  const complete = (requestId: string, query: string, cookie: string) =>
    ssoCompleteRoute.POST(
      request('/api/sso/complete', 'POST', { query }, stepHeaders(requestId, { cookie })),
    );

  const first = await trip('sso-start');
  const completed = await complete('sso-complete', first.query, first.loginCookie);
  assert.equal(completed.status, 200);
  keepSessionCookie('SSO sign-in', completed);
  expected.set('sso-complete', [{ event: 'sign_in.succeeded', method: 'sso', userId: linusId }]);

  assert.equal((await complete('sso-replayed', first.query, first.loginCookie)).status, 400);
  expected.set('sso-replayed', [{ event: 'sso.failed', reason: 'noLoginInProgress', userId: null }]);

  const second = await trip('sso-start-again');
  const tampered = new URLSearchParams(second.query);
  tampered.set('state', `${tampered.get('state')}x`);
  assert.equal((await complete('sso-tampered', tampered.toString(), second.loginCookie)).status, 400);
  expected.set('sso-tampered', [{ event: 'sso.failed', reason: 'rejectedResponse', userId: linusId }]);
}

async function cspSteps() {
  const token = secretValue('Token-in-a-page-address');
  keepSecret('token in a reported address', token);
  const report = (headers: Record<string, string>) =>
    cspReportRoute.POST(
      request(
        '/api/csp-report',
        'POST',
        [
          {
            type: 'csp-violation',
            body: { documentURL: `${origin}/reset-password?token=${token}`, blockedURL: 'inline' },
          },
        ],
        { 'content-type': 'application/reports+json', ...headers },
      ),
    );
  assert.equal((await report(stepHeaders('csp-report'))).status, 204);
  expected.set('csp-report', [
    { event: 'csp.violation', page: `${origin}/reset-password`, blocked: 'inline' },
  ]);
  // An id the client made up in a shape that could break a line is replaced, as is no id at all.
  assert.equal((await report({ 'x-request-id': 'not "an" id, {}' })).status, 204);
  assert.equal((await report({})).status, 204);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('the security log of a whole run', () => {
  before(async () => {
    const record = (chunk: unknown) => written.push(String(chunk));
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const)
      mock.method(console, level, (...values: unknown[]) => record(values.map(String).join(' ')));
    for (const stream of [process.stdout, process.stderr]) {
      const write = stream.write.bind(stream);
      mock.method(stream, 'write', (chunk: unknown, ...rest: never[]) => {
        record(chunk);
        return write(chunk as string, ...rest);
      });
    }
    try {
      const ada = await passwordSteps();
      await lockoutSteps();
      await resetSteps(ada);
      await ssoSteps();
      await cspSteps();
    } finally {
      mock.restoreAll();
    }
  });

  it('holds no password, token, code, state, cookie, reset link, authorization or email the run used', () => {
    const log = written.join('\n');
    assert.ok(secrets.size > 40, `${secrets.size} secrets collected`);
    for (const [what, value] of secrets) {
      assert.ok(!log.includes(value), `the log holds the ${what}`);
      assert.ok(!log.includes(encodeURIComponent(value)), `the log holds the ${what}, URL-encoded`);
    }
  });

  it('writes each line as one JSON object with its event, time and, for a request, its id and address', () => {
    const lines = written.flatMap((chunk) => chunk.split('\n')).filter((line) => line.startsWith('{'));
    assert.ok(lines.length >= expected.size);
    for (const line of lines) {
      const parsed = JSON.parse(line);
      assert.equal(typeof parsed.event, 'string', line);
      assert.ok(!Number.isNaN(Date.parse(parsed.at)), line);
      if ('requestId' in parsed) assert.match(parsed.ip, /^203\.0\.113\.\d+$|^unknown$/, line);
    }
  });

  it('tells every security event of every request once, in order, with the user it concerned and why', () => {
    for (const [requestId, events] of expected) {
      const lines = linesOf(requestId);
      assert.equal(lines.length, events.length, `${requestId}: ${JSON.stringify(lines)}`);
      events.forEach((event, index) => {
        const line = lines[index] as Record<string, unknown>;
        for (const [field, value] of Object.entries(event))
          assert.deepEqual(line[field], value, `${requestId} ${field}`);
        assert.match(String(line.ip), /^203\.0\.113\.\d+$/, requestId);
      });
    }
  });

  it('makes a new id for a request that came with none, or with one that is not well-formed', () => {
    const reports = written
      .flatMap((chunk) => chunk.split('\n'))
      .filter((line) => line.includes('"csp.violation"'))
      .map((line) => JSON.parse(line));
    assert.equal(reports.length, 3);
    const [, malformed, none] = reports;
    assert.match(malformed.requestId, UUID);
    assert.match(none.requestId, UUID);
    assert.notEqual(malformed.requestId, none.requestId);
    assert.ok(!written.join('\n').includes('not \\"an\\" id'));
  });
});
