// The service worker (built by `serwist build` into public/sw.js, served at /sw.js with scope /). It stores nothing
// that shows a person's data (ASVS 5.0 V14.3.2, V14.3.3): pages always come from the network, no route answers /api/
// (the browser fetches it as if there were no worker), and only the offline page, the icons and the build's
// content-hashed files are kept. Push messages become system notifications; the page asks it to keep a push
// subscription for the signed-in session.
import { CacheFirst, ExpirationPlugin, NetworkOnly, type PrecacheEntry, Serwist } from 'serwist';
import { notificationOf, pushedItemFrom } from '@/components/notificationContent';

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

// What arrives while no page is open: the push service brings it, encrypted for this browser alone; the system
// shows it as the open page would have. A message that is not an item is shown as nothing.
self.addEventListener('push', (event) => {
  let data: unknown = null;
  try {
    data = event.data?.json();
  } catch {}
  const item = pushedItemFrom(data);
  if (!item) return;
  const { title, options } = notificationOf(item);
  event.waitUntil(self.registration.showNotification(title, options));
});

// Choosing a notification opens the app: the tab already open on it, else a new one at the home.
self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(
    (async () => {
      const open = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const own = open.find((client) => new URL(client.url).origin === self.location.origin);
      if (own) await own.focus();
      else await self.clients.openWindow('/');
    })(),
  );
});

/**
 * Subscribes this browser at its push service with the server's VAPID key (again when the key changed), and
 * tells the server, which keeps it for the signed-in session: the page asks once a session may use the app.
 */
async function keepPushSubscription(): Promise<void> {
  const keyAnswer = await fetch('/api/notifications/key');
  if (!keyAnswer.ok) return;
  const { publicKey } = (await keyAnswer.json()) as { publicKey: string };
  const key = Uint8Array.from(atob(publicKey.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
  const { pushManager } = self.registration;
  let subscription = await pushManager.getSubscription();
  const subscribedKey = subscription?.options.applicationServerKey;
  if (subscription && subscribedKey && !sameBytes(new Uint8Array(subscribedKey), key)) {
    await subscription.unsubscribe();
    subscription = null;
  }
  subscription ??= await pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
  await fetch('/api/notifications/subscriptions', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(subscription.toJSON()),
  });
}

const sameBytes = (a: Uint8Array, b: Uint8Array) =>
  a.length === b.length && a.every((byte, i) => byte === b[i]);

// Only the app's own pages may ask (a message from anything else is ignored).
self.addEventListener('message', (event) => {
  const fromOwnPage = event.origin === self.location.origin;
  if (!fromOwnPage || (event.data as { type?: unknown } | null)?.type !== 'keep-push-subscription') return;
  event.waitUntil(
    keepPushSubscription().catch((error: unknown) => console.warn('No push subscription:', error)),
  );
});
