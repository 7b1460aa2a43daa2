import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  EMAIL_MAX_LENGTH,
  type FailureCode,
  failureCodeOf,
  isEmailFormat,
  JourneyFailure,
  liveDeliveryFrom,
  PROVIDER_QUERY_MAX_LENGTH,
  providerReplyFrom,
  RESET_TOKEN_FORMAT,
  retryAtOf,
} from './journeyTypes';

describe("what an actor's failure tells the machine", () => {
  it('keeps each known failure by its code, and names itself in a stack trace', () => {
    // Every code the type has, listed apart from the module's own list, so that a code dropped there shows.
    const everyCode: Record<FailureCode, true> = {
      invalidCredentials: true,
      accountNumberMismatch: true,
      lockedOut: true,
      rateLimited: true,
      ssoFailed: true,
      resetLinkInvalid: true,
      passwordTooCommon: true,
      unavailable: true,
    };
    const codes = Object.keys(everyCode) as FailureCode[];
    for (const code of codes) assert.equal(failureCodeOf(new JourneyFailure(code)), code);
    assert.equal(new JourneyFailure('lockedOut').name, 'JourneyFailure');
  });

  it('counts anything else as the service being unavailable', () => {
    for (const error of [
      null,
      undefined,
      new Error('fetch failed'),
      { code: 'ECONNRESET' },
      { code: '' },
      'x',
    ])
      assert.equal(failureCodeOf(error), 'unavailable', String(error));
  });

  it('gives the time to try again only when the failure says one', () => {
    assert.equal(
      retryAtOf(new JourneyFailure('lockedOut', '2030-01-01T10:00:00.000Z')),
      '2030-01-01T10:00:00.000Z',
    );
    assert.equal(retryAtOf(new JourneyFailure('lockedOut')), null);
    assert.equal(retryAtOf({ retryAt: 1_893_492_000_000 }), null);
    assert.equal(retryAtOf(null), null);
    assert.equal(retryAtOf(undefined), null);
  });
});

describe('the formats checked in the browser', () => {
  it('takes an email of one "@" with a dot in the domain, up to its longest, and nothing around it', () => {
    const longest = `${'a'.repeat(EMAIL_MAX_LENGTH - 'b.test'.length - 1)}@b.test`;
    assert.equal(longest.length, EMAIL_MAX_LENGTH);
    assert.equal(isEmailFormat(longest), true);
    assert.equal(isEmailFormat(`a${longest}`), false);
    for (const refused of ['@ada@acme.test', 'ada@acme.test more', 'ada@acme', 'ada acme.test', ''])
      assert.equal(isEmailFormat(refused), false, refused);
  });

  it("takes a reset token of the server's letters, whole, and nothing around it", () => {
    const token = 'A'.repeat(16);
    assert.equal(RESET_TOKEN_FORMAT.test(token), true);
    assert.equal(RESET_TOKEN_FORMAT.test(`${token}!`), false);
    assert.equal(RESET_TOKEN_FORMAT.test(`!${token}`), false);
  });

  it("reads the provider's answer: a refusal's reason cut short, a query up to its longest, a leading ? only", () => {
    assert.deepEqual(providerReplyFrom(`error=${'e'.repeat(100)}`), {
      kind: 'refused',
      error: 'e'.repeat(64),
    });
    const atMost = `code=c&state=${'s'.repeat(PROVIDER_QUERY_MAX_LENGTH - 'code=c&state='.length)}`;
    assert.equal(atMost.length, PROVIDER_QUERY_MAX_LENGTH);
    assert.deepEqual(providerReplyFrom(atMost), { kind: 'code', query: atMost });
    assert.deepEqual(providerReplyFrom(`${atMost}s`), { kind: 'refused', error: 'invalid_response' });
    assert.deepEqual(providerReplyFrom('code=c?d&state=s'), { kind: 'code', query: 'code=c?d&state=s' });
  });
});

describe('what the live channel sends, as the page reads it', () => {
  const inbox = { missedCalls: 1, unreadMessages: 0, meetingInvitations: 2 };
  it('takes a delivery of a known kind with whole counts, and only its own fields', () => {
    assert.deepEqual(
      liveDeliveryFrom({ kind: 'missedCall', summary: 'Missed call', inbox, seq: 7, extra: 1 }),
      {
        kind: 'missedCall',
        summary: 'Missed call',
        inbox,
      },
    );
  });

  it('refuses anything else', () => {
    for (const data of [
      null,
      'delivery',
      { kind: 'fax', summary: 'x', inbox },
      { kind: 'message', summary: 3, inbox },
      { kind: 'message', summary: 'x'.repeat(201), inbox },
      { kind: 'message', summary: 'x', inbox: { ...inbox, missedCalls: -1 } },
      { kind: 'message', summary: 'x', inbox: { ...inbox, unreadMessages: 1.5 } },
      { kind: 'message', summary: 'x' },
    ])
      assert.equal(liveDeliveryFrom(data), null, JSON.stringify(data));
  });
});
