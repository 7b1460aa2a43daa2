import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stoppedProviderIssuer } from '@/idp/stoppedProvider';
import { parseSsoCommand } from '@/scripts/ssoArgs';
import './testbed';

const { ensureAccount } = await import('./accounts');
const { applySsoCommand, signInMethodsOf, ssoSettingsOf } = await import('./ssoSettings');
const { database } = await import('./database');

const secret = { SSO_CLIENT_SECRET: 'a-client-secret-from-the-provider' };
const turnOn = ['--account', '300400', '--issuer', 'https://idp.globex.test', '--client-id', 'relay'];

describe('npm run sso: its flags', () => {
  it('reads the settings, with the secret from the environment only', () => {
    assert.deepEqual(parseSsoCommand([...turnOn, '--sso-only'], secret), {
      account: '300400',
      disable: false,
      issuer: 'https://idp.globex.test',
      clientId: 'relay',
      clientSecret: secret.SSO_CLIENT_SECRET,
      ssoOnly: true,
      logoutAtProvider: false,
    });
    assert.deepEqual(parseSsoCommand([...turnOn, '--logout-at-provider'], secret), {
      ...parseSsoCommand(turnOn, secret),
      logoutAtProvider: true,
    });
    assert.deepEqual(parseSsoCommand(['--account', '300400', '--disable'], {}), {
      account: '300400',
      disable: true,
    });
  });

  it('names what is wrong, with the usage', () => {
    const cases: Array<[string[], Record<string, string>, RegExp]> = [
      [turnOn, {}, /SSO_CLIENT_SECRET must hold/],
      [['--account', '12ab', '--disable'], {}, /--account must be an account number/],
      [['--account', '300400'], secret, /--issuer is required/],
      [['--account', '300400', '--issuer', 'https://x.test'], secret, /--client-id is required/],
      [['--account', '300400', '--disable', '--sso-only'], {}, /--disable takes no other setting/],
      [['--account', '300400', '--disable', '--logout-at-provider'], {}, /--disable takes no other setting/],
      [[...turnOn, '--client-secret', 'x'], secret, /Unknown option '--client-secret'/],
    ];
    for (const [args, env, message] of cases) {
      assert.throws(
        () => parseSsoCommand(args, env),
        (error: Error) => message.test(error.message) && /Usage:/.test(error.message),
      );
    }
  });
});

describe('npm run sso: what it does to an account', () => {
  it('stores the client secret encrypted, switches SSO on, and says whether the provider answered', async () => {
    const account = await ensureAccount({ number: '810001', name: 'Command Co' });
    const issuer = await stoppedProviderIssuer();
    const said = await applySsoCommand(account, {
      disable: false,
      issuer,
      clientId: 'relay',
      clientSecret: 'shh-secret',
      ssoOnly: true,
      logoutAtProvider: true,
    });
    assert.match(said, /SSO is on for Command Co \(810001\): SSO only .*, logout at the provider too;/);
    assert.match(said, /did not answer yet/);
    const row = await database()
      .selectFrom('account_sso')
      .selectAll()
      .where('account_id', '=', account.id)
      .executeTakeFirstOrThrow();
    assert.ok(!row.client_secret.includes('shh-secret'), 'the secret is not stored as it was given');
    assert.equal((await ssoSettingsOf(account.id))?.clientSecret, 'shh-secret');
    assert.equal((await ssoSettingsOf(account.id))?.logoutAtProvider, true);
    assert.deepEqual(await signInMethodsOf(account.id), { sso: true, password: false });
  });

  it('switches SSO off, after which the account is back to passwords', async () => {
    const account = await ensureAccount({ number: '810002', name: 'Off Co' });
    assert.match(await applySsoCommand(account, { disable: true }), /had no SSO/);
    await applySsoCommand(account, {
      disable: false,
      issuer: await stoppedProviderIssuer(),
      clientId: 'relay',
      clientSecret: 'x',
      ssoOnly: false,
      logoutAtProvider: false,
    });
    assert.match(await applySsoCommand(account, { disable: true }), /SSO is off for Off Co/);
    assert.deepEqual(await signInMethodsOf(account.id), { sso: false, password: true });
    assert.equal(await ssoSettingsOf(account.id), null);
  });

  it('refuses an issuer over plain HTTP anywhere but this machine, or with a query', async () => {
    const account = await ensureAccount({ number: '810003', name: 'Plain Co' });
    const base = {
      disable: false as const,
      clientId: 'relay',
      clientSecret: 'x',
      ssoOnly: false,
      logoutAtProvider: false,
    };
    await assert.rejects(
      applySsoCommand(account, { ...base, issuer: 'http://idp.example.com' }),
      /must use https/,
    );
    await assert.rejects(
      applySsoCommand(account, { ...base, issuer: 'https://idp.test/?tenant=1' }),
      /no query/,
    );
    await assert.rejects(applySsoCommand(account, { ...base, issuer: 'not a url' }), /absolute URL/);
  });
});
