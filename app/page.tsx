import { SignInJourney } from '@/components/SignInJourney';
import { config } from '@/server/config';
import { LICENCE_VERSION } from '@/server/licence';

// The product name is read at run time, and a signed-out Back must never show a cached page.
export const dynamic = 'force-dynamic';

export default function JourneyPage() {
  return <SignInJourney productName={config.productName} licenceVersion={LICENCE_VERSION} />;
}
