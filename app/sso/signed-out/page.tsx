import { SignInJourney } from '@/components/SignInJourney';
import { config } from '@/server/config';
import { LICENCE_VERSION } from '@/server/licence';

// The provider's answer is its own: never cached, never pre-rendered.
export const dynamic = 'force-dynamic';

/** Where the identity provider sends the browser back once it signed the user out: the journey says so. */
export default async function SsoSignedOutPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { state } = await searchParams;
  const query = typeof state === 'string' ? new URLSearchParams({ state }).toString() : '';
  return (
    <SignInJourney
      productName={config.productName}
      licenceVersion={LICENCE_VERSION}
      providerSignOutQuery={query}
    />
  );
}
