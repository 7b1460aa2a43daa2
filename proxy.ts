import { type NextRequest, NextResponse } from 'next/server';
import { config as settings } from '@/server/config';
import { API_CONTENT_SECURITY_POLICY, contentSecurityPolicy, newNonce } from '@/server/contentSecurityPolicy';
import { REQUEST_ID_HEADER, requestIdOf } from '@/server/requestId';

const https = settings.baseUrl.startsWith('https:');

/**
 * Every page and API request gets an id, which the route handlers' log lines carry and the answer echoes. Every
 * page also gets a Content-Security-Policy with a nonce of its own: Next.js reads it from the request's header
 * and puts it on the scripts it writes into the page.
 */
export function proxy(request: NextRequest) {
  const requestHeaders = new Headers(request.headers);
  const requestId = requestIdOf(request.headers);
  requestHeaders.set(REQUEST_ID_HEADER, requestId);
  // A page's policy has the nonce its scripts carry; the API's JSON may run, load and frame nothing at all.
  const isPage = !request.nextUrl.pathname.startsWith('/api/');
  const policy = isPage
    ? contentSecurityPolicy(newNonce(), { development: process.env.NODE_ENV === 'development', https })
    : API_CONTENT_SECURITY_POLICY;
  if (isPage) requestHeaders.set('Content-Security-Policy', policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set(REQUEST_ID_HEADER, requestId);
  response.headers.set('Content-Security-Policy', policy);
  // ASVS 5.0 V3.4.1: once served over https, the browser never asks over http again (for a year).
  if (https) response.headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  return response;
}

export const config = {
  matcher: [
    // Pages, but not their prefetches nor the static files they load.
    {
      source: '/((?!api/|_next/static|_next/image|icons/|sw\\.js|manifest\\.webmanifest).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
    '/api/:path*',
  ],
};
