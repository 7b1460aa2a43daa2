import 'server-only';
import { backdropColour, brandColour, brandMarkSvg } from '@/components/ui/brand';
import { config } from './config';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/**
 * What the service worker shows for a page it cannot reach: one self-contained document (no script, no stylesheet
 * to fetch) in the sign-in card's look. Its "Try again" is a link to the address the user asked for, which the
 * page keeps: the worker answers that navigation with this document.
 */
export function offlinePage(): string {
  const product = escapeHtml(config.productName);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="theme-color" content="${brandColour}">
<title>${product} needs a connection</title>
<style>
  :root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; padding: 1.5rem 1rem;
    box-sizing: border-box; background: ${backdropColour}; color: #111827; line-height: 1.5; }
  main { width: 100%; max-width: 26rem; background: #fff; border-radius: 12px; padding: 2rem 1.75rem;
    box-shadow: 0 10px 30px rgba(17, 24, 39, 0.1), 0 1px 3px rgba(17, 24, 39, 0.08); }
  .brand { display: flex; align-items: center; gap: 0.6rem; font-weight: 700; font-size: 1.15rem; }
  h1 { font-size: 1.5rem; line-height: 1.25; margin: 1.5rem 0 0.5rem; }
  p { margin: 0 0 1.5rem; color: #4b5563; }
  a { display: block; text-align: center; padding: 0.65rem 1.25rem; border-radius: 8px; background: ${brandColour};
    color: #fff; font-weight: 600; text-decoration: none; letter-spacing: 0.04em; }
  a:focus-visible { outline: none; box-shadow: 0 0 0 3px #93c5fd; }
</style>
</head>
<body>
<main>
  <div class="brand">${brandMarkSvg('rounded', 32)}<span>${product}</span></div>
  <h1>${product} needs a connection</h1>
  <p>You seem to be offline. Check your connection, then try again.</p>
  <a href="">Try again</a>
</main>
</body>
</html>`;
}
