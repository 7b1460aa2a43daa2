import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import './testbed';

const { database } = await import('./database');
const { rateLimits, takeRateLimit } = await import('./rateLimit');

let client = 0;
/** A client address of its own for each test: the counts of earlier tests stay in the database. */
const newClient = () => {
  client += 1;
  return new Headers({ 'x-forwarded-for': `192.0.2.${client}` });
};

describe('the limit over a fixed minute, counted in the database', () => {
  const limit = rateLimits.resetRequest.perMinute;
  const start = Date.parse('2030-06-01T12:00:00Z');
  const at = (ms: number) => mock.timers.setTime(start + ms);

  beforeEach(() => mock.timers.enable({ apis: ['Date'], now: start }));
  afterEach(() => mock.timers.reset());

  it('takes the limit within the minute, then refuses and says how long until the minute ends', async () => {
    const headers = newClient();
    for (let request = 0; request < limit; request += 1) {
      at(request * 1000);
      assert.equal(await takeRateLimit('resetRequest', headers), null, `request ${request}`);
    }
    at(20_000);
    assert.equal(await takeRateLimit('resetRequest', headers), 40);
    at(59_500);
    assert.equal(await takeRateLimit('resetRequest', headers), 1);
  });

  it('takes requests again once the minute is over, refusals or not', async () => {
    const headers = newClient();
    for (let request = 0; request < limit; request += 1) await takeRateLimit('resetRequest', headers);
    at(30_000);
    for (let refused = 0; refused < 5; refused += 1)
      assert.notEqual(await takeRateLimit('resetRequest', headers), null);
    at(60_000);
    assert.equal(await takeRateLimit('resetRequest', headers), null);
    assert.equal(await takeRateLimit('resetRequest', headers), null);
  });

  it('counts each limit and each client on its own', async () => {
    const headers = newClient();
    for (let request = 0; request < limit; request += 1) await takeRateLimit('resetRequest', headers);
    assert.notEqual(await takeRateLimit('resetRequest', headers), null);
    assert.equal(await takeRateLimit('resetLink', headers), null);
    assert.equal(await takeRateLimit('resetRequest', newClient()), null);
  });

  it('keeps the count in the database, where every instance and the next start read it', async () => {
    const headers = newClient();
    for (let request = 0; request < 3; request += 1) await takeRateLimit('signIn', headers);
    const row = await database()
      .selectFrom('rate_limit')
      .select(['points', 'expire'])
      .where('key', '=', `signIn:192.0.2.${client}`)
      .executeTakeFirstOrThrow();
    assert.equal(row.points, 3);
    assert.equal(Number(row.expire), start + 60_000);
  });
});
