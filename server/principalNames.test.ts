import assert from 'node:assert/strict';
import { before, describe, it, mock } from 'node:test';
import { parseUpnCommand } from '@/scripts/upnArgs';
import { request, seedFreshCopy } from './testbed';

const { demoUsers } = await import('./demoData');
const { recordPrincipalName, principalNameOf, emailSignedInAs } = await import('./principalNames');
const { lockoutPolicy } = await import('./lockout');
const identifyRoute = await import('@/app/api/identify/route');
const sessionRoute = await import('@/app/api/session/route');

mock.method(console, 'warn', () => {});

let clients = 0;
/** Each call from an address of its own: the per-IP limits have tests of their own. */
const from = () => {
  clients += 1;
  return { 'x-forwarded-for': `203.0.113.${clients % 250}` };
};
const identify = async (email: string) => {
  const response = await identifyRoute.POST(request('/api/identify', 'POST', { email }, from()));
  return { status: response.status, body: await response.json() };
};
const signIn = async (email: string, password: string) => {
  const response = await sessionRoute.POST(request('/api/session', 'POST', { email, password }, from()));
  return { status: response.status, body: await response.json() };
};

const ada = await seedFreshCopy(demoUsers.ada, 'upn');
const adaUpn = ada.email.replace('@acme.test', '@acme.onmicrosoft.test');
const alan = await seedFreshCopy(demoUsers.alan, 'upn');
before(async () => {
  assert.deepEqual(await recordPrincipalName(ada.email, adaUpn), { ok: true, replaced: null });
});

describe('npm run upn: an administrator records the name an Azure user signs in with', () => {
  it('reads the two names, and names a missing or malformed one with the usage', () => {
    assert.deepEqual(parseUpnCommand(['--email', ' ada@acme.test ', '--upn', 'ada@acme.onmicrosoft.test']), {
      email: 'ada@acme.test',
      upn: 'ada@acme.onmicrosoft.test',
    });
    const refusals: Array<[string[], RegExp]> = [
      [['--upn', 'ada@acme.onmicrosoft.test'], /--email must be/],
      [['--email', 'ada@acme.test'], /--upn must be a User Principal Name/],
      [['--email', 'ada@acme.test', '--upn', 'ada'], /--upn must be/],
      [['--email', 'ada@acme.test', '--upn', 'a@b.test', '--admin'], /Unknown option '--admin'/],
      [['ada@acme.test'], /Unexpected argument/],
    ];
    for (const [argv, message] of refusals) {
      assert.throws(
        () => parseUpnCommand(argv),
        (error: Error) => {
          assert.match(error.message, message);
          assert.match(error.message, /Usage: npm run upn/);
          return true;
        },
      );
    }
  });

  it('keeps one UPN a user, case folded; never anyone else’s UPN or email', async () => {
    const grace = await seedFreshCopy(demoUsers.grace, 'upn');
    const userId = async (email: string) => {
      const { database } = await import('./database');
      return (
        await database().selectFrom('user').select('id').where('email', '=', email).executeTakeFirstOrThrow()
      ).id;
    };
    const first = grace.email.replace('@acme.test', '@acme.onmicrosoft.test');
    assert.deepEqual(await recordPrincipalName(grace.email, first.toUpperCase()), {
      ok: true,
      replaced: null,
    });
    assert.equal(await principalNameOf(await userId(grace.email)), first);
    const second = `renamed-${first}`;
    assert.deepEqual(await recordPrincipalName(grace.email, second), { ok: true, replaced: first });
    assert.equal(await emailSignedInAs(first), first, 'the old name leads nowhere now');
    assert.deepEqual(await recordPrincipalName('nobody@acme.test', 'x@acme.onmicrosoft.test'), {
      ok: false,
      problem: 'noSuchUser',
    });
    assert.deepEqual(await recordPrincipalName(grace.email, alan.email), {
      ok: false,
      problem: 'nameIsAnEmail',
    });
    assert.deepEqual(await recordPrincipalName(alan.email, adaUpn), { ok: false, problem: 'nameTaken' });
  });
});

describe('signing in with a User Principal Name', () => {
  it('identifies the user by their UPN in any case, exactly as by their email', async () => {
    assert.deepEqual(await identify(adaUpn.toUpperCase()), await identify(ada.email));
    assert.deepEqual(await identify(adaUpn), {
      status: 200,
      body: { next: 'method', methods: { sso: false, password: true } },
    });
  });

  it('answers an unknown UPN exactly as an unknown email', async () => {
    assert.deepEqual(await identify('nobody@acme.onmicrosoft.test'), await identify('nobody@acme.test'));
    const unknownName = await signIn('nobody@acme.onmicrosoft.test', 'Some-pass-1');
    assert.deepEqual(unknownName, await signIn('nobody@acme.test', 'Some-pass-1'));
    assert.equal(unknownName.status, 401);
  });

  it('opens the session of the user whose UPN was typed, under their email', async () => {
    const signedIn = await signIn(adaUpn, ada.password as string);
    assert.equal(signedIn.status, 200, JSON.stringify(signedIn.body));
    assert.deepEqual(signedIn.body.session.user, { name: ada.name, email: ada.email });
  });

  it('counts failed passwords by UPN and by email toward one lockout, which holds for either name', async () => {
    const half = lockoutPolicy.maxFailures / 2;
    for (let failure = 0; failure < lockoutPolicy.maxFailures; failure += 1) {
      const answer = await signIn(failure < half ? adaUpn : ada.email, 'Not-her-password-1');
      assert.equal(answer.status, failure === lockoutPolicy.maxFailures - 1 ? 429 : 401);
    }
    for (const name of [adaUpn, ada.email]) {
      const locked = await signIn(name, ada.password as string);
      assert.equal(locked.body.error.code, 'LOCKED_OUT', `the right password by ${name} is refused`);
    }
  });
});
