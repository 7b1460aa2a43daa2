import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { z } from 'zod';
import {
  credentialsSchema,
  identifySchema,
  licenceAcceptanceSchema,
  newPasswordSchema,
  resetLinkSchema,
  resetRequestSchema,
  ssoCompletionSchema,
} from './credentials';

const email = 'ada@acme.test';
const token = 'AbCdEfGhIjKlMnOpQrStUvWx';

/** The first thing a schema says is wrong, as readJsonBody words it for the client: "field: why". */
function refusal(schema: z.ZodType, body: unknown): string {
  const parsed = schema.safeParse(body);
  assert.equal(parsed.success, false, `accepted ${JSON.stringify(body)}`);
  const first = (parsed.error as z.ZodError).issues[0] as z.core.$ZodIssue;
  return `${first.path.join('.')}: ${first.message}`;
}

describe('what each API body must be', () => {
  it('takes an email, trimmed, and an account number of 4 to 12 digits or none', () => {
    assert.deepEqual(identifySchema.parse({ email: ` ${email} ` }), { email, accountNumber: null });
    assert.deepEqual(identifySchema.parse({ email, accountNumber: ' 1002 ' }), {
      email,
      accountNumber: '1002',
    });
    assert.deepEqual(credentialsSchema.parse({ email, password: 'p', accountNumber: null }), {
      email,
      password: 'p',
      accountNumber: null,
    });
  });

  const refusals: Array<[string, z.ZodType, unknown, string]> = [
    ['a malformed email', identifySchema, { email: 'ada.acme.test' }, 'email: must be an email address'],
    [
      'an email over 254 characters',
      identifySchema,
      { email: `${'a'.repeat(250)}@acme.test` },
      'email: must be at most 254 characters',
    ],
    [
      'letters in an account number',
      identifySchema,
      { email, accountNumber: '12ab' },
      'accountNumber: must be 4 to 12 digits',
    ],
    [
      'an account number of 13 digits',
      identifySchema,
      { email, accountNumber: '1'.repeat(13) },
      'accountNumber: must be 4 to 12 digits',
    ],
    ['an empty password', credentialsSchema, { email, password: '' }, 'password: must not be empty'],
    [
      'a password over 128 characters',
      credentialsSchema,
      { email, password: 'p'.repeat(129) },
      'password: must be at most 128 characters',
    ],
    ['an empty licence version', licenceAcceptanceSchema, { version: '' }, 'version: '],
    [
      'a licence version over 32 characters',
      licenceAcceptanceSchema,
      { version: 'v'.repeat(33) },
      'version: ',
    ],
    ['an empty provider query', ssoCompletionSchema, { query: '' }, 'query: must not be empty'],
    [
      'a provider query over 4096 characters',
      ssoCompletionSchema,
      { query: 'q'.repeat(4097) },
      'query: is too long',
    ],
    [
      'a reset request without an email',
      resetRequestSchema,
      { email: 'nobody' },
      'email: must be an email address',
    ],
    ['a reset token over 256 characters', resetLinkSchema, { token: 't'.repeat(257) }, 'token: is too long'],
    [
      'a new password under 8 characters',
      newPasswordSchema,
      { token, password: 'seven77' },
      'password: must be at least 8 characters',
    ],
    [
      'a new password over 128 characters',
      newPasswordSchema,
      { token, password: 'p'.repeat(129) },
      'password: must be at most 128 characters',
    ],
    ['an unexpected field', resetLinkSchema, { token, admin: true }, ': Unrecognized key: "admin"'],
  ];
  for (const [what, schema, body, message] of refusals) {
    it(`refuses ${what}, and names the field and why`, () => {
      const said = refusal(schema, body);
      assert.ok(said.startsWith(message), `${what}: "${said}" does not start with "${message}"`);
      assert.ok(said.length > message.length || !message.endsWith(': '), `${what}: says why`);
    });
  }

  it('takes the longest values it allows', () => {
    assert.equal(identifySchema.safeParse({ email: `${'a'.repeat(244)}@acme.test` }).success, true);
    assert.equal(identifySchema.safeParse({ email, accountNumber: '1'.repeat(12) }).success, true);
    assert.equal(credentialsSchema.safeParse({ email, password: 'p'.repeat(128) }).success, true);
    assert.equal(licenceAcceptanceSchema.safeParse({ version: 'v'.repeat(32) }).success, true);
    assert.equal(ssoCompletionSchema.safeParse({ query: 'q'.repeat(4096) }).success, true);
    assert.equal(resetLinkSchema.safeParse({ token: 't'.repeat(256) }).success, true);
    assert.equal(newPasswordSchema.safeParse({ token, password: 'eight888' }).success, true);
  });
});
