// npm run traffic:demo [-- --days 7 --visits 400]: fills the statechart page's traffic with a realistic week.
import { parseArgs } from 'node:util';

const usage = 'Usage: npm run traffic:demo [-- --days 1..31] [--visits 1..5000 (visits on a weekday)]';

function wholeNumber(
  value: string | undefined,
  fallback: number,
  min: number,
  max: number,
  name: string,
): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < min || number > max)
    throw new Error(`--${name} must be a whole number from ${min} to ${max}, not "${value}".\n${usage}`);
  return number;
}

let days: number;
let visits: number;
try {
  const { values } = parseArgs({
    options: { days: { type: 'string' }, visits: { type: 'string' } },
    strict: true,
  });
  days = wholeNumber(values.days, 7, 1, 31, 'days');
  visits = wholeNumber(values.visits, 400, 1, 5000, 'visits');
} catch (error) {
  console.error(
    (error as Error).message.includes(usage)
      ? (error as Error).message
      : `${(error as Error).message}\n${usage}`,
  );
  process.exit(2);
}

const { migrate } = await import('@/server/migrations');
const { addTraffic } = await import('@/server/traffic');
const { demoVisit } = await import('@/paths/demoTraffic');
await migrate();

const DAY_MS = 24 * 60 * 60 * 1000;
let total = 0;
for (let back = days - 1; back >= 0; back -= 1) {
  const day = new Date(Date.now() - back * DAY_MS);
  // Fewer people sign in at the weekend; no two days alike.
  const weekend = day.getUTCDay() === 0 || day.getUTCDay() === 6;
  const people = Math.round(visits * (weekend ? 0.25 : 1) * (0.85 + 0.3 * Math.random()));
  const taken = Array.from({ length: people }, () => demoVisit(Math.random)).flat();
  await addTraffic(taken, day);
  total += taken.length;
  console.log(`${day.toISOString().slice(0, 10)}: ${people} visits, ${taken.length} transitions`);
}
console.log(`Added ${total} transitions over ${days} days: open /statechart to see them.`);
process.exit(0);
