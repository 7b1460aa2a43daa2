// Lighthouse (12.2.3) on Debian's Chromium: performance, accessibility and best practices (errors in the console,
// the Content-Security-Policy among them) of the welcome, the sign-in step and the home, with Lighthouse's desktop
// settings (a business web client on a desktop).
import { desktopConfig, navigation, snapshot } from 'lighthouse';
import puppeteer from 'puppeteer-core';
import { demoUsers } from '@/server/demoData';
import { chromiumArgs, chromiumExecutable, testChromiumExecutable } from '../browser';

export type PageScores = {
  page: string;
  performance: number | null;
  accessibility: number;
  bestPractices: number | null;
};

const categories = { onlyCategories: ['performance', 'accessibility', 'best-practices'] };

const score = (result: Awaited<ReturnType<typeof navigation>>, category: string) => {
  const value = result?.lhr.categories[category]?.score;
  return typeof value === 'number' ? Math.round(value * 100) : null;
};

export async function measureLighthouse(baseUrl: string): Promise<PageScores[]> {
  // The full browser where there is one; else the headless shell the tests install.
  const executablePath = chromiumExecutable() ?? testChromiumExecutable() ?? undefined;
  const browser = await puppeteer.launch({
    executablePath: executablePath ?? (await import('@playwright/test')).chromium.executablePath(),
    // As root (the CI machines here) Chromium runs only without its sandbox; Playwright does the same.
    args: [...chromiumArgs, '--headless=new', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
  });
  try {
    const page = await browser.newPage();
    await page.setExtraHTTPHeaders({ 'x-forwarded-for': '10.254.0.1' });
    const config = { ...desktopConfig, settings: { ...desktopConfig.settings, ...categories } };
    // A server just started compiles each route's code on its first request; users meet a warm one.
    await fetch(baseUrl, { headers: { 'x-forwarded-for': '10.254.0.2' } });
    const welcome = await navigation(page, baseUrl, { config });
    // The sign-in step is the same page load as the welcome: its accessibility is taken as the user sees it.
    await page.waitForSelector('button');
    await (await page.$('xpath/.//button[normalize-space()="SIGN IN"]'))?.click();
    await page.waitForSelector('input[type="email"]');
    const signIn = await snapshot(page, { config });
    await page.type('input[type="email"]', demoUsers.ada.email);
    await page.keyboard.press('Enter');
    await page.waitForSelector('input[type="password"]');
    await page.type('input[type="password"]', demoUsers.ada.password);
    await page.keyboard.press('Enter');
    // A browser never asked about notifications is asked first (SPEC step 8): Not now, then the home.
    await page.waitForFunction(() =>
      [...document.querySelectorAll('button')].some(
        (button) => button.hasAttribute('aria-haspopup') || button.textContent?.trim() === 'Not now',
      ),
    );
    await (await page.$('xpath/.//button[normalize-space()="Not now"]'))?.click();
    await page.waitForSelector('button[aria-haspopup]');
    const home = await navigation(page, baseUrl, { config });
    return [
      {
        page: 'welcome',
        performance: score(welcome, 'performance'),
        accessibility: score(welcome, 'accessibility') ?? 0,
        bestPractices: score(welcome, 'best-practices'),
      },
      {
        page: 'sign-in step',
        performance: score(welcome, 'performance'),
        accessibility: score(signIn, 'accessibility') ?? 0,
        bestPractices: score(signIn, 'best-practices'),
      },
      {
        page: 'home',
        performance: score(home, 'performance'),
        accessibility: score(home, 'accessibility') ?? 0,
        bestPractices: score(home, 'best-practices'),
      },
    ];
  } finally {
    await browser.close();
  }
}
