// V8's explicit compile hint: a script that starts with it is compiled whole as it loads, and the code cache Chromium
// keeps for it then holds every function, where it held only the top level (Turbopack's modules run later).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

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
