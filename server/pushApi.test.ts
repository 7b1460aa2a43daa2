import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createECDH, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { decrypt } from 'http_ece';
import { importJWK, jwtVerify } from 'jose';

// A push service on loopback, as a browser's would be: HTTPS (web-push speaks nothing else) with a certificate of
// its own that this process alone trusts. It keeps what it receives; under /gone/ it answers as for a subscription
// that no longer exists, under /hang/ it never answers.
const certDir = mkdtempSync(path.join(tmpdir(), 'relay-push-'));
const [keyFile, certFile] = [path.join(certDir, 'key.pem'), path.join(certDir, 'cert.pem')];
execFileSync(
  'openssl',
  ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1']
    .concat(['-keyout', keyFile, '-out', certFile, '-subj', '/CN=127.0.0.1'])
    .concat(['-addext', 'subjectAltName=IP:127.0.0.1']),
  { stdio: 'ignore' },
);
type Received = { path: string; headers: IncomingHttpHeaders; body: Buffer };
const received: Received[] = [];
const pushService = https.createServer(
  { key: readFileSync(keyFile), cert: readFileSync(certFile) },
  (incoming, reply) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const where = incoming.url ?? '';
      if (where.startsWith('/hang/')) return;
      received.push({ path: where, headers: incoming.headers, body: Buffer.concat(chunks) });
      reply.writeHead(where.startsWith('/gone/') ? 410 : 201).end();
    });
  },
);
await new Promise<void>((listening) => pushService.listen(0, '127.0.0.1', listening));
const pushOrigin = `https://127.0.0.1:${(pushService.address() as AddressInfo).port}`;
https.globalAgent.options.ca = readFileSync(certFile);
// The local service, and one of the browsers' own named by its subdomains, to try the wildcard's edges against.
process.env.PUSH_SERVICE_ORIGINS = `${pushOrigin},https://*.notify.windows.com`;
after(() => {
  pushService.closeAllConnections();
  pushService.close();
  rmSync(certDir, { recursive: true, force: true });
});

const { cookieFrom, request, seedFreshCopy } = await import('./testbed');
const { demoUsers } = await import('./demoData');
const { database } = await import('./database');
const { deliverTo } = await import('./inbox');
const { vapidKeys } = await import('./notifications/vapidKeys');
const session = await import('@/app/api/session/route');
const subscriptions = await import('@/app/api/notifications/subscriptions/route');

/** A browser's side of a subscription: its own P-256 key pair and authentication secret, as the Push API makes them. */
function browserKeys() {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return {
    ecdh,
    keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') },
  };
}

let clients = 0;
/** Each subscribing client has an address of its own, so that the per-client limit meets only the test aiming at it. */
const client = (headers: Record<string, string>) => {
  clients += 1;
  return { 'x-forwarded-for': `192.0.2.${clients % 250}`, ...headers };
};

let endpoints = 0;
/** A signed-in user whose browser subscribed at the local push service. */
async function subscribedUser(label: string, where = 'ok') {
  const user = await seedFreshCopy(demoUsers.ada, label);
  const signedIn = await session.POST(
    request('/api/session', 'POST', { email: user.email, password: user.password }, client({})),
  );
  const cookie = cookieFrom(signedIn);
  const { inbox } = (await signedIn.json()).session;
  const browser = browserKeys();
  endpoints += 1;
  const endpoint = `${pushOrigin}/${where}/${label}-${endpoints}`;
  const subscribed = await subscriptions.POST(
    request('/api/notifications/subscriptions', 'POST', { endpoint, keys: browser.keys }, client({ cookie })),
  );
  assert.equal(subscribed.status, 201, await subscribed.clone().text());
  return { user, cookie, browser, endpoint, inbox };
}

const at = (endpoint: string) => received.filter((message) => endpoint.endsWith(message.path));
const subscriptionRows = (endpoint: string) =>
  database().selectFrom('push_subscription').selectAll().where('endpoint', '=', endpoint).execute();

