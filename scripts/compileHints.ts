// After `next build`: each script chunk the browser loads starts with V8's explicit compile hint, so Chromium compiles
// every function of it as the chunk loads, and the code cache it keeps for the chunk holds them all. Without the hint
// the cache holds only the chunk's top level (Turbopack's modules run later), and every load of the app compiled the
// modules again: 45 ms of Chromium's CPU a load of the home on the 2-core machine (docs/benchmarks.md).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** V8's magic comment (Chromium 136 and later); other browsers read it as a comment. */
export const COMPILE_HINT = '//# allFunctionsCalledOnLoad';

/** Puts the hint first in each script of the folder (and its folders) that lacks it; says how many it marked. */
export function markForEagerCompile(folder: string): number {
  let marked = 0;
  const names = readdirSync(folder, { recursive: true, encoding: 'utf8' });
  for (const name of names.filter((file) => file.endsWith('.js'))) {
    const file = path.join(folder, name);
    const source = readFileSync(file, 'utf8');
    if (source.startsWith(COMPILE_HINT)) continue;
    writeFileSync(file, `${COMPILE_HINT}\n${source}`);
    marked += 1;
  }
  return marked;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const marked = markForEagerCompile(path.resolve('.next/static/chunks'));
  console.log(`Compile hints: ${marked} script chunks marked for eager compilation`);
}
