import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { request } from './testbed';

const { contentSecurityPolicy, newNonce } = await import('./contentSecurityPolicy');
const { rateLimits } = await import('./rateLimit');
const reports = await import('@/app/api/csp-report/route');

let clients = 0;
/** Each report from an address of its own, unless the test names one: the limit is per address. */
const report = (body: unknown, contentType = 'application/reports+json', from?: string) => {
  clients += 1;
  return reports.POST(
    request('/api/csp-report', 'POST', body, {
      'content-type': contentType,
      'x-forwarded-for': from ?? `192.0.2.${clients % 250}`,
    }),
  );
};

/** The security events a call logs (console.info), parsed. */
async function loggedBy(call: () => Promise<unknown>): Promise<Array<Record<string, string>>> {
  const info = mock.method(console, 'info', () => {});
  try {
    await call();
    return info.mock.calls.map((entry) => JSON.parse(String(entry.arguments[0])));
  } finally {
    info.mock.restore();
  }
}

describe('the Content-Security-Policy of every page', () => {
  it('allows scripts by this response nonce only, and nothing embedded, based or framed', () => {
    const nonce = newNonce();
    assert.notEqual(nonce, newNonce());
    const policy = contentSecurityPolicy(nonce, { development: false, https: false });
    const directives = new Map(
      policy
        .split('; ')
        .map((directive) => [directive.split(' ')[0], directive.split(' ').slice(1).join(' ')]),
    );
    assert.equal(directives.get('script-src'), `'nonce-${nonce}' 'strict-dynamic'`);
    assert.equal(directives.get('object-src'), "'none'");
    assert.equal(directives.get('base-uri'), "'none'");
    assert.equal(directives.get('frame-ancestors'), "'none'");
    assert.equal(directives.get('form-action'), "'self'");
    assert.equal(directives.get('report-uri'), '/api/csp-report');
    assert.ok(!policy.includes('unsafe-eval') && !directives.has('upgrade-insecure-requests'));
    assert.match(
      contentSecurityPolicy(nonce, { development: true, https: true }),
      /'unsafe-eval'.*upgrade-insecure-requests/,
    );
  });
});

describe('the reports of what a page blocked', () => {
  it("logs each, in either shape browsers send, one line with the page's path and no query", async () => {
    let answers: number[] = [];
    const lines = await loggedBy(async () => {
      answers = [
        (
          await report([
            {
              type: 'csp-violation',
              body: {
                documentURL: 'http://localhost:3999/reset-password?token=SECRET-TOKEN',
                effectiveDirective: 'script-src-elem',
                blockedURL: 'inline',
              },
            },
          ])
        ).status,
        (
          await report(
            {
              'csp-report': {
                'document-uri': 'http://localhost:3999/sso/callback?code=SECRET-CODE&state=s',
                'violated-directive': 'img-src',
                'blocked-uri': 'https://tracker.test/pixel.gif?user=SECRET-USER',
              },
            },
            'application/csp-report',
          )
        ).status,
      ];
    });
    assert.deepEqual(answers, [204, 204]);
    assert.deepEqual(
      lines.map(({ event, page, directive, blocked }) => ({ event, page, directive, blocked })),
      [
        {
          event: 'csp.violation',
          page: 'http://localhost:3999/reset-password',
          directive: 'script-src-elem',
          blocked: 'inline',
        },
        {
          event: 'csp.violation',
          page: 'http://localhost:3999/sso/callback',
          directive: 'img-src',
          blocked: 'https://tracker.test/pixel.gif',
        },
      ],
    );
    assert.ok(!JSON.stringify(lines).includes('SECRET'));
  });

  it('refuses anything else with a 400, and logs nothing', async () => {
    const lines = await loggedBy(async () => {
      const refusals: Array<[string, Response]> = [
        ['not a report', await report({ hello: 'world' })],
        ['no reports', await report([])],
        ['a form', await report('a=b', 'application/x-www-form-urlencoded')],
        ['not JSON', await report('{"csp-report":', 'application/csp-report')],
        ['too large', await report([{ type: 'csp-violation', body: { documentURL: 'x'.repeat(20_000) } }])],
      ];
      for (const [what, answer] of refusals) assert.equal(answer.status, 400, what);
    });
    assert.deepEqual(lines, []);
  });

  it('takes a limited number a minute from one address', async () => {
    const body = [{ type: 'csp-violation', body: { documentURL: 'http://localhost:3999/' } }];
    const lines = await loggedBy(async () => {
      for (let sent = 0; sent < rateLimits.cspReport.perMinute; sent += 1)
        assert.equal((await report(body, undefined, '203.0.113.90')).status, 204);
      assert.equal((await report(body, undefined, '203.0.113.90')).status, 429);
    });
    assert.equal(lines.length, rateLimits.cspReport.perMinute);
  });
});
