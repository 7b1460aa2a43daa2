// Which Chromium the tests drive: Playwright's own where it is installed, else the system's (Debian's package).
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const systemChromiums = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** undefined: use Playwright's own browser; a path: use that one; null: none is installed. */
export function chromiumExecutable() {
  if (existsSync(chromium.executablePath())) return undefined;
  return systemChromiums.find((candidate) => existsSync(candidate)) ?? null;
}

// A closed network: without these Chromium keeps calling home and logs refused connections.
export const chromiumArgs = [
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
