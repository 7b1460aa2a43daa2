// Every route handler, sent generated requests (issue 16): whatever a client sends, the answer is a success or
// a 4xx in the documented shape, and it never shows a stack trace, a path of the server or SQL.
// Named to sort first in server/: node's test runner starts files in name order, and this one runs longest.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it, type Mock, mock } from 'node:test';
import fc from 'fast-check';
import type { z } from 'zod';
import { cookieFrom, origin, request, seedFreshCopy } from './testbed';

const { demoAccounts, demoUsers } = await import('./demoData');
const schemas = await import('./credentials');
const { pushSubscriptionSchema } = await import('./notifications/pushSubscriptions');
const { LICENCE_VERSION } = await import('./licence');
const { journeyChart } = await import('@/machines/chart');
const session = await import('@/app/api/session/route');
const identify = await import('@/app/api/identify/route');
const licence = await import('@/app/api/licence/route');
const passwordReset = await import('@/app/api/password-reset/route');
const resetRequest = await import('@/app/api/password-reset/request/route');
const resetCheck = await import('@/app/api/password-reset/check/route');
const ssoStart = await import('@/app/api/sso/start/route');
const ssoComplete = await import('@/app/api/sso/complete/route');
const notificationsKey = await import('@/app/api/notifications/key/route');
const liveChannel = await import('@/app/api/notifications/live/route');
const subscriptions = await import('@/app/api/notifications/subscriptions/route');
const traffic = await import('@/app/api/journey/traffic/route');
const cspReport = await import('@/app/api/csp-report/route');
const offlinePage = await import('@/app/offline.html/route');
const stateScreen = await import('@/app/statechart/screens/[file]/route');

const RUNS_PER_HANDLER = 1_000;
const absent = fc.constant(undefined);
const MISSING = Symbol('missing');

// The statechart's screens come from a folder of this file's own, with one screen in it to be found.
const screensDir = mkdtempSync(path.join(tmpdir(), 'relay-fuzz-screens-'));
const keptScreen = 'journey.signedOut.identify.jpg';
writeFileSync(path.join(screensDir, keptScreen), Buffer.from([0xff, 0xd8, 0xff, 0xd9]));
process.env.STATE_SCREENS_DIR = screensDir;
after(() => rmSync(screensDir, { recursive: true, force: true }));

type Method = 'GET' | 'POST' | 'DELETE';
type Handler = (
  request: Request,
  context: { params: Promise<{ file: string }> },
) => Response | Promise<Response>;

type RouteUnderFuzz = {
  path: string;
  handlers: Partial<Record<Method, Handler>>;
  /** What a success answers with. */
  succeeds: 'json' | 'noContent' | 'html' | 'jpeg' | 'eventStream';
  /** The body's field names, each with values its schema accepts: generated bodies mix them with junk. */
  fields?: Record<string, unknown[]>;
  /** The query parameters the route reads, beside any others a client makes up. */
  query?: string[];
  /** Values of the path's dynamic segment (`[file]`) that it would serve. */
  segment?: string[];
  /** The media types the route reads its body as. */
  mediaTypes?: string[];
  /** Each body it accepts costs a password hash (argon2, slow on purpose): fewer good values are generated. */
  hashesPasswords?: boolean;
};

const known = await seedFreshCopy(demoUsers.ada, 'fuzz-known');
const emails = [known.email, ` ${known.email.toUpperCase()} `, 'nobody@acme.test'];
const accountNumbers = [null, demoAccounts.acme.number, demoAccounts.globex.number, '0000'];
const transitionIds = journeyChart().transitions.map(({ id }) => id);
const resetToken = 'a'.repeat(24);

/** A body's fields as the route's schema names them (the compiler checks each name), with values it accepts. */
const fieldsOf = <Shape extends z.ZodRawShape>(
  _schema: z.ZodObject<Shape>,
  samples: Record<keyof Shape, unknown[]>,
) => samples;

