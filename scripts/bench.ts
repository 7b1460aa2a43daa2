// npm run bench: what users and QA feel, measured in one run, each figure against its budget (docs/benchmarks.md).
import { startApp } from './bench/appServer';
import { measureLighthouse } from './bench/lighthouse';
import { measurePageWeight } from './bench/pageWeight';
import { latencyLine, measureSignIns } from './bench/signInThroughput';
import { generate, generateFullSetWithin, runSuite } from './bench/suite';

const CONCURRENCY = 8;
const SECONDS = 20;

type Line = { figure: string; value: string; budget: string; ok: boolean | null };
const lines: Line[] = [];
const report = (line: Line) => {
  lines.push(line);
  const verdict = line.ok === null ? 'measured' : line.ok ? 'ok' : 'over budget';
  console.log(`${line.figure}: ${line.value}${line.budget ? ` (budget ${line.budget})` : ''} ${verdict}`);
};

const cpuLine = (ms: number | null) => (ms === null ? 'unknown' : `${ms.toFixed(1)} ms`);

const app = await startApp();
try {
  const { argon2, signIns, identify } = await measureSignIns(app, CONCURRENCY, SECONDS);
  const ratio = signIns.perSecond / argon2.perSecond;
  report({
    figure: 'argon2id verify (m=19 MiB, t=2, p=1)',
    value: `${argon2.perSecond.toFixed(1)}/s`,
    budget: '',
    ok: null,
  });
  report({
    figure: `HTTP sign-ins (identify + password, ${CONCURRENCY} at once, ${SECONDS} s)`,
    value: `${signIns.perSecond.toFixed(1)}/s, ${latencyLine(signIns)}, ${signIns.failures} failed`,
    budget: 'no failures',
    ok: signIns.failures === 0,
  });
  report({
    figure: 'sign-ins per argon2id verify',
    value: ratio.toFixed(2),
    budget: '≥ 0.85',
    ok: ratio >= 0.85,
  });
  report({
    figure: 'CPU per sign-in (where the ratio goes)',
    value: `server ${cpuLine(signIns.cpuMsPerCall.server)}, load ${cpuLine(signIns.cpuMsPerCall.here)}; one raw verify ${cpuLine(argon2.cpuMsPerCall.here)}`,
    budget: '',
    ok: null,
  });
  report({
    figure: 'identify requests',
    value: `${identify.perSecond.toFixed(0)}/s, ${latencyLine(identify)}, ${identify.failures} failed, server CPU ${cpuLine(identify.cpuMsPerCall.server)} each`,
    budget: '',
    ok: null,
  });
  const weight = await measurePageWeight(app.baseUrl);
  report({
    figure: 'first-load JS of the sign-in page (gzip)',
    value: `${weight.signInPageKb.toFixed(1)} kB`,
    budget: '< 150 kB',
    ok: weight.signInPageKb < 150,
  });
  report({
    figure: 'first-load JS of the home (gzip)',
    value: `${weight.homeKb.toFixed(1)} kB`,
    budget: '< 150 kB',
    ok: weight.homeKb < 150,
  });
  for (const scores of await measureLighthouse(app.baseUrl)) {
    report({
      figure: `Lighthouse performance, ${scores.page}`,
      value: String(scores.performance ?? 'none'),
      budget: '≥ 95',
      ok: (scores.performance ?? 0) >= 95,
    });
    report({
      figure: `Lighthouse accessibility, ${scores.page}`,
      value: String(scores.accessibility),
      budget: '100',
      ok: scores.accessibility === 100,
    });
  }
} finally {
  await app.stop();
}

for (const set of ['quick', 'edges'] as const) {
  const figures = generate(set);
  const figure = `${set} paths`;
  const generated = `${figures.paths} paths, ${figures.steps} steps, generated in ${figures.generateMs.toFixed(0)} ms`;
  const budget = set === 'edges' ? 'passes in under 15 min' : 'passes';
  if (process.argv.includes('--no-suite')) {
    report({ figure, value: `${generated}; suite not run (--no-suite)`, budget: '', ok: null });
    continue;
  }
  const run = runSuite(set);
  const perStep = `${((run.seconds * 1000) / figures.steps).toFixed(0)} ms a step`;
  report({
    figure,
    value: run.passed
      ? `${generated}; suite passed in ${(run.seconds / 60).toFixed(1)} min (${perStep})`
      : `${generated}; suite FAILED after ${(run.seconds / 60).toFixed(1)} min (PATHS=${set} npx playwright test e2e/journey.spec.ts shows why)`,
    budget,
    ok: run.passed && (set !== 'edges' || run.seconds < 15 * 60),
  });
}

const FULL_SET_SECONDS = 120;
const full = generateFullSetWithin(FULL_SET_SECONDS);
report({
  figure: 'full paths (every simple path)',
  value: full.ok
    ? `${full.figures.paths} paths, ${full.figures.steps} steps, generated in ${(full.figures.generateMs / 1000).toFixed(0)} s; too many to run`
    : full.timedOut
      ? `not generated within ${FULL_SET_SECONDS} s`
      : 'generating it FAILED',
  budget: '',
  ok: null,
});

const judged = lines.filter((line) => line.ok !== null);
console.log(
  `${judged.filter((line) => line.ok).length} within budget, ${judged.filter((line) => !line.ok).length} over budget`,
);
