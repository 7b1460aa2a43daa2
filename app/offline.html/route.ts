import { offlinePage } from '@/server/offlinePage';

// The product name is read at run time, as the pages read it.
export const dynamic = 'force-dynamic';

/** The page the service worker keeps to show when the network is gone. */
export function GET() {
  return new Response(offlinePage(), { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}
