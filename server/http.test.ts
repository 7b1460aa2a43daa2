import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { z } from 'zod';
import { origin, request } from './testbed';

const { afterAnswer, answer, problems, readJsonBody, readJourneyPost, refuseForeignOrigin } = await import(
  './http'
);

const errorOf = async (response: Response) =>
  ((await response.json()) as { error: { code: string; message: string } }).error;

describe('the answers the APIs share', () => {
  it('gives each problem its status, a stable code and a sentence a client can show, never cached', async () => {
    const expected: Record<keyof typeof problems, [number, string]> = {
      invalidCredentials: [401, 'INVALID_CREDENTIALS'],
      accountNumberMismatch: [422, 'ACCOUNT_NUMBER_MISMATCH'],
      accountNumberRequired: [400, 'ACCOUNT_NUMBER_REQUIRED'],
      lockedOut: [429, 'LOCKED_OUT'],
      rateLimited: [429, 'RATE_LIMITED'],
      notSignedIn: [401, 'NOT_SIGNED_IN'],
      serviceUnavailable: [503, 'SERVICE_UNAVAILABLE'],
      resetLinkInvalid: [410, 'RESET_LINK_INVALID'],
      passwordTooCommon: [422, 'PASSWORD_TOO_COMMON'],
      ssoFailed: [400, 'SSO_FAILED'],
    };
    const messages = new Set<string>();
    for (const [name, [status, code]] of Object.entries(expected)) {
      const make = problems[name as keyof typeof problems] as (argument?: unknown) => Response;
      const argument = { lockedOut: new Date('2030-01-01T10:00:00Z'), rateLimited: 30 }[name as string];
      const response = make(argument);
      const error = await errorOf(response);
      assert.equal(response.status, status, name);
      assert.equal(error.code, code, name);
      assert.match(error.message, /^[A-Z].{10,}\.$/, name);
      messages.add(error.message);
      assert.equal(response.headers.get('cache-control'), 'no-store, no-transform', name);
      assert.equal(response.headers.get('content-type'), 'application/json; charset=utf-8', name);
    }
    assert.equal(messages.size, Object.keys(expected).length, 'each problem in its own words');
  });

  it('says until when a lockout lasts, and how many seconds to wait after too many requests', async () => {
    const locked = (await problems.lockedOut(new Date('2030-01-01T10:00:00Z')).json()) as {
      error: { retryAt: string };
    };
    assert.equal(locked.error.retryAt, '2030-01-01T10:00:00.000Z');
    assert.equal(problems.rateLimited(42).headers.get('retry-after'), '42');
    assert.equal(problems.serviceUnavailable().headers.get('retry-after'), '5');
  });

  it('sets every cookie a step gives it, and only then', () => {
    assert.deepEqual(answer({}, 200, ['a=1; Path=/', 'b=2; Path=/']).headers.getSetCookie(), [
      'a=1; Path=/',
      'b=2; Path=/',
    ]);
    assert.deepEqual(answer({}).headers.getSetCookie(), []);
    assert.deepEqual(problems.ssoFailed(['c=; Max-Age=0']).headers.getSetCookie(), ['c=; Max-Age=0']);
    assert.deepEqual(problems.ssoFailed().headers.getSetCookie(), []);
  });
});

describe('requests from another site', () => {
  it('are refused unless they come from our own origin or carry a bearer token', async () => {
    const from = (headers: Record<string, string>) =>
      refuseForeignOrigin(new Request(`${origin}/api/session`, { method: 'DELETE', headers }));
    assert.equal(from({ origin }), null);
    assert.equal(from({ origin: 'https://evil.example', authorization: 'Bearer abc' }), null);
    for (const headers of [{ origin: 'https://evil.example' }, {}, { authorization: 'Basic abc' }] as Array<
      Record<string, string>
    >) {
      const refused = from(headers);
      assert.equal(refused?.status, 403, JSON.stringify(headers));
      assert.deepEqual(await errorOf(refused as Response), {
        code: 'FORBIDDEN_ORIGIN',
        message: 'This request must come from the sign-in page.',
      });
    }
  });
});