const routes: RouteUnderFuzz[] = [
  {
    path: '/api/session',
    handlers: session,
    succeeds: 'json',
    hashesPasswords: true,
    fields: fieldsOf(schemas.credentialsSchema, {
      email: emails,
      password: [known.password, 'not-the-password'],
      accountNumber: accountNumbers,
    }),
  },
  {
    path: '/api/identify',
    handlers: identify,
    succeeds: 'json',
    fields: fieldsOf(schemas.identifySchema, { email: emails, accountNumber: accountNumbers }),
  },
  {
    path: '/api/licence',
    handlers: licence,
    succeeds: 'json',
    fields: fieldsOf(schemas.licenceAcceptanceSchema, { version: [LICENCE_VERSION, '1999-01'] }),
  },
  {
    path: '/api/password-reset',
    handlers: passwordReset,
    succeeds: 'json',
    fields: fieldsOf(schemas.newPasswordSchema, {
      token: [resetToken, ''],
      password: ['password', 'a-long-new-password-1'],
    }),
  },
  {
    path: '/api/password-reset/request',
    handlers: resetRequest,
    succeeds: 'json',
    fields: fieldsOf(schemas.resetRequestSchema, { email: emails }),
  },
  {
    path: '/api/password-reset/check',
    handlers: resetCheck,
    succeeds: 'json',
    fields: fieldsOf(schemas.resetLinkSchema, { token: [resetToken] }),
  },
  {
    path: '/api/sso/start',
    handlers: ssoStart,
    succeeds: 'json',
    fields: fieldsOf(schemas.identifySchema, { email: emails, accountNumber: accountNumbers }),
  },
  {
    path: '/api/sso/complete',
    handlers: ssoComplete,
    succeeds: 'json',
    fields: fieldsOf(schemas.ssoCompletionSchema, { query: ['code=abc&state=def', 'error=access_denied'] }),
  },
  { path: '/api/notifications/key', handlers: notificationsKey, succeeds: 'json' },
  { path: '/api/notifications/live', handlers: liveChannel, succeeds: 'eventStream', query: ['since'] },
  {
    path: '/api/notifications/subscriptions',
    handlers: subscriptions,
    succeeds: 'json',
    fields: fieldsOf(pushSubscriptionSchema, {
      endpoint: [
        'https://fcm.googleapis.com/fcm/send/fuzz',
        'https://updates.push.services.mozilla.com/wpush/v2/fuzz',
      ],
      expirationTime: [null, 0],
      keys: [
        {
          p256dh: Buffer.alloc(65, 4).toString('base64url'),
          auth: Buffer.alloc(16, 1).toString('base64url'),
        },
      ],
    }),
  },
  {
    path: '/api/journey/traffic',
    handlers: traffic,
    succeeds: 'json',
    fields: { transitions: [transitionIds.slice(0, 3), ['not-a-transition'], []] },
  },
  {
    path: '/api/csp-report',
    handlers: cspReport,
    succeeds: 'noContent',
    mediaTypes: ['application/reports+json', 'application/csp-report'],
    // Both shapes: the older report's one field, and the fields of each report in the Reporting API's list.
    fields: {
      'csp-report': [{ 'document-uri': `${origin}/`, 'violated-directive': 'img-src' }],
      type: ['csp-violation'],
      body: [{ documentURL: `${origin}/`, blockedURL: 'inline' }],
    },
  },
  { path: '/offline.html', handlers: offlinePage, succeeds: 'html' },
  {
    path: '/statechart/screens',
    handlers: stateScreen,
    succeeds: 'jpeg',
    segment: [keptScreen, 'journey.x~a~b.jpg', '../relay.sqlite', '.jpg'],
  },
];

/** Header values as a client may send them: any byte a header can carry. */
const headerText = fc.string({
  unit: fc
    .oneof(fc.integer({ min: 0x20, max: 0xff }), fc.constant(0x09))
    .map((code) => String.fromCharCode(code)),
  maxLength: 80,
});
const anyText = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), headerText);
const percentJunk = fc.constantFrom(
  '%',
  '%zz',
  '%E0%A4%A',
  '%00',
  '%C0%AF',
  '%2e%2e%2f',
  '%FF%FE',
  '+',
  '&&',
  '=',
);
const oversized = fc.integer({ min: 4_000, max: 40_000 }).map((length) => 'x'.repeat(length));
// Keys that reach Object.prototype when a parser or a merge assigns them carelessly.
const pollutingKeys = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

/** Any value in a field: of the wrong type, empty, nested, or far too long. */
const oddValue = fc.oneof(
  anyText,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }),
  fc.dictionary(fc.oneof(fc.constantFrom(...pollutingKeys), fc.string()), fc.jsonValue({ maxDepth: 2 }), {
    maxKeys: 4,
  }),
  oversized,
);

