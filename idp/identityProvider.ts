// A real OpenID Connect provider (panva's oidc-provider) for the demo and the tests: its own directory and sign-in page.
import { randomBytes } from 'node:crypto';
import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { errorPage, signInPage, signOutPage } from './signInPage';
import type { IdpDirectory } from './users';

export type IdentityProviderOptions = {
  /** The issuer it answers as; without one, its own address (for a provider on a port chosen at start). */
  issuer?: string;
  client: {
    clientId: string;
    clientSecret: string;
    redirectUris: string[];
    postLogoutRedirectUris: string[];
  };
  directory: IdpDirectory;
};

const FORM_LIMIT_BYTES = 8 * 1024;

async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of request) {
    body += chunk;
    if (body.length > FORM_LIMIT_BYTES) throw new Error('form too large');
  }
  return new URLSearchParams(body);
}

function sendHtml(response: ServerResponse, status: number, html: string) {
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'x-frame-options': 'DENY',
  });
  response.end(html);
}

async function providerConfiguration({ client, directory }: IdentityProviderOptions): Promise<Configuration> {
  // A signing key made at each start: tokens live minutes, and nothing outlives the process that signed it.
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  return {
    clients: [
      {
        client_id: client.clientId,
        client_secret: client.clientSecret,
        client_name: 'Relay One',
        redirect_uris: client.redirectUris,
        post_logout_redirect_uris: client.postLogoutRedirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    async findAccount(_context, subject) {
      const person = directory.bySubject(subject);
      if (!person) return undefined;
      return {
        accountId: person.subject,
        claims: async () => ({
          sub: person.subject,
          email: person.email,
          email_verified: person.emailVerified,
          name: person.name,
          // As Azure does: the UPN is the person's username, and a claim of its own.
          preferred_username: person.upn ?? person.email,
          ...(person.upn && { upn: person.upn }),
        }),
      };
    },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'preferred_username', 'upn'],
    },
    scopes: ['openid', 'email', 'profile'],
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    jwks: { keys: [{ ...(await exportJWK(privateKey)), alg: 'RS256', use: 'sig' }] },
    features: {
      devInteractions: { enabled: false },
      // Enabled by default; its page is the provider's own, like the sign-in page.
      rpInitiatedLogout: {
        enabled: true,
        async logoutSource(context, form) {
          context.type = 'html';
          context.body = signOutPage({ clientName: 'Relay One', form });
        },
      },
    },
    interactions: { url: (_context, interaction) => `/interaction/${interaction.uid}` },
    pkce: { required: () => true },
    // Short lives: a sign-in is a matter of minutes, and the app keeps its own session once it has the person.
    ttl: {
      AuthorizationCode: 60,
      IdToken: 600,
      AccessToken: 600,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
    },
    // The organisation consented for its people: the app is first-party, so no consent screen.
    async loadExistingGrant(context: KoaContextWithOIDC) {
      const { oidc } = context;
      if (!oidc.client || !oidc.session?.accountId) return undefined;
      const grantId = oidc.result?.consent?.grantId ?? oidc.session.grantIdFor(oidc.client.clientId);
      if (grantId) return oidc.provider.Grant.find(grantId);
      const grant = new oidc.provider.Grant({
        clientId: oidc.client.clientId,
        accountId: oidc.session.accountId,
      });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
    async renderError(context, _out, error) {
      context.type = 'html';
      context.body = errorPage(`The sign-in could not go on: ${(error as Error).message}`);
    },
  };
}

/** Answers the provider's sign-in interaction: the page, a sign-in, or a cancel. */
async function handleInteraction(
  provider: Provider,
  directory: IdpDirectory,
  request: IncomingMessage,
  response: ServerResponse,
) {
  const details = await provider.interactionDetails(request, response);
  const action = new URL(request.url ?? '/', 'http://idp').pathname.split('/')[3];
  const clientName = 'Relay One';
  const hint = typeof details.params.login_hint === 'string' ? details.params.login_hint : '';
  if (request.method === 'GET' && !action) {
    sendHtml(response, 200, signInPage({ uid: details.uid, clientName, email: hint }));
    return;
  }
  if (request.method === 'POST' && action === 'cancel') {
    await provider.interactionFinished(request, response, {
      error: 'access_denied',
      error_description: 'The user cancelled the sign-in.',
    });
    return;
  }
  if (request.method === 'POST' && action === 'login') {
    const form = await readForm(request);
    const email = form.get('email') ?? '';
    const person = await directory.authenticate(email, form.get('password') ?? '');
    if (!person) {
      const error = 'That email and password do not match.';
      sendHtml(response, 401, signInPage({ uid: details.uid, clientName, email, error }));
      return;
    }
    await provider.interactionFinished(request, response, { login: { accountId: person.subject } });
    return;
  }
  sendHtml(response, 404, errorPage('There is no such page.'));
}

export type RunningIdentityProvider = { issuer: string; server: Server; close: () => Promise<void> };

/** Starts the provider on a loopback address (port 0: any free one); `close` stops it. */
export async function startIdentityProvider(
  options: IdentityProviderOptions,
  listen: { port: number; hostname: string },
): Promise<RunningIdentityProvider> {
  let handle: RequestListener = (_request, response) => sendHtml(response, 503, errorPage('Starting…'));
  const server = createServer((request, response) => handle(request, response));
  await new Promise<void>((resolve) => server.listen(listen.port, listen.hostname, resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = options.issuer ?? `http://${listen.hostname}:${port}`;
  const provider = new Provider(issuer, await providerConfiguration(options));
  const answerProtocol = provider.callback();
  handle = (request, response) => {
    if (!request.url?.startsWith('/interaction/')) {
      answerProtocol(request, response);
      return;
    }
    handleInteraction(provider, options.directory, request, response).catch((error: Error) => {
      // An expired or unknown interaction (an old tab, a replayed form) gets a page, never a stack trace.
      if (!response.headersSent)
        sendHtml(response, 400, errorPage(`This sign-in has ended: ${error.message}`));
    });
  };
  return {
    issuer,
    server,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
