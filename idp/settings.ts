// The demo identity provider's settings, from the environment, each checked once with a message that names it.
import path from 'node:path';
import { demoIdentityProvider } from '@/server/demoData';

function readPort(): number {
  const raw = process.env.IDP_PORT ?? '3200';
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new Error(`IDP_PORT must be a port number (1 to 65535), got "${raw}"`);
  }
  return port;
}

function readUrl(name: string, raw: string): URL {
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http(s)');
    return url;
  } catch {
    throw new Error(`${name} must be an absolute http(s) URL, got "${raw}"`);
  }
}

const port = readPort();
// The app's addresses it sends people back to: IDP_APP_BASE_URLS (comma-separated) where the app is served at
// several (the tests' single server and cluster), else the app's own BASE_URL.
const appBaseUrls = process.env.IDP_APP_BASE_URLS
  ? process.env.IDP_APP_BASE_URLS.split(',').map((raw) => readUrl('IDP_APP_BASE_URLS', raw.trim()))
  : [readUrl('BASE_URL', process.env.BASE_URL ?? `http://localhost:${process.env.PORT ?? '3000'}`)];
const dataDir = path.resolve(process.env.IDP_DATA_DIR ?? path.join(process.env.DATA_DIR ?? '.data', 'idp'));

export const idpSettings = {
  port,
  /** Loopback only: the demo provider is never reachable from another machine. */
  hostname: '127.0.0.1',
  issuer: readUrl('IDP_ISSUER', demoIdentityProvider.issuer()).href.replace(/\/$/, ''),
  databaseFile: path.join(dataDir, 'idp.sqlite'),
  dataDir,
  /** The one relying party it knows: this app, coming back to its callback page at each of its addresses. */
  client: demoIdentityProvider.clientOf(...appBaseUrls),
} as const;
