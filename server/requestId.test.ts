import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NextRequest } from 'next/server';
import { origin } from './testbed';

const { REQUEST_ID_HEADER, requestIdOf } = await import('./requestId');
const { proxy } = await import('@/proxy');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('the id of a request', () => {
  it('keeps a well-formed id the request came with, and makes one for any other, once per request', () => {
    assert.equal(requestIdOf(new Headers({ [REQUEST_ID_HEADER]: 'edge-7f3a-0001' })), 'edge-7f3a-0001');
    for (const carried of ['', 'with space', 'quote"d', 'x'.repeat(65), '{"event":"logout"}']) {
      const headers = new Headers({ [REQUEST_ID_HEADER]: carried });
      assert.match(requestIdOf(headers), UUID, carried);
      assert.equal(requestIdOf(headers), requestIdOf(headers), 'the same id for every line of one request');
    }
    assert.notEqual(requestIdOf(new Headers()), requestIdOf(new Headers()));
  });

  it('is given to every page and API request by the proxy and echoed in the answer, each with a policy of its kind', () => {
    const through = (pathname: string, headers: Record<string, string> = {}) =>
      proxy(new NextRequest(`${origin}${pathname}`, { headers }));
    const api = through('/api/session', { [REQUEST_ID_HEADER]: 'not an id' });
    const page = through('/');
    for (const answer of [api, page]) {
      assert.match(answer.headers.get(REQUEST_ID_HEADER) ?? '', UUID);
      // Next hands the overridden request headers to the route in these response headers.
      assert.equal(
        answer.headers.get(`x-middleware-request-${REQUEST_ID_HEADER}`),
        answer.headers.get(REQUEST_ID_HEADER),
      );
    }
    assert.equal(api.headers.get('content-security-policy'), "default-src 'none'; frame-ancestors 'none'");
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'nonce-/);
    assert.equal(
      through('/api/session', { [REQUEST_ID_HEADER]: 'lb-42' }).headers.get(REQUEST_ID_HEADER),
      'lb-42',
    );
  });
});
