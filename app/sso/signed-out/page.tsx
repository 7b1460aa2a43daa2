import { headers } from 'next/headers';
import { SignInJourney } from '@/components/SignInJourney';
import { config } from '@/server/config';
import { LICENCE_VERSION } from '@/server/licence';
import { currentSession } from '@/server/session';

// The provider's answer is its own: never cached, never pre-rendered.
export const dynamic = 'force-dynamic';

/**
 * Where the identity provider sends the browser back once it signed the user out: the journey says so. A browser
 * that still holds a live session (a link opened from elsewhere) is never told it signed out: it opens the app.
 */
export default async function SsoSignedOutPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const signedIn = (await currentSession(await headers())) !== null;
  const { state } = await searchParams;
  const query = typeof state === 'string' ? new URLSearchParams({ state }).toString() : '';
  return (
    <SignInJourney
      productName={config.productName}
      licenceVersion={LICENCE_VERSION}
      providerSignOutQuery={signedIn ? undefined : query}
    />
  );
}
