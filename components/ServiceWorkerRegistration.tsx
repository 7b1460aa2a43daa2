'use client';

import { useEffect } from 'react';

/** Registers the service worker (public/sw.js, built from worker/sw.ts) for the whole app; draws nothing. */
export function ServiceWorkerRegistration() {
  useEffect(() => {
    // `next dev` builds no worker, and its files are not named by their content: a worker would keep stale ones.
    if (process.env.NODE_ENV !== 'production') return;
    // Without it (an old browser, a refused registration) the app works the same, only with no offline page.
    navigator.serviceWorker?.register('/sw.js', { scope: '/' }).catch((error: unknown) => {
      console.warn('The service worker was not registered:', error);
    });
  }, []);
  return null;
}
