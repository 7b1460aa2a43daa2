// The service worker (built by `serwist build` into public/sw.js, served at /sw.js with scope /). It stores nothing
// that shows a person's data (ASVS 5.0 V14.3.2, V14.3.3): pages always come from the network, no route answers /api/
// (the browser fetches it as if there were no worker), and only the offline page, the icons and the build's
// content-hashed files are kept. Later listeners (push, notificationclick) go below addEventListeners().
import { CacheFirst, ExpirationPlugin, NetworkOnly, type PrecacheEntry, Serwist } from 'serwist';

declare const self: ServiceWorkerGlobalScope & {
  /** The precache list (offline page, icons), written in by `serwist build`. */
  __SW_MANIFEST: (PrecacheEntry | string)[] | undefined;
};

/** Shown for any page the network cannot give; precached by serwist.config.js. */
const offlinePage = '/offline.html';

const isPage = ({ request }: { request: Request }) => request.mode === 'navigate';

const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  // A new worker takes over at once: it only ever narrows what is kept.
  skipWaiting: true,
  clientsClaim: true,
  // The page's request starts while the worker wakes up: NetworkOnly answers with it.
  navigationPreload: true,
  runtimeCaching: [
    // Every page may show who is signed in: network only, never stored.
    { matcher: isPage, handler: new NetworkOnly() },
    // Next's build output under /_next/static/ is named by its content's hash: it never changes under its name.
    {
      matcher: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith('/_next/static/'),
      handler: new CacheFirst({
        cacheName: 'next-static',
        plugins: [new ExpirationPlugin({ maxEntries: 200, maxAgeSeconds: 30 * 24 * 60 * 60 })],
      }),
    },
  ],
  fallbacks: { entries: [{ url: offlinePage, matcher: isPage }] },
});

serwist.addEventListeners();
