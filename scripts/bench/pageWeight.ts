// First-load JavaScript of the sign-in page and of the home, as a browser fetches it, each file gzipped.
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from '@playwright/test';
import { demoUsers } from '@/server/demoData';
import { chromiumArgs, chromiumExecutable } from '../browser';

export type PageWeight = { signInPageKb: number; homeKb: number };

/** Collects the JavaScript the page fetches from now on; `total()` is its gzip size in kB. */
function scriptsOf(page: Page) {
  const seen = new Map<string, number>();
  page.on('response', async (response) => {
    if (response.request().resourceType() !== 'script' || seen.has(response.url())) return;
    seen.set(response.url(), 0);
    seen.set(response.url(), gzipSync(await response.body()).length);
  });
  return { total: () => [...seen.values()].reduce((sum, bytes) => sum + bytes, 0) / 1024 };
}

export async function measurePageWeight(baseUrl: string): Promise<PageWeight> {
  const executable = chromiumExecutable();
  const browser = await chromium.launch({ executablePath: executable ?? undefined, args: chromiumArgs });
  try {
    const context = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': '10.255.0.1' } });
    const signInPage = await context.newPage();
    const signInScripts = scriptsOf(signInPage);
    await signInPage.goto(baseUrl, { waitUntil: 'networkidle' });
    const signInPageKb = signInScripts.total();
    await signInPage.getByRole('button', { name: 'SIGN IN' }).click();
    await signInPage.getByRole('textbox', { name: 'Email or User Principal Name' }).fill(demoUsers.ada.email);
    await signInPage.getByRole('button', { name: 'Next' }).click();
    await signInPage.getByLabel('Password', { exact: true }).fill(demoUsers.ada.password);
    await signInPage.getByLabel('Password', { exact: true }).press('Enter');
    await signInPage.getByRole('heading', { name: /Welcome back/ }).waitFor();
    // The home's first load: a signed-in user opening the app afresh.
    const home = await context.newPage();
    const homeScripts = scriptsOf(home);
    await home.goto(baseUrl, { waitUntil: 'networkidle' });
    await home.getByRole('heading', { name: /Welcome back/ }).waitFor();
    return { signInPageKb, homeKb: homeScripts.total() };
  } finally {
    await browser.close();
  }
}
