// The cluster (scripts/cluster.ts): nginx in front of two instances on one PostgreSQL. Generated paths that take
// every transition go through nginx and must land on both instances; what one instance keeps, the other sees.
import { randomUUID } from 'node:crypto';
import { journeyPaths, pathSetFrom, transitionCover } from '@/paths/sets';
import { demoUsers } from '@/server/demoData';
import { fetchAgainIfReset } from './anotherClient';
import { expect, pathTest, test } from './fixtures';
import { declarePathTests } from './pathTests';
import { pathsCluster } from './testClusters';

const pathSet = pathSetFrom(process.env.PATHS);
const INSTANCE_HEADER = 'x-served-by';

pathTest.describe(`journey paths through the cluster (${pathSet}, every transition)`, () => {
  const servedBy = new Set<string>();
  pathTest.beforeEach(({ page }) => {
    servedBy.clear();
    page.on('response', (response) => {
      const instance = response.headers()[INSTANCE_HEADER];
      if (instance) servedBy.add(instance);
    });
  });
  pathTest.afterEach(() => {
    expect([...servedBy].sort(), 'the instances that answered this path').toEqual([
      'instance-1',
      'instance-2',
    ]);
  });
  declarePathTests(transitionCover(journeyPaths(pathSet)));
});

type Call = { method?: string; body?: unknown; cookie?: string; client: string };

/**
 * A request straight to one instance, as nginx forwards a browser's: from the cluster's origin, with the client's
 * address as nginx saw it (the instances trust nginx and the test in front of it, playwright.config.ts).
 */
async function callInstance(
  instanceUrl: string,
  path: string,
  { method = 'GET', body, cookie, client }: Call,
) {
  const response = await fetchAgainIfReset(`${instanceUrl}${path}`, {
    method,
    headers: {
      origin: pathsCluster.url,
      'x-forwarded-for': `${client}, 127.0.0.1`,
      ...(body !== undefined && { 'content-type': 'application/json' }),
      ...(cookie && { cookie }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const cookies = response.headers.getSetCookie().map((line) => line.split(';')[0] as string);
  return {
    status: response.status,
    servedBy: response.headers.get(INSTANCE_HEADER),
    body: await response.json(),
    cookie: cookies.join('; '),
  };
}

/** A password sign-in on one instance. */
const signInOn = (instanceUrl: string, email: string, password: string, client: string) =>
  callInstance(instanceUrl, '/api/session', { method: 'POST', body: { email, password }, client });

/** A client address of its own: the limits one test reaches meet no other. */
const newClient = () => `198.19.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}`;
const ada = demoUsers.ada;

test.describe('what one instance keeps, the other sees at once', () => {
  test.use({ personaNames: [ada.email] });

  test('a session opened on one is open on the other, and a logout on either ends it on both', async ({
    emails,
  }) => {
    const [first, second] = pathsCluster.instanceUrls;
    const client = newClient();
    const email = emails[ada.email] as string;
    const signIn = await signInOn(first, email, ada.password, client);
    expect([signIn.status, signIn.servedBy]).toEqual([200, 'instance-1']);
    const seen = await callInstance(second, '/api/session', { cookie: signIn.cookie, client });
    expect([seen.servedBy, seen.body.session?.user.email]).toEqual(['instance-2', email]);

    const logout = await callInstance(second, '/api/session', {
      method: 'DELETE',
      cookie: signIn.cookie,
      client,
    });
    expect(logout.status).toBe(200);
    const after = await callInstance(first, '/api/session', { cookie: signIn.cookie, client });
    expect(after.body).toMatchObject({ session: null, expired: true });
  });

  test('sign-ins from one address, spread over both instances, are limited as if one served them all', async () => {
    const instances = pathsCluster.instanceUrls;
    const { rateLimits } = await import('@/server/rateLimit');
    const client = newClient();
    const id = randomUUID().slice(0, 8);
    // Each for an email of its own, so that no lockout (per email) answers before the address's limit.
    const tryOnce = (attempt: number) =>
      signInOn(
        instances[attempt % 2] as string,
        `nobody-${id}-${attempt}@acme.test`,
        'not-the-password',
        client,
      );
    for (let attempt = 0; attempt < rateLimits.signIn.perMinute; attempt += 1)
      expect((await tryOnce(attempt)).status, `attempt ${attempt + 1}`).toBe(401);
    const over = await tryOnce(rateLimits.signIn.perMinute);
    expect([over.status, over.body.error.code]).toEqual([429, 'RATE_LIMITED']);
  });

  test('a lockout reached on one instance holds on the other', async ({ emails }) => {
    const [first, second] = pathsCluster.instanceUrls;
    const { lockoutPolicy } = await import('@/server/lockout');
    const email = emails[ada.email] as string;
    for (let attempt = 0; attempt < lockoutPolicy.maxFailures; attempt += 1)
      await signInOn(first, email, 'not-the-password', newClient());
    const right = await signInOn(second, email, ada.password, newClient());
    expect([right.status, right.servedBy, right.body.error.code]).toEqual([429, 'instance-2', 'LOCKED_OUT']);
  });

  test('a reset link used on one instance is dead on the other, and the new password works on both', async ({
    emails,
    mail,
  }) => {
    const [first, second] = pathsCluster.instanceUrls;
    const client = newClient();
    const email = emails[ada.email] as string;
    const asked = await callInstance(first, '/api/password-reset/request', {
      method: 'POST',
      body: { email },
      client,
    });
    expect(asked.status).toBe(202);
    const token = new URL(await mail.nextResetLink(email)).searchParams.get('token');
    const password = `Cluster-new-pass-${randomUUID().slice(0, 8)}`;
    const reset = (instance: string) =>
      callInstance(instance, '/api/password-reset', { method: 'POST', body: { token, password }, client });
    expect((await reset(second)).status).toBe(200);
    expect((await reset(first)).status).toBe(410);

    expect((await signInOn(first, email, password, client)).status).toBe(200);
    expect((await signInOn(second, email, password, client)).status).toBe(200);
    expect((await signInOn(second, email, ada.password, client)).status).toBe(401);
  });
});
