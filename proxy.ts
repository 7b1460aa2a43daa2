import { type NextRequest, NextResponse } from 'next/server';
import { config as settings } from '@/server/config';
import { contentSecurityPolicy, newNonce } from '@/server/contentSecurityPolicy';

const https = settings.baseUrl.startsWith('https:');

/**
 * Every page gets a Content-Security-Policy with a nonce of its own: Next.js reads it from the request's header
 * and puts it on the scripts it writes into the page.
 */
export function proxy(request: NextRequest) {
  const policy = contentSecurityPolicy(newNonce(), {
    development: process.env.NODE_ENV === 'development',
    https,
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('Content-Security-Policy', policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', policy);
  // ASVS 5.0 V3.4.1: once served over https, the browser never asks over http again (for a year).
  if (https) response.headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  return response;
}

export const config = {
  // Pages only: the API answers JSON, and files the browser fetches from a page are governed by the page's policy.
  matcher: [
    {
      source: '/((?!api/|_next/static|_next/image|icons/|sw\\.js|manifest\\.webmanifest).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
