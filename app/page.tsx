import { SignInJourney } from '@/components/SignInJourney';
import { config } from '@/server/config';

// The product name is read at run time, and a signed-out Back must never show a cached page.
export const dynamic = 'force-dynamic';

export default function JourneyPage() {
  return <SignInJourney productName={config.productName} />;
}
