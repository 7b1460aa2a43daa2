// First-load JavaScript of the sign-in page and of the home, as a browser fetches it, each file gzipped.
import { gzipSync } from 'node:zlib';
import { chromium, type Page, type Response } from '@playwright/test';
import { demoUsers } from '@/server/demoData';
import { chromiumArgs, testChromiumExecutable } from '../browser';

export type PageWeight = { signInPageKb: number; homeKb: number };

const BYTES_PER_KB = 1000;

/** Collects the JavaScript the page fetches from now on; `total()` is its gzip size in kB (1,000 bytes). */
function scriptsOf(page: Page) {
  const gzipped = new Map<string, Promise<number>>();
  const collect = (response: Response) => {
    if (response.request().resourceType() !== 'script' || gzipped.has(response.url())) return;
    gzipped.set(
      response.url(),
      response.body().then((body) => gzipSync(body).length),
    );
  };
  page.on('response', collect);
  return {
    // Scripts fetched after the count (later steps of the page) are no longer read.
    total: async () => {
      page.off('response', collect);
      return (await Promise.all(gzipped.values())).reduce((sum, bytes) => sum + bytes, 0) / BYTES_PER_KB;
    },
  };
}

export async function measurePageWeight(baseUrl: string): Promise<PageWeight> {
  const executable = testChromiumExecutable();
  const browser = await chromium.launch({ executablePath: executable ?? undefined, args: chromiumArgs });
  try {
    const context = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': '10.255.0.1' } });
    const signInPage = await context.newPage();
    const signInScripts = scriptsOf(signInPage);
    await signInPage.goto(baseUrl, { waitUntil: 'networkidle' });
    const signInPageKb = await signInScripts.total();
    await signInPage.getByRole('button', { name: 'SIGN IN' }).click();
    await signInPage.getByRole('textbox', { name: 'Email or User Principal Name' }).fill(demoUsers.ada.email);
    await signInPage.getByRole('button', { name: 'Next' }).click();
    await signInPage.getByLabel('Password', { exact: true }).fill(demoUsers.ada.password);
    await signInPage.getByLabel('Password', { exact: true }).press('Enter');
    // A first sign-in on this browser is asked about notifications first (the machine's permissions step).
    await signInPage.getByRole('button', { name: 'Not now' }).click();
    await signInPage.getByRole('heading', { name: /Welcome back/ }).waitFor();
    // The home's first load: a signed-in user opening the app afresh.
    const home = await context.newPage();
    const homeScripts = scriptsOf(home);
    await home.goto(baseUrl, { waitUntil: 'networkidle' });
    await home.getByRole('heading', { name: /Welcome back/ }).waitFor();
    return { signInPageKb, homeKb: await homeScripts.total() };
  } finally {
    await browser.close();
  }
}
