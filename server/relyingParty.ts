import 'server-only';
import { createHash } from 'node:crypto';
import * as oidc from 'openid-client';
import { config } from './config';
import { SSO_CALLBACK_PATH, SSO_SIGNED_OUT_PATH } from './ssoPages';
import { isLoopback, type SsoSettings } from './ssoSettings';

/** Where every provider sends the browser back: a page of this app, built from BASE_URL, never from a request. */
export const callbackUrl = new URL(SSO_CALLBACK_PATH, config.baseUrl).href;
/** Where a provider sends the browser back once it signed the user out (its post_logout_redirect_uri). */
export const signedOutUrl = new URL(SSO_SIGNED_OUT_PATH, config.baseUrl).href;

const DISCOVERY_TTL_MS = 10 * 60_000;
const PROVIDER_TIMEOUT_SECONDS = 5;

const discovered = new Map<string, { at: number; configuration: Promise<oidc.Configuration> }>();

/**
 * The provider's configuration from its discovery document, kept ten minutes (read afresh when `fresh`: the
 * provider is asked whether it answers now). openid-client checks that the document names exactly the configured
 * issuer; plain HTTP is allowed for a loopback issuer only.
 */
export function providerConfiguration(
  settings: SsoSettings,
  { fresh = false } = {},
): Promise<oidc.Configuration> {
  const secretHash = createHash('sha256').update(settings.clientSecret).digest('base64url');
  const key = `${settings.issuer} ${settings.clientId} ${secretHash}`;
  const cached = discovered.get(key);
  if (cached && !fresh && Date.now() - cached.at < DISCOVERY_TTL_MS) return cached.configuration;
  const issuer = new URL(settings.issuer);
  const configuration = oidc
    .discovery(issuer, settings.clientId, settings.clientSecret, undefined, {
      execute: isLoopback(issuer) ? [oidc.allowInsecureRequests] : [],
      timeout: PROVIDER_TIMEOUT_SECONDS,
    })
    .then(staysOnLoopbackWhenInsecure);
  discovered.set(key, { at: Date.now(), configuration });
  // A provider that could not be reached is asked again next time, not remembered as down.
  configuration.catch(() => {
    if (discovered.get(key)?.configuration === configuration) discovered.delete(key);
  });
  return configuration;
}

/** Plain HTTP is allowed for a loopback provider only: none of its endpoints may then be elsewhere. */
function staysOnLoopbackWhenInsecure(configuration: oidc.Configuration): oidc.Configuration {
  const metadata = configuration.serverMetadata();
  if (!isLoopback(new URL(metadata.issuer))) return configuration;
  const endpoints = [
    metadata.authorization_endpoint,
    metadata.token_endpoint,
    metadata.jwks_uri,
    metadata.userinfo_endpoint,
    metadata.end_session_endpoint,
  ];
  for (const endpoint of endpoints) {
    if (endpoint && !isLoopback(new URL(endpoint))) throw new Error(`a loopback provider names ${endpoint}`);
  }
  return configuration;
}

/** The secrets of one trip to the provider: PKCE, state and nonce, each from openid-client's CSPRNG. */
export type AuthorizationChecks = { state: string; nonce: string; codeVerifier: string };

export function newAuthorizationChecks(): AuthorizationChecks {
  return {
    state: oidc.randomState(),
    nonce: oidc.randomNonce(),
    codeVerifier: oidc.randomPKCECodeVerifier(),
  };
}

/** The provider's authorization URL: code flow, PKCE S256, state, nonce, and what the user typed as login_hint. */
export async function authorizationUrl(
  configuration: oidc.Configuration,
  checks: AuthorizationChecks,
  loginHint: string,
): Promise<URL> {
  return oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: callbackUrl,
    response_type: 'code',
    scope: 'openid email profile',
    state: checks.state,
    nonce: checks.nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(checks.codeVerifier),
    code_challenge_method: 'S256',
    login_hint: loginHint,
  });
}

/**
 * Where the browser signs out at the provider (OpenID Connect RP-initiated logout 1.0): its end_session_endpoint,
 * with the session's ID token as the hint of who, this app's page to come back to, and a state to come back with.
 * Throws when the provider offers no such endpoint.
 */
export function providerSignOutUrl(configuration: oidc.Configuration, idToken: string, state: string): URL {
  return oidc.buildEndSessionUrl(configuration, {
    id_token_hint: idToken,
    post_logout_redirect_uri: signedOutUrl,
    state,
  });
}

/** The person the provider vouches for: their verified email, and the directory's name for them (Azure's UPN). */
export type VouchedPerson = {
  issuer: string;
  subject: string;
  email: string | null;
  principalName: string | null;
};

/**
 * The directory's own sign-in name for the person: Azure's `upn` (v1 tokens) or `preferred_username` (v2). A
 * provider that fills the username with an address the person typed and it never verified gives no name at all.
 */
function principalNameIn(claims: Record<string, unknown>): string | null {
  const name = [claims.upn, claims.preferred_username].find((value) => typeof value === 'string');
  if (typeof name !== 'string') return null;
  const typedAddress = typeof claims.email === 'string' && claims.email_verified !== true;
  return typedAddress && (claims.email as string).toLowerCase() === name.toLowerCase() ? null : name;
}

/**
 * Redeems the code the browser brought back. openid-client checks the state, the PKCE verifier, the ID token's
 * signature, issuer, audience, expiry and nonce, the `iss` of the response (RFC 9207), and that UserInfo speaks
 * of the ID token's subject; any mismatch throws. The ID token comes too: the hint a logout at the provider needs.
 */
export async function redeemCode(
  configuration: oidc.Configuration,
  callbackQuery: string,
  checks: AuthorizationChecks,
): Promise<{ person: VouchedPerson; idToken: string }> {
  const tokens = await oidc.authorizationCodeGrant(configuration, new URL(`?${callbackQuery}`, callbackUrl), {
    pkceCodeVerifier: checks.codeVerifier,
    expectedState: checks.state,
    expectedNonce: checks.nonce,
    idTokenExpected: true,
  });
  const claims = tokens.claims();
  if (!claims || !tokens.id_token) throw new Error('the provider sent no ID token');
  // Providers that keep the ID token lean give the email at the UserInfo endpoint, for the same subject.
  const withEmail =
    typeof claims.email === 'string'
      ? claims
      : await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub);
  // Only an email the provider says it verified may name a user; without the claim, nobody is matched by email.
  const email =
    typeof withEmail.email === 'string' && withEmail.email_verified === true ? withEmail.email : null;
  const person = {
    issuer: configuration.serverMetadata().issuer,
    subject: claims.sub,
    email,
    principalName: principalNameIn(withEmail),
  };
  return { person, idToken: tokens.id_token };
}
