import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cookieFrom, request, seedFreshCopy } from './testbed';

const { demoUsers } = await import('./demoData');
const { database } = await import('./database');
const session = await import('@/app/api/session/route');
const { vapidKeys } = await import('./notifications/vapidKeys');
const key = await import('@/app/api/notifications/key/route');

/** A P-256 public key as the Push API takes it: 65 bytes, uncompressed (0x04, then x and y), base64url. */
const isPushPublicKey = (value: string) => {
  const bytes = Buffer.from(value, 'base64url');
  return bytes.length === 65 && bytes[0] === 4 && /^[A-Za-z0-9_-]+$/.test(value);
};

describe('the key a browser subscribes to push messages with', () => {
  it('is given to a signed-in user only, the same one every time', async () => {
    assert.equal((await key.GET(request('/api/notifications/key', 'GET'))).status, 401);
    const ada = await seedFreshCopy(demoUsers.ada, 'push-key');
    const signedIn = await session.POST(
      request('/api/session', 'POST', { email: ada.email, password: ada.password }),
    );
    const cookie = cookieFrom(signedIn);
    const answers = await Promise.all(
      [1, 2].map(() => key.GET(request('/api/notifications/key', 'GET', undefined, { cookie }))),
    );
    const [first, second] = await Promise.all(answers.map((answer) => answer.json()));
    assert.deepEqual(
      answers.map((answer) => answer.status),
      [200, 200],
    );
    assert.ok(isPushPublicKey(first.publicKey), first.publicKey);
    assert.equal(second.publicKey, first.publicKey);
    assert.deepEqual(Object.keys(first), ['publicKey'], 'the public key, and nothing of the private one');
  });

  it('is kept in the database, one pair, its private half encrypted', async () => {
    const { publicKey, privateKey } = await vapidKeys();
    const rows = await database().selectFrom('vapid_key').selectAll().execute();
    assert.equal(rows.length, 1);
    const [row] = rows;
    assert.equal(row?.public_key, publicKey);
    assert.equal(Buffer.from(privateKey, 'base64url').length, 32);
    assert.ok(!row?.private_key.includes(privateKey));
    // A raw VAPID private key is 32 bytes in base64url (43 characters); stored, it is sealed with the server's secret.
    assert.notEqual(Buffer.from(row?.private_key ?? '', 'base64url').length, 32);
    assert.ok((row?.private_key.length ?? 0) > 43);
  });
});