/** JSON object text of exactly these entries, repeated and prototype keys included (JSON.stringify drops them). */
const objectText = (entries: Array<[string, unknown]>) =>
  `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value) ?? 'null'}`).join(',')}}`;

/**
 * Request bodies: mostly objects (or lists of them) of the route's own fields holding good or odd values; then
 * such a body cut short, any JSON, any text, one far too large, or none.
 */
function bodies({ fields = {}, hashesPasswords }: RouteUnderFuzz): fc.Arbitrary<string | undefined> {
  // Mostly a value the schema accepts, so that a good share of bodies gets past it and into the handler.
  const entry = (name: string, samples: unknown[]) =>
    fc
      .oneof(
        { weight: hashesPasswords ? 2 : 6, arbitrary: fc.constantFrom(...samples) },
        { weight: 1, arbitrary: oddValue },
        { weight: 1, arbitrary: fc.constant(MISSING) },
      )
      .map((value): Array<[string, unknown]> => (value === MISSING ? [] : [[name, value]]));
  const fewOf = <T>(arbitrary: fc.Arbitrary<T>) =>
    fc.oneof({ weight: 6, arbitrary: fc.constant([]) }, fc.array(arbitrary, { minLength: 1, maxLength: 2 }));
  const stranger = fc.tuple(fc.oneof(fc.constantFrom(...pollutingKeys), fc.string()), oddValue);
  const repeated = fc.tuple(fc.constantFrom(...Object.keys(fields), '_'), oddValue);
  const shaped = fc
    .tuple(
      fc.tuple(...Object.entries(fields).map(([name, samples]) => entry(name, samples))),
      fewOf(stranger),
      fewOf(repeated),
    )
    .map(([own, strangers, repeats]) => objectText([...own.flat(), ...strangers, ...repeats]));
  return fc.oneof(
    { weight: 12, arbitrary: shaped },
    { weight: 2, arbitrary: fc.array(shaped, { minLength: 1, maxLength: 3 }).map((items) => `[${items}]`) },
    { weight: 1, arbitrary: shaped.chain((text) => fc.nat(text.length).map((cut) => text.slice(0, cut))) },
    { weight: 1, arbitrary: fc.json({ maxDepth: 3 }) },
    { weight: 1, arbitrary: anyText },
    { weight: 1, arbitrary: oversized },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

/** Query strings: the route's own parameters and others, repeated, with percent-encoding that decodes wrongly. */
function queries(names: string[]): fc.Arbitrary<string> {
  const name = fc.oneof(fc.constantFrom('__proto__', ...names), fc.string({ maxLength: 8 }));
  const value = fc
    .array(fc.oneof(fc.string({ maxLength: 8 }), percentJunk, fc.nat().map(String)), { maxLength: 3 })
    .map((parts) => parts.join(''));
  return fc
    .array(fc.tuple(name, value), { maxLength: 4 })
    .map((pairs) => (pairs.length ? `?${pairs.map(([key, text]) => `${key}=${text}`).join('&')}` : ''));
}

const OWN_ADDRESS = 'own address';
let addresses = 0;
/** A client address of its own: the limits are per address. */
const nextAddress = () => {
  addresses += 1;
  return `198.18.${(addresses >> 8) & 255}.${addresses & 255}`;
};

/** A signed-in session of a user of its own: its cookie and its bearer token. */
async function signedIn() {
  const user = await seedFreshCopy(demoUsers.ada, 'fuzz-signed-in');
  const signIn = await session.POST(
    request(
      '/api/session',
      'POST',
      { email: user.email, password: user.password },
      { 'x-forwarded-for': nextAddress() },
    ),
  );
  assert.equal(signIn.status, 200, await signIn.clone().text());
  const cookie = cookieFrom(signIn);
  return { cookie, token: decodeURIComponent(cookie.slice(cookie.indexOf('=') + 1)) };
}

/** Headers a browser, another client or an attacker may send; each may be absent. */
function headers(route: RouteUnderFuzz, signedInAs: { cookie: string; token: string }) {
  const mediaTypes = [...(route.mediaTypes ?? []), 'application/json'];
  return fc.record({
    'content-type': fc.oneof(
      {
        weight: 10,
        arbitrary: fc.constantFrom(
          ...mediaTypes,
          ...mediaTypes.map((type) => `${type.toUpperCase()}; charset=utf-8`),
        ),
      },
      fc.constantFrom(
        'text/plain',
        'multipart/form-data; boundary=x',
        'application/x-www-form-urlencoded',
        '',
      ),
      headerText,
      absent,
    ),
    origin: fc.oneof(
      { weight: 10, arbitrary: fc.constant(origin) },
      fc.constantFrom('https://evil.test', 'null', `${origin}.evil.test`, ''),
      headerText,
      absent,
    ),
    cookie: fc.oneof(
      { weight: 4, arbitrary: fc.constant(signedInAs.cookie) },
      headerText.map((junk) => `${signedInAs.cookie}${junk}`),
      headerText.map(
        (junk) => `relay.session_token=${junk}; relay.traffic_visit=${junk}; relay.sso_login=${junk}`,
      ),
      headerText,
      absent,
    ),
    authorization: fc.oneof(
      fc.constant(`Bearer ${signedInAs.token}`),
      headerText.map((junk) => `Bearer ${junk}`),
      headerText,
      { weight: 3, arbitrary: absent },
    ),
    // Mostly an address of its own per request: the per-address limits would otherwise answer nearly all.
    'x-forwarded-for': fc.oneof({ weight: 8, arbitrary: fc.constant(OWN_ADDRESS) }, headerText, absent),
    'last-event-id': fc.oneof(fc.nat().map(String), fc.constant('9'.repeat(40)), headerText, absent),
    'content-length': fc.oneof({ weight: 8, arbitrary: absent }, fc.constantFrom('0', '-1', '1e9', 'abc')),
  });
}

type Sent = { url: string; headers: Record<string, string>; body?: string };

function requestOf(method: Method, sent: Sent): Request {
  return new Request(sent.url, { method, headers: sent.headers, body: sent.body });
}

// What a server must never tell a client: where its files are, how its code ran, what its database was asked.
const serverDetails = [
  /\bat \S+ \(?\S+:\d+:\d+\)?/,
  /\b\w*Error:/,
  new RegExp(process.cwd().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
  /\/work\//,
  /node_modules/,
  /\.[cm]?[jt]sx?:\d+/,
  /SQLITE_|no such (table|column)|\bselect\b.*\bfrom\b|\binsert into\b|\bdelete from\b/i,
];

/** The first detail of the server an answer shows that the request did not send (a field name echoed back). */
function serverDetailIn(text: string, sent: Sent): string | undefined {
  const sentText = `${sent.url} ${Object.values(sent.headers).join(' ')} ${sent.body ?? ''}`;
  for (const pattern of serverDetails) {
    const found = pattern.exec(text)?.[0];
    if (found && !sentText.includes(found) && !JSON.stringify(sentText).includes(found)) return found;
  }
  return undefined;
}

/** The documented error shape: `{ error: { code, message } }`, and `retryAt` on a locked email only. */
function assertDocumentedError(body: unknown, response: Response) {
  assert.ok(body !== null && typeof body === 'object' && !Array.isArray(body));
  assert.deepEqual(Object.keys(body), ['error']);
  const { error } = body as { error: Record<string, unknown> };
  assert.match(String(error.code), /^[A-Z][A-Z_]+$/);
  assert.equal(typeof error.message, 'string');
  assert.ok((error.message as string).length > 0);
  const extra = Object.keys(error).filter((key) => key !== 'code' && key !== 'message');
  if (error.code === 'LOCKED_OUT') {
    assert.deepEqual(extra, ['retryAt']);
    assert.ok(!Number.isNaN(Date.parse(String(error.retryAt))));
  } else assert.deepEqual(extra, []);
  if (error.code === 'RATE_LIMITED') assert.match(response.headers.get('retry-after') ?? '', /^\d+$/);
}

/** Everything an answer must be, whatever was sent: see the file's first line. */
async function assertDocumentedAnswer(route: RouteUnderFuzz, response: Response, sent: Sent) {
  const contentType = response.headers.get('content-type') ?? '';
  if (route.succeeds === 'eventStream' && response.ok) {
    await response.body?.cancel();
    assert.match(contentType, /^text\/event-stream/);
    return;
  }
  if (route.succeeds === 'jpeg' && response.ok) {
    assert.equal(contentType, 'image/jpeg');
    return;
  }
  const text = await response.text();
  const where = `${response.status} ${text.slice(0, 300)}`;
  assert.ok(response.status < 500, where);
  assert.equal(serverDetailIn(text, sent), undefined, where);
  if (route.succeeds === 'noContent' && response.ok) return assert.equal(response.status, 204, where);
  if (route.succeeds === 'html' && response.ok) return assert.match(contentType, /^text\/html/, where);
  assert.match(contentType, /^application\/json/, where);
  assert.match(response.headers.get('cache-control') ?? '', /no-store/, where);
  const body: unknown = JSON.parse(text);
  if (response.ok) return undefined;
  assertDocumentedError(body, response);
  return (body as { error: { code: string } }).error.code;
}

/** One property for a handler: each generated request gets a documented answer and nothing leaks; the codes. */
async function fuzz(route: RouteUnderFuzz, method: Method, handler: Handler) {
  const signedInAs = await signedIn();
  const segment = route.segment ? fc.oneof(fc.constantFrom(...route.segment), anyText) : absent;
  const sentRequests = fc.record({
    segment,
    query: queries(route.query ?? []),
    headers: headers(route, signedInAs),
    body: method === 'GET' ? absent : bodies(route),
  });
  const codes: string[] = [];
  await fc.assert(
    fc.asyncProperty(sentRequests, async (generated) => {
      const headerEntries = Object.entries(generated.headers).flatMap(([name, value]) =>
        value === undefined ? [] : [[name, value === OWN_ADDRESS ? nextAddress() : value]],
      );
      const pathname =
        generated.segment === undefined
          ? route.path
          : `${route.path}/${encodeURIComponent(generated.segment)}`;
      const sent: Sent = {
        url: `${origin}${pathname}${generated.query}`,
        headers: Object.fromEntries(headerEntries),
        body: generated.body,
      };
      const params = Promise.resolve({ file: generated.segment ?? '' });
      const response = await handler(requestOf(method, sent), { params });
      codes.push((await assertDocumentedAnswer(route, response, sent)) ?? String(response.status));
      assert.deepEqual(Object.keys(Object.prototype), [], 'a body polluted Object.prototype');
    }),
    { numRuns: RUNS_PER_HANDLER },
  );
  return codes;
}

// The refusals at the boundary: fuzzing that only ever met them would never test the handler behind them.
const boundaryRefusals = new Set([
  'UNSUPPORTED_MEDIA_TYPE',
  'MALFORMED_JSON',
  'INVALID_BODY',
  'BODY_TOO_LARGE',
  'FORBIDDEN_ORIGIN',
  'RATE_LIMITED',
  'NOT_SIGNED_IN',
  'INVALID_SINCE',
]);

/** A handler may log an error as one line of a known event (mail not sent), never as a failure it swallowed. */
function assertNoFailureLogged(logged: unknown[]) {
  const line = String(logged[0]);
  assert.equal(logged.length, 1, line);
  const { event } = JSON.parse(line) as { event: string };
  assert.notEqual(event, 'after_answer.failed', line);
}

describe('every route, sent 1,000 generated requests per method', () => {
  // The handlers log what they refuse (SSO failures, CSP reports): their lines, not the test's output.
  let loggedErrors: Mock<typeof console.error>;
  before(() => {
    for (const level of ['log', 'info', 'warn'] as const) mock.method(console, level, () => {});
    loggedErrors = mock.method(console, 'error', () => {});
  });
  after(() => mock.restoreAll());

  for (const route of routes) {
    for (const [method, handler] of Object.entries(route.handlers) as Array<[Method, Handler]>) {
      if (!['GET', 'POST', 'DELETE'].includes(method)) continue;
      it(`${method} ${route.path} answers anything with a success or a documented 4xx, and shows nothing of the server`, async () => {
        loggedErrors.mock.resetCalls();
        const codes = await fuzz(route, method, handler);
        const reached = codes.filter((code) => !boundaryRefusals.has(code)).length;
        assert.ok(
          reached >= RUNS_PER_HANDLER / 50,
          `only ${reached} requests got past the boundary's checks`,
        );
        for (const { arguments: logged } of loggedErrors.mock.calls) assertNoFailureLogged(logged);
      });
    }
  }
});
