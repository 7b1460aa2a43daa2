// After `next build` (npm run build): marks the browser's script chunks for eager compilation (./eagerCompile), so a
// repeat load of the app compiles almost nothing: 45 ms of Chromium's CPU a load of the home (docs/benchmarks.md).
import path from 'node:path';
import { markForEagerCompile } from './eagerCompile';

const marked = markForEagerCompile(path.resolve('.next/static/chunks'));
console.log(`Compile hints: ${marked} script chunks marked for eager compilation`);
