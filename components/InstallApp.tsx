'use client';

import { useSyncExternalStore } from 'react';

/** What Chrome and Edge fire when they would install the app (not yet in TypeScript's DOM types). */
interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

// The browser's offer arrives once a page load, often while the user is still signing in: it is kept from the
// start, not from when the home appears.
let offer: BeforeInstallPromptEvent | null = null;
const listeners = new Set<() => void>();
const setOffer = (next: BeforeInstallPromptEvent | null) => {
  offer = next;
  for (const listener of listeners) listener();
};
if (typeof window !== 'undefined') {
  window.addEventListener('beforeinstallprompt', (event) => {
    // The button asks instead of the browser's own prompt; the installed app itself is never offered.
    event.preventDefault();
    if (!window.matchMedia('(display-mode: standalone)').matches) setOffer(event as BeforeInstallPromptEvent);
  });
  window.addEventListener('appinstalled', () => setOffer(null));
}
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/**
 * The home's **Install {product}** button: only while the browser offers to install the app (Chrome, Edge), never
 * in the installed app; otherwise nothing at all, so the top bar does not move.
 */
export function InstallApp({ productName }: { productName: string }) {
  const current = useSyncExternalStore(
    subscribe,
    () => offer,
    () => null,
  );
  if (!current) return null;
  const install = async () => {
    // An offer is used once: the browser offers again, with a new event, if the user says no.
    setOffer(null);
    await current.prompt();
  };
  return (
    <button type="button" className="secondary install-app" onClick={install}>
      Install {productName}
    </button>
  );
}
