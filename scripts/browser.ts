// Which Chromium the tests drive: Playwright's own where it is installed, else the system's (Debian's package).
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const systemChromiums = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
/** Debian's build of the old headless shell: what Playwright itself runs headless, lighter than the full browser. */
export const systemHeadlessShell = '/usr/bin/chromium-headless-shell';

/** The full browser. undefined: use Playwright's own; a path: use that one; null: none is installed. */
export function chromiumExecutable() {
  if (existsSync(chromium.executablePath())) return undefined;
  return systemChromiums.find((candidate) => existsSync(candidate)) ?? null;
}

/**
 * The browser the generated tests drive headless: Playwright's own where installed (it picks its headless shell),
 * else Debian's headless shell, else Debian's full Chromium (CHROMIUM_FOR_TESTS names another).
 */
export function testChromiumExecutable() {
  if (process.env.CHROMIUM_FOR_TESTS) return process.env.CHROMIUM_FOR_TESTS;
  if (existsSync(chromium.executablePath())) return undefined;
  return existsSync(systemHeadlessShell) ? systemHeadlessShell : chromiumExecutable();
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

/**
 * The generated tests' browser: the (software) compositor in the browser process rather than a GPU process of its
 * own, which saves a process's round trips on every frame and screenshot (a fifth of a step on the 2-core machine).
 */
export const testChromiumArgs = [...chromiumArgs, '--in-process-gpu'];
