import 'server-only';
import { type BetterAuthPlugin, HIDE_METADATA } from 'better-auth';
import { createAuthEndpoint } from 'better-auth/api';
import { setSessionCookie } from 'better-auth/cookies';
import { z } from 'zod';

/**
 * Opens a better-auth session for a person the identity provider vouched for (server/sso.ts checked them),
 * so SSO sessions are the very sessions password sign-ins get: same cookie, same expiry, same sign-out.
 * Server-only: no HTTP request can reach it, only auth().api.openSsoSession.
 */
export const ssoSessions = () =>
  ({
    id: 'relay-sso-sessions',
    endpoints: {
      openSsoSession: createAuthEndpoint.serverOnly(
        {
          method: 'POST',
          body: z.strictObject({ userId: z.string().min(1), accountId: z.string().min(1) }),
          metadata: HIDE_METADATA,
        },
        async (context) => {
          const { internalAdapter } = context.context;
          const user = await internalAdapter.findUserById(context.body.userId);
          if (!user) throw context.error('NOT_FOUND', { message: 'no such user' });
          const session = await internalAdapter.createSession(user.id, false, {
            accountId: context.body.accountId,
          });
          await setSessionCookie(context, { session, user });
          return context.json({ token: session.token, sessionId: session.id });
        },
      ),
    },
  }) satisfies BetterAuthPlugin;
