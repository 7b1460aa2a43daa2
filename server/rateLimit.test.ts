import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { clientIp, rateLimits, takeRateLimit } from './rateLimit';

const from = (forwardedFor?: string) =>
  new Headers(forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor });

describe('the client IP a limit counts', () => {
  afterEach(() => {
    delete process.env.TRUSTED_PROXY_HOPS;
  });

  it('is the address the server accepted (the last entry), whatever the client wrote before it', () => {
    assert.equal(clientIp(from('198.51.100.1')), '198.51.100.1');
    assert.equal(clientIp(from('6.6.6.6, 198.51.100.1')), '198.51.100.1');
    assert.equal(clientIp(from(' 6.6.6.6 ,, 198.51.100.1 ')), '198.51.100.1');
  });

  it('is the one the nearest trusted proxy saw, behind TRUSTED_PROXY_HOPS proxies', () => {
    process.env.TRUSTED_PROXY_HOPS = '1';
    assert.equal(clientIp(from('6.6.6.6, 198.51.100.1, 10.0.0.2')), '198.51.100.1');
    process.env.TRUSTED_PROXY_HOPS = '2';
    assert.equal(clientIp(from('6.6.6.6, 198.51.100.1, 10.0.0.2')), '6.6.6.6');
  });

  it('falls back to the first entry when the chain is shorter than the proxies said, and to "unknown" without one', () => {
    process.env.TRUSTED_PROXY_HOPS = '5';
    assert.equal(clientIp(from('198.51.100.1, 10.0.0.2')), '198.51.100.1');
    assert.equal(clientIp(from('')), 'unknown');
    assert.equal(clientIp(from()), 'unknown');
  });

  it('ignores a TRUSTED_PROXY_HOPS that is not a whole number of proxies', () => {
    for (const hops of ['-1', '1.5', 'two', '0']) {
      process.env.TRUSTED_PROXY_HOPS = hops;
      assert.equal(clientIp(from('6.6.6.6, 198.51.100.1')), '198.51.100.1', hops);
    }
  });
});

describe('the limit over a sliding minute', () => {
  const limit = rateLimits.resetRequest.perMinute;
  let client = 0;
  /** A client of its own for each test: the counts live in this process's memory. */
  const newClient = () => {
    client += 1;
    return from(`192.0.2.${client}`);
  };
  const start = Date.parse('2030-06-01T12:00:00Z');

  it('takes the limit within a minute, then refuses and says how long until the oldest request leaves it', () => {
    const headers = newClient();
    for (let request = 0; request < limit; request += 1)
      assert.equal(
        takeRateLimit('resetRequest', headers, start + request * 1000),
        null,
        `request ${request}`,
      );
    assert.equal(takeRateLimit('resetRequest', headers, start + 20_000), 40);
    assert.equal(takeRateLimit('resetRequest', headers, start + 59_500), 1);
  });

  it('takes requests again as the first ones leave the window, and counts no refusal', () => {
    const headers = newClient();
    for (let request = 0; request < limit; request += 1) takeRateLimit('resetRequest', headers, start);
    for (let refused = 0; refused < 5; refused += 1)
      assert.notEqual(takeRateLimit('resetRequest', headers, start + 30_000), null);
    assert.equal(takeRateLimit('resetRequest', headers, start + 59_999), 1);
    assert.equal(takeRateLimit('resetRequest', headers, start + 60_000), null);
    assert.equal(takeRateLimit('resetRequest', headers, start + 60_001), null);
  });

  it('counts each limit and each client on its own', () => {
    const headers = newClient();
    for (let request = 0; request < limit; request += 1) takeRateLimit('resetRequest', headers, start);
    assert.notEqual(takeRateLimit('resetRequest', headers, start), null);
    assert.equal(takeRateLimit('resetLink', headers, start), null);
    assert.equal(takeRateLimit('resetRequest', newClient(), start), null);
  });
});
