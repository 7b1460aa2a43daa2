import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { request } from './testbed';

const { seedUser } = await import('./seed');
const { demoUsers } = await import('./demoData');
const route = await import('@/app/api/identify/route');

const ada = { ...demoUsers.ada, email: 'ada-identify@acme.test' };
const alan = { ...demoUsers.alan, email: 'alan-identify@acme.test' };
const identify = async (body: unknown, headers?: Record<string, string>) => {
  const response = await route.POST(request('/api/identify', 'POST', body, headers));
  return { status: response.status, body: await response.json() };
};

before(async () => {
  await seedUser(ada);
  await seedUser(alan);
});

describe('POST /api/identify', () => {
  it('sends a user of one account straight to the password', async () => {
    assert.deepEqual(await identify({ email: ada.email }), {
      status: 200,
      body: { next: 'method', methods: { sso: false, password: true } },
    });
  });

  it('asks a user of two accounts for the account number', async () => {
    assert.deepEqual(await identify({ email: alan.email }), { status: 200, body: { next: 'accountNumber' } });
  });

  it('answers an unknown email exactly as it answers a user of one account', async () => {
    assert.deepEqual(await identify({ email: 'nobody@acme.test' }), await identify({ email: ada.email }));
  });

  it('accepts the number of an account the user belongs to, and refuses any other', async () => {
    assert.deepEqual(await identify({ email: alan.email, accountNumber: '300400' }), {
      status: 200,
      body: { next: 'method', methods: { sso: true, password: true } },
    });
    const wrong = await identify({ email: alan.email, accountNumber: '999999' });
    assert.equal(wrong.status, 422);
    assert.equal(wrong.body.error.code, 'ACCOUNT_NUMBER_MISMATCH');
  });

  const badBodies: Array<[string, unknown]> = [
    ['a malformed email', { email: 'alan.acme.test' }],
    ['letters in the account number', { email: alan.email, accountNumber: '12ab' }],
    ['an account number of the wrong type', { email: alan.email, accountNumber: 300400 }],
    ['an unexpected field', { email: alan.email, admin: true }],
  ];
  for (const [what, body] of badBodies) {
    it(`answers ${what} with 400 and says what is wrong`, async () => {
      const answer = await identify(body);
      assert.equal(answer.status, 400);
      assert.equal(answer.body.error.code, 'INVALID_BODY');
      assert.ok(answer.body.error.message.length > 0);
    });
  }

  it('refuses a request from another site', async () => {
    assert.equal((await identify({ email: ada.email }, { origin: 'https://evil.test' })).status, 403);
  });
});
