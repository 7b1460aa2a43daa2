// @ts-check
// How `serwist build` makes the service worker: after `next build`, from worker/sw.ts into public/sw.js.
import { readFileSync } from 'node:fs';

/** @type {import('@serwist/cli').BuildOptions} */
export default {
  swSrc: 'worker/sw.ts',
  swDest: 'public/sw.js',
  // Precached: the manifest's icons. Nothing of .next/ (pages show a person's data; static files are kept on use).
  globDirectory: 'public',
  globPatterns: ['icons/*.png'],
  modifyURLPrefix: { '': '/' },
  // The offline page is rendered by the server (it names the product): fetched again after every build.
  additionalPrecacheEntries: [
    { url: '/offline.html', revision: readFileSync('.next/BUILD_ID', 'utf8').trim() },
  ],
  // Even when NODE_ENV says development: the offline page must be precached for the fallback to work.
  disablePrecacheManifest: false,
  // A classic script, which every browser with service workers can register.
  esbuildOptions: { format: 'iife' },
};
