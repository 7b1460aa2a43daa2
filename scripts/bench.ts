// npm run bench: what users and QA feel, measured in one run, each figure against its budget (docs/benchmarks.md).

import pg from 'pg';
import { graphFigures, pathSets } from '@/paths/sets';
import { startApp, startCluster } from './bench/appServer';
import { measureLighthouse } from './bench/lighthouse';
import { lastMutationScore, MUTATION_REPORT } from './bench/mutation';
import { measurePageWeight } from './bench/pageWeight';
import { latencyLine, measureSignInLoad, measureSignIns } from './bench/signInThroughput';
import { generate, runSuite } from './bench/suite';

const CONCURRENCY = 8;
const SECONDS = 20;

type Line = { figure: string; value: string; budget: string; ok: boolean | null };
const lines: Line[] = [];
const report = (line: Line) => {
  lines.push(line);
  const verdict = line.ok === null ? 'measured' : line.ok ? 'ok' : 'over budget';
  console.log(`${line.figure}: ${line.value}${line.budget ? ` (budget ${line.budget})` : ''} ${verdict}`);
};

/** What the database has committed and written so far (its statistics lag by up to a second: wait that out). */
async function databaseWork(databaseUrl: string) {
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query<{ commits: string; rows_written: string }>(
    `select xact_commit as commits, tup_inserted + tup_updated + tup_deleted as rows_written
     from pg_stat_database where datname = current_database()`,
  );
  await client.end();
  return { commits: Number(rows[0]?.commits), rowsWritten: Number(rows[0]?.rows_written) };
}

const cpuLine = (ms: number | null) => (ms === null ? 'unknown' : `${ms.toFixed(1)} ms`);

const app = await startApp();
let singleInstance: { perSecond: number } | undefined;
try {
  const { argon2, signIns, identify } = await measureSignIns(app, CONCURRENCY, SECONDS);
  singleInstance = signIns;
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
    report({
      figure: `Lighthouse best practices, ${scores.page}`,
      value: String(scores.bestPractices ?? 'none'),
      budget: '100',
      ok: scores.bestPractices === 100,
    });
  }
} finally {
  await app.stop();
}

// The same sign-ins through nginx to two instances on PostgreSQL, on the same cores, in the same run.
const cluster = await startCluster();
try {
  const before = await databaseWork(cluster.databaseUrl);
  const throughCluster = await measureSignInLoad(cluster, CONCURRENCY, SECONDS);
  const after = await databaseWork(cluster.databaseUrl);
  report({
    figure: `HTTP sign-ins through nginx to two instances on PostgreSQL (${CONCURRENCY} at once, ${SECONDS} s)`,
    value: `${throughCluster.perSecond.toFixed(1)}/s, ${latencyLine(throughCluster)}, ${throughCluster.failures} failed, instances' CPU ${cpuLine(throughCluster.cpuMsPerCall.server)} each`,
    budget: 'no failures',
    ok: throughCluster.failures === 0,
  });
  const perSignIn = (count: number) => (count / throughCluster.calls).toFixed(1);
  report({
    figure: "PostgreSQL's work per sign-in (identify + password), from its own statistics",
    value: `${perSignIn(after.commits - before.commits)} transactions (reads among them), ${perSignIn(after.rowsWritten - before.rowsWritten)} rows written`,
    budget: '',
    ok: null,
  });
  if (singleInstance)
    report({
      figure: 'sign-ins/s, two instances on PostgreSQL behind nginx ÷ one on SQLite (same cores)',
      value: (throughCluster.perSecond / singleInstance.perSecond).toFixed(2),
      budget: '',
      ok: null,
    });
} finally {
  await cluster.stop();
}

// Every set is generated (budget: full in under 5 s); `full`, what CI runs, is run for its time a step, and
// with --each-set every set is run on its own.
const GENERATE_BUDGET_MS = 5_000;
const STEP_BUDGET_MS = 200;
const graphMs = graphFigures().buildMs;
for (const set of pathSets) {
  const generatedAlone = generate(set);
  // full's time counts building the graph it walks on, as a fresh process pays it.
  const figures =
    set === 'full' ? { ...generatedAlone, generateMs: generatedAlone.generateMs + graphMs } : generatedAlone;
  const figure = `${set} paths`;
  const generated = `${figures.paths} paths, ${figures.steps} steps, generated in ${figures.generateMs.toFixed(0)} ms`;
  const runIt =
    !process.argv.includes('--no-suite') && (set === 'full' || process.argv.includes('--each-set'));
  if (!runIt) {
    report({
      figure,
      value: `${generated}; suite not run`,
      budget: set === 'full' ? `generated in < ${GENERATE_BUDGET_MS} ms` : '',
      ok: set === 'full' ? figures.generateMs < GENERATE_BUDGET_MS : null,
    });
    continue;
  }
  const run = runSuite(set);
  const perStep = (run.testSeconds * 1000) / figures.steps;
  const withBuild = (run.seconds / figures.steps).toFixed(3);
  const times = `${(run.seconds / 60).toFixed(1)} min with the build (${withBuild} s a step), ${(run.testSeconds / 60).toFixed(1)} min of tests`;
  report({
    figure,
    value: run.passed
      ? `${generated}; suite passed in ${times} (${(perStep / 1000).toFixed(3)} s a step of tests)`
      : `${generated}; suite FAILED after ${times} (PATHS=${set} npx playwright test e2e/journey.spec.ts shows why)`,
    budget: `passes, ≤ ${STEP_BUDGET_MS} ms a step${set === 'full' ? `, generated in < ${GENERATE_BUDGET_MS} ms` : ''}`,
    ok:
      run.passed && perStep <= STEP_BUDGET_MS && (set !== 'full' || figures.generateMs < GENERATE_BUDGET_MS),
  });
  const phases = Object.entries(run.phasesPerStep)
    .sort(([, a], [, b]) => b - a)
    .map(([phase, ms]) => `${phase} ${ms.toFixed(0)}`)
    .join(', ');
  report({
    figure: `${set}: where a step's time goes (ms a step, summed over workers)`,
    value: phases,
    budget: '',
    ok: null,
  });
}

// Mutation testing is too slow to run here (`npm run mutate`): its last report is read back.
const mutation = lastMutationScore();
report({
  figure: 'mutation score (server/, machines/; the last npm run mutate)',
  value: mutation
    ? `${mutation.score.toFixed(1)} % on ${mutation.at.toISOString().slice(0, 10)} (${Object.entries(
        mutation.counts,
      )
        .map(([status, count]) => `${status} ${count}`)
        .join(', ')})`
    : `no report at ${MUTATION_REPORT}: run npm run mutate`,
  budget: '',
  ok: null,
});

const judged = lines.filter((line) => line.ok !== null);
console.log(
  `${judged.filter((line) => line.ok).length} within budget, ${judged.filter((line) => !line.ok).length} over budget`,
);