describe('Web Push to a signed-in browser with no page open', () => {
  it('pushes what arrives, encrypted for that browser alone (RFC 8291), signed with the server’s VAPID key: the item and nothing more', async () => {
    const { user, browser, endpoint } = await subscribedUser('push');
    assert.equal(await deliverTo(user.email, 'missedCall', 'Missed call from Grace Hopper'), true);
    const [message, ...more] = at(endpoint);
    assert.ok(message, 'the push service received the item');
    assert.equal(more.length, 0);
    assert.equal(message.headers['content-encoding'], 'aes128gcm');
    const payload = JSON.parse(
      decrypt(message.body, {
        version: 'aes128gcm',
        privateKey: browser.ecdh,
        authSecret: browser.keys.auth,
      }).toString(),
    );
    assert.deepEqual(payload, { kind: 'missedCall', summary: 'Missed call from Grace Hopper' });
    // VAPID (RFC 8292): a JWT for this push service, signed with the key the browser subscribed with.
    const { publicKey } = await vapidKeys();
    const vapid = /^vapid t=([^,]+), k=(.+)$/.exec(String(message.headers.authorization));
    assert.ok(vapid, String(message.headers.authorization));
    assert.equal(vapid[2], publicKey);
    const raw = Buffer.from(publicKey, 'base64url');
    const key = await importJWK(
      {
        kty: 'EC',
        crv: 'P-256',
        x: raw.subarray(1, 33).toString('base64url'),
        y: raw.subarray(33).toString('base64url'),
      },
      'ES256',
    );
    const { payload: claims } = await jwtVerify(vapid[1] as string, key, { audience: pushOrigin });
    assert.ok((claims.exp ?? 0) > Date.now() / 1000);
  });

  it('sends nothing after logout: the session’s subscription is gone before the answer, and the item waits for the next sign-in', async () => {
    const { user, cookie, endpoint, inbox: before } = await subscribedUser('logout');
    const loggedOut = await session.DELETE(request('/api/session', 'DELETE', undefined, { cookie }));
    assert.equal(loggedOut.status, 200);
    assert.deepEqual(await subscriptionRows(endpoint), []);
    await deliverTo(user.email, 'message', 'New message from Alan Turing');
    assert.deepEqual(at(endpoint), [], 'the push service received nothing');
    const again = await session.POST(
      request('/api/session', 'POST', { email: user.email, password: user.password }, client({})),
    );
    const { inbox } = (await again.json()).session;
    assert.equal(inbox.unreadMessages, before.unreadMessages + 1);
  });

  it('sends nothing for a session that ran out, and forgets its subscription', async () => {
    const { user, endpoint } = await subscribedUser('expired');
    const [row] = await subscriptionRows(endpoint);
    await database()
      .updateTable('session')
      .set({ expiresAt: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', row?.session_id ?? '')
      .execute();
    await deliverTo(user.email, 'message', 'New message from Alan Turing');
    assert.deepEqual(at(endpoint), []);
    assert.deepEqual(await subscriptionRows(endpoint), []);
  });

  it('forgets a subscription its push service says is gone (410)', async () => {
    const { user, endpoint } = await subscribedUser('gone', 'gone');
    await deliverTo(user.email, 'meetingInvitation', 'Meeting invitation from Grace Hopper');
    assert.equal(at(endpoint).length, 1);
    assert.deepEqual(await subscriptionRows(endpoint), []);
  });

  it('gives up on a push service that does not answer within its timeout, and keeps the subscription', async () => {
    const { user, endpoint } = await subscribedUser('hang', 'hang');
    const started = Date.now();
    await deliverTo(user.email, 'message', 'New message from Alan Turing');
    assert.ok(Date.now() - started < 10_000, `the delivery waited ${Date.now() - started} ms`);
    assert.equal((await subscriptionRows(endpoint)).length, 1);
  });
});

describe('a push subscription the server refuses', () => {
  const { keys } = browserKeys();
  const endpoint = `${pushOrigin}/ok/refused`;
  const bad: Array<[string, unknown, number]> = [
    ['an endpoint on no known push service', { endpoint: 'https://push.attacker.example/x', keys }, 400],
    ['an endpoint over plain HTTP', { endpoint: endpoint.replace('https:', 'http:'), keys }, 400],
    ['an endpoint that is no URL', { endpoint: 'not a url', keys }, 400],
    ['an oversized endpoint', { endpoint: `${endpoint}/${'x'.repeat(1_000)}`, keys }, 400],
    ['a public key of the wrong size', { endpoint, keys: { ...keys, p256dh: keys.auth } }, 400],
    [
      'an oversized secret',
      { endpoint, keys: { ...keys, auth: randomBytes(600).toString('base64url') } },
      400,
    ],
    [
      'a field it does not know (another session to keep it for)',
      { endpoint, keys, sessionId: 'theirs' },
      400,
    ],
    [
      'a host a legacy URL parser cuts short',
      { endpoint: 'https://10.0.0.5;.notify.windows.com/x', keys },
      400,
    ],
    ['credentials in the endpoint', { endpoint: 'https://a:b@wns2.notify.windows.com/x', keys }, 400],
    ['another port on a wildcard service', { endpoint: 'https://wns2.notify.windows.com:8443/x', keys }, 400],
    [
      'a host that only ends like a push service',
      { endpoint: 'https://evilnotify.windows.com/x', keys },
      400,
    ],
    ['an address instead of a host name', { endpoint: 'https://127.0.0.2/x', keys }, 400],
    ['no keys', { endpoint }, 400],
  ];
  for (const [what, body, status] of bad) {
    it(`refuses ${what} with ${status}, and keeps nothing`, async () => {
      const { cookie } = await subscribedUser('refusal');
      const answer = await subscriptions.POST(
        request('/api/notifications/subscriptions', 'POST', body, client({ cookie })),
      );
      assert.equal(answer.status, status);
      assert.equal((await answer.json()).error.code, 'INVALID_BODY');
      assert.deepEqual(await subscriptionRows((body as { endpoint?: string }).endpoint ?? ''), []);
    });
  }

  it('refuses a browser with no session (401), a foreign page (403) and a user before the licence (403)', async () => {
    const body = { endpoint: `${pushOrigin}/ok/anonymous`, keys };
    const post = (headers: Record<string, string>) =>
      subscriptions.POST(request('/api/notifications/subscriptions', 'POST', body, client(headers)));
    assert.equal((await post({})).status, 401);
    const { cookie } = await subscribedUser('origin');
    assert.equal((await post({ cookie, origin: 'https://attacker.example' })).status, 403);
    const grace = await seedFreshCopy(demoUsers.grace, 'push-licence');
    const graceIn = await session.POST(
      request('/api/session', 'POST', { email: grace.email, password: grace.password }, client({})),
    );
    const beforeLicence = await post({ cookie: cookieFrom(graceIn) });
    assert.equal(beforeLicence.status, 403);
    assert.equal((await beforeLicence.json()).error.code, 'LICENCE_NOT_ACCEPTED');
    assert.deepEqual(await subscriptionRows(body.endpoint), []);
  });

  it('keeps one subscription a session: a new one replaces it', async () => {
    const { cookie, endpoint } = await subscribedUser('replaced');
    const newer = `${pushOrigin}/ok/replaced-newer`;
    const again = await subscriptions.POST(
      request('/api/notifications/subscriptions', 'POST', { endpoint: newer, keys }, client({ cookie })),
    );
    assert.equal(again.status, 201);
    assert.deepEqual(await subscriptionRows(endpoint), []);
    assert.equal((await subscriptionRows(newer)).length, 1);
  });

  it('accepts a browser push service named by its subdomains', async () => {
    const { cookie } = await subscribedUser('wildcard');
    const endpoint = 'https://wns2-by3p.notify.windows.com/w/?token=AbC';
    const kept = await subscriptions.POST(
      request('/api/notifications/subscriptions', 'POST', { endpoint, keys }, client({ cookie })),
    );
    assert.equal(kept.status, 201);
  });

  it('moves an endpoint to the session last signed in on its browser: the earlier user’s items no longer go there', async () => {
    const earlier = await subscribedUser('earlier');
    const { cookie } = await subscribedUser('later');
    const later = browserKeys();
    const moved = await subscriptions.POST(
      request(
        '/api/notifications/subscriptions',
        'POST',
        { endpoint: earlier.endpoint, keys: later.keys },
        client({ cookie }),
      ),
    );
    assert.equal(moved.status, 201);
    await deliverTo(earlier.user.email, 'message', 'New message from Alan Turing');
    assert.deepEqual(at(earlier.endpoint), [], 'nothing of the earlier user reaches the browser');
  });

  it('limits how often a client subscribes (429)', async () => {
    const { cookie } = await subscribedUser('limit');
    const from = client({ cookie });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 11; attempt += 1) {
      const answer = await subscriptions.POST(
        request(
          '/api/notifications/subscriptions',
          'POST',
          { endpoint: `${pushOrigin}/ok/limit`, keys },
          from,
        ),
      );
      statuses.push(answer.status);
    }
    assert.deepEqual(statuses, [...Array(10).fill(201), 429]);
  });
});
