// Makes sure the end-to-end tests have a Chromium: Playwright's own where installed, else Debian's headless shell
// (the lighter build Playwright itself runs headless), installed with apt-get when running as root.
import { execFileSync } from 'node:child_process';
import { systemHeadlessShell, testChromiumExecutable } from './browser';

const found = testChromiumExecutable();
if (found === undefined || found === systemHeadlessShell || process.env.CHROMIUM_FOR_TESTS) {
  console.log(`Chromium for the tests: ${found ?? "Playwright's own"}`);
  process.exit(0);
}
if (process.platform !== 'linux' || process.getuid?.() !== 0) {
  if (found) {
    console.log(`Chromium for the tests: ${found} (chromium-headless-shell would be lighter)`);
    process.exit(0);
  }
  console.error(
    'No Chromium found. Run `npx playwright install chromium`, or install chromium-headless-shell.',
  );
  process.exit(1);
}
console.log("Installing Debian's chromium-headless-shell for the tests…");
const run = (args: string[]) =>
  execFileSync('apt-get', args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
run(['update', '-qq']);
run(['install', '-y', '-qq', '--no-install-recommends', 'chromium-headless-shell']);
if (testChromiumExecutable() !== systemHeadlessShell) {
  console.error(`Installing chromium-headless-shell did not give ${systemHeadlessShell}.`);
  process.exit(1);
}
