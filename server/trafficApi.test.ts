import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cookieFrom, request } from './testbed';

const { journeyChart } = await import('@/machines/chart');
const { TRAFFIC_BATCH_MAX } = await import('@/machines/traffic');
const { TRANSITIONS_PER_VISIT, recordTraffic, trafficOfLastDays } = await import('./traffic');
const { rateLimits } = await import('./rateLimit');
const traffic = await import('@/app/api/journey/traffic/route');

const ids = journeyChart().transitions.map(({ id }) => id);
const [first, second, third] = ids as [string, string, string];

let clients = 0;
/** A batch from a browser of its own address (the per-address limit on new visits is per client). */
const post = (body: unknown, headers: Record<string, string> = {}) => {
  clients += 1;
  return traffic.POST(
    request('/api/journey/traffic', 'POST', body, {
      'x-forwarded-for': `198.51.100.${clients % 250}`,
      ...headers,
    }),
  );
};
const counts = async () => (await trafficOfLastDays(7)).counts;

describe('the journey traffic a browser reports', () => {
  it('counts a batch per transition for today, and opens a visit whose cookie the next batch carries', async () => {
    const before = await counts();
    const opened = await post({ transitions: [first, second, first] });
    assert.equal(opened.status, 202);
    assert.deepEqual(await opened.json(), { recorded: 3 });
    const setCookie = opened.headers.getSetCookie()[0] ?? '';
    assert.match(
      setCookie,
      /^relay\.traffic_visit=[\w-]{43}; Path=\/api\/journey\/traffic; HttpOnly; SameSite=Lax/,
    );
    const again = await post({ transitions: [third] }, { cookie: cookieFrom(opened) });
    assert.equal(again.status, 202);
    assert.deepEqual(again.headers.getSetCookie(), [], 'the same visit goes on');
    const after = await counts();
    const added = (id: string) => (after[id] ?? 0) - (before[id] ?? 0);
    assert.deepEqual([added(first), added(second), added(third)], [2, 1, 1]);
  });

  it('refuses bad batches with a 4xx, and counts none of them anywhere', async () => {
    // The visit's cookie is all that says whose a batch is: another browser's batch is one with a visit this
    // server never opened (forged), or one that is over (older than a day).
    const neverOpened = 'relay.traffic_visit=dGhpcy1pcy1ub3QtYS12aXNpdC1vZi10aGlzLXNlcnZlcg';
    const over = await recordTraffic(null, [first], new Date(Date.now() - 24 * 60 * 60 * 1000 - 1000));
    const overVisit = (over.cookies[0] ?? '').split(';')[0] as string;
    const before = await counts();
    const refusals: Array<[string, Promise<Response>, number, string]> = [
      ['an unknown id', post({ transitions: [first, 'journey.home on STEAL #1'] }), 400, 'INVALID_BODY'],
      ['no ids', post({ transitions: [] }), 400, 'INVALID_BODY'],
      ['too many ids', post({ transitions: Array(TRAFFIC_BATCH_MAX + 1).fill(first) }), 400, 'INVALID_BODY'],
      ['an id that is not text', post({ transitions: [first, 7] }), 400, 'INVALID_BODY'],
      ['a field of its own', post({ transitions: [first], email: 'ada@acme.test' }), 400, 'INVALID_BODY'],
      ['a body too large', post({ transitions: [first], pad: 'x'.repeat(20_000) }), 400, 'BODY_TOO_LARGE'],
      ['not JSON', post('transitions=1', { 'content-type': 'text/plain' }), 400, 'UNSUPPORTED_MEDIA_TYPE'],
      [
        'another site',
        post({ transitions: [first] }, { origin: 'https://evil.test' }),
        403,
        'FORBIDDEN_ORIGIN',
      ],
      ['a visit never opened', post({ transitions: [first] }, { cookie: neverOpened }), 403, 'UNKNOWN_VISIT'],
      ['a visit that is over', post({ transitions: [first] }, { cookie: overVisit }), 403, 'UNKNOWN_VISIT'],
    ];
    for (const [what, answered, status, code] of refusals) {
      const answer = await answered;
      assert.equal(answer.status, status, what);
      assert.equal(((await answer.json()) as { error: { code: string } }).error.code, code, what);
    }
    assert.deepEqual(await counts(), before);
  });

  it("drops the cookie of a visit it does not know, so the browser's next batch opens one", async () => {
    const refused = await post({ transitions: [first] }, { cookie: 'relay.traffic_visit=forged' });
    assert.match(refused.headers.getSetCookie()[0] ?? '', /^relay\.traffic_visit=; .*Max-Age=0/);
  });

  it('refuses a visit past its limit, whole batches at a time', async () => {
    const opened = await post({ transitions: [first] });
    const cookie = cookieFrom(opened);
    const full = Array(TRAFFIC_BATCH_MAX).fill(second);
    let left = TRANSITIONS_PER_VISIT - 1;
    while (left >= TRAFFIC_BATCH_MAX) {
      assert.equal((await post({ transitions: full }, { cookie })).status, 202);
      left -= TRAFFIC_BATCH_MAX;
    }
    const before = await counts();
    const over = await post({ transitions: Array(left + 1).fill(third) }, { cookie });
    assert.equal(over.status, 429);
    assert.equal(((await over.json()) as { error: { code: string } }).error.code, 'VISIT_LIMIT');
    assert.deepEqual(await counts(), before, 'nothing of the batch past the limit');
    assert.equal(
      (await post({ transitions: Array(left).fill(third) }, { cookie })).status,
      202,
      'up to the limit',
    );
  });

  it('limits how many visits one address opens in a minute', async () => {
    const from = { 'x-forwarded-for': '203.0.113.77' };
    for (let visit = 0; visit < rateLimits.trafficVisit.perMinute; visit += 1) {
      assert.equal(
        (await traffic.POST(request('/api/journey/traffic', 'POST', { transitions: [first] }, from))).status,
        202,
      );
    }
    const limited = await traffic.POST(
      request('/api/journey/traffic', 'POST', { transitions: [first] }, from),
    );
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
  });

  it('limits how many batches one address sends in a minute, visit or not', async () => {
    const from = { 'x-forwarded-for': '203.0.113.78' };
    const opened = await traffic.POST(
      request('/api/journey/traffic', 'POST', { transitions: [first] }, from),
    );
    const cookie = cookieFrom(opened);
    for (let batch = 1; batch < rateLimits.trafficBatch.perMinute; batch += 1) {
      const answer = await traffic.POST(
        request('/api/journey/traffic', 'POST', { transitions: [first] }, { ...from, cookie }),
      );
      assert.equal(answer.status, 202);
    }
    const limited = await traffic.POST(
      request(
        '/api/journey/traffic',
        'POST',
        { transitions: [first] },
        { ...from, cookie: 'relay.traffic_visit=x' },
      ),
    );
    assert.equal(limited.status, 429, 'any cookie at all, past the limit');
  });

  it('reads the last seven days, today included, and nothing older', async () => {
    const now = new Date('2026-03-10T12:00:00Z');
    const week = await trafficOfLastDays(7, now);
    assert.deepEqual(week.days, [
      '2026-03-04',
      '2026-03-05',
      '2026-03-06',
      '2026-03-07',
      '2026-03-08',
      '2026-03-09',
      '2026-03-10',
    ]);
    const eightDaysBefore = new Date('2026-03-03T23:59:59Z');
    const sevenDaysBefore = new Date('2026-03-04T00:00:00Z');
    await recordTraffic(null, [third, third], eightDaysBefore);
    await recordTraffic(null, [third], sevenDaysBefore);
    assert.equal((await trafficOfLastDays(7, now)).counts[third], 1);
  });
});
