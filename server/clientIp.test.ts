import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { clientIp } from './clientIp';

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