describe('reading a JSON body', () => {
  const schema = z.strictObject({ email: z.string().max(5, 'is too long') });
  const read = (body: string | undefined, headers: Record<string, string> = {}) =>
    readJsonBody(request('/api/identify', 'POST', body, headers), schema);
  const refusal = async (result: { ok: boolean }) => {
    assert.equal(result.ok, false);
    const { response } = result as { ok: false; response: Response };
    assert.equal(response.status, 400);
    return errorOf(response);
  };

  it('takes a body the schema accepts', async () => {
    assert.deepEqual(await read('{"email":"a@b"}'), { ok: true, value: { email: 'a@b' } });
    assert.deepEqual(await read('{"email":"a@b"}', { 'content-type': 'Application/JSON; charset=utf-8' }), {
      ok: true,
      value: { email: 'a@b' },
    });
  });

  it('refuses another media type, and says which one to send', async () => {
    const error = await refusal(
      await read('email=a', { 'content-type': 'application/x-www-form-urlencoded' }),
    );
    assert.equal(error.code, 'UNSUPPORTED_MEDIA_TYPE');
    assert.match(error.message, /application\/json/);
    assert.equal(
      (await refusal(await readJsonBody(new Request(origin, { method: 'POST' }), schema))).code,
      'UNSUPPORTED_MEDIA_TYPE',
    );
  });

  it('refuses a body over 4 KiB, whether its Content-Length says so or lies', async () => {
    const big = JSON.stringify({ email: 'x'.repeat(5000) });
    const declared = await refusal(await read(big, { 'content-length': String(big.length) }));
    assert.equal(declared.code, 'BODY_TOO_LARGE');
    assert.match(declared.message, /4096 bytes/);
    for (const lie of [{ 'content-length': '10' }, {}] as Array<Record<string, string>>) {
      assert.equal((await refusal(await read(big, lie))).code, 'BODY_TOO_LARGE', JSON.stringify(lie));
    }
    const fullSize = JSON.stringify({ email: 'a' }).padEnd(4096, ' ');
    assert.equal((await read(fullSize)).ok, true);
    assert.equal((await read(fullSize, { 'content-length': '4096' })).ok, true);
  });

  it('refuses a body that says it is over 4 KiB before reading it, however small it is', async () => {
    const error = await refusal(await read('{"email":"a"}', { 'content-length': '4097' }));
    assert.equal(error.code, 'BODY_TOO_LARGE');
  });

  it('refuses a JSON request with no body as malformed', async () => {
    const empty = new Request(`${origin}/api/identify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal((await refusal(await readJsonBody(empty, schema))).code, 'MALFORMED_JSON');
  });

  it('refuses what is not JSON, and names the field a schema refuses with why', async () => {
    const malformed = await refusal(await read('{"email":'));
    assert.equal(malformed.code, 'MALFORMED_JSON');
    assert.match(malformed.message, /not valid JSON/);
    const invalid = await refusal(await read('{"email":"toolong"}'));
    assert.deepEqual(invalid, { code: 'INVALID_BODY', message: 'email: is too long' });
    const wrongShape = await refusal(await read('[]'));
    assert.equal(wrongShape.code, 'INVALID_BODY');
    // Nothing to name when the whole body is refused: zod's own words alone.
    assert.equal(wrongShape.message, schema.safeParse([]).error?.issues[0]?.message);
    const nested = z.strictObject({ person: schema });
    const deep = await refusal(
      await readJsonBody(request('/api/identify', 'POST', '{"person":{"email":"toolong"}}'), nested),
    );
    assert.equal(deep.message, 'person.email: is too long');
  });

  it('refuses another site and a client over its limit before it reads the body', async () => {
    const foreign = await readJourneyPost(
      request('/api/identify', 'POST', '{', { origin: 'https://evil.example' }),
      'identify',
      schema,
    );
    assert.equal(foreign.ok, false);
    assert.equal((foreign as { response: Response }).response.status, 403);
    const headers = { 'x-forwarded-for': '192.0.2.250' };
    const post = () => readJourneyPost(request('/api/identify', 'POST', '{', headers), 'identify', schema);
    // A malformed body still counts against the limit: refusing it cost the server a request.
    for (let attempt = 0; attempt < 30; attempt += 1) await post();
    const limited = await post();
    assert.equal(limited.ok, false);
    assert.equal((limited as { response: Response }).response.status, 429);
  });
});

describe('work after the answer', () => {
  it('runs outside a request, and logs a failure instead of throwing it at nobody', async () => {
    const error = mock.method(console, 'error', () => {});
    let ran = false;
    afterAnswer(async () => {
      ran = true;
    });
    afterAnswer(async () => {
      throw new Error('mail server down');
    });
    await new Promise((resolve) => setImmediate(resolve));
    error.mock.restore();
    assert.equal(ran, true);
    const logged = error.mock.calls.map((call) => JSON.parse(String(call.arguments[0])));
    assert.deepEqual(
      logged.map(({ event, error }) => ({ event, error })),
      [{ event: 'after_answer.failed', error: 'mail server down' }],
    );
  });
});
