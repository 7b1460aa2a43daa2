import { SignInJourney } from '@/components/SignInJourney';
import { config } from '@/server/config';
import { LICENCE_VERSION } from '@/server/licence';

// Every answer of a provider is its own: never cached, never pre-rendered.
export const dynamic = 'force-dynamic';

type SearchParams = Record<string, string | string[] | undefined>;

/** The SSO callback: the identity provider sends the browser back here, and the journey carries on. */
export default async function SsoCallbackPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(await searchParams)) {
    for (const each of Array.isArray(value) ? value : [value ?? '']) query.append(name, each);
  }
  return (
    <SignInJourney
      productName={config.productName}
      licenceVersion={LICENCE_VERSION}
      providerQuery={query.toString()}
    />
  );
}
