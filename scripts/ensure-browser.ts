// Makes sure the end-to-end tests have their two Chromiums: a headless one for the generated paths, and a full one
// for the installability check (the headless shell calls any page installable). Playwright's own gives both; else
// Debian's chromium-headless-shell and chromium, installed with apt-get when running as root.
import { existsSync } from 'node:fs';
import { chromiumExecutable, systemHeadlessShell, testChromiumExecutable } from './browser';
import { canInstallPackages, installDebianPackages } from './debianPackages';

/** Debian's packages the tests still lack. */
function missingPackages() {
  const usesSystemBrowsers = testChromiumExecutable() !== undefined && !process.env.CHROMIUM_FOR_TESTS;
  return [
    ...(usesSystemBrowsers && !existsSync(systemHeadlessShell) ? ['chromium-headless-shell'] : []),
    ...(chromiumExecutable() === null ? ['chromium'] : []),
  ];
}

function report() {
  console.log(`Chromium for the tests: ${testChromiumExecutable() ?? "Playwright's own"}`);
  console.log(`Full Chromium for the installability check: ${chromiumExecutable() ?? "Playwright's own"}`);
}

const missing = missingPackages();
if (missing.length === 0) {
  report();
  process.exit(0);
}
if (!canInstallPackages()) {
  if (chromiumExecutable() !== null) {
    report();
    console.log('(chromium-headless-shell would be lighter for the generated paths)');
    process.exit(0);
  }
  console.error(`Missing: ${missing.join(', ')}. Run \`npx playwright install chromium\`, or install them.`);
  process.exit(1);
}
installDebianPackages(missing, 'the tests');
const stillMissing = missingPackages();
if (stillMissing.length > 0) {
  console.error(`Installing did not give ${stillMissing.join(', ')}.`);
  process.exit(1);
}
report();
