// The journey's traffic as the statechart page shows it: counts on the chart, and where attempts fail most.
import { actorOutcomeOf, type ChartTransition } from '@/machines/chart';

/** The days of traffic the statechart page shows: a week, every weekday once. */
export const TRAFFIC_DAYS = 7;

/** How often each transition was taken in the period shown, by transition id (absent: never). */
export type TransitionCounts = Readonly<Record<string, number>>;

/** The traffic the page shows: the days it covers (oldest first) and the counts over them. */
export type Traffic = { days: string[]; counts: TransitionCounts };

const grouped = new Intl.NumberFormat('en-GB');

/** A count with its digits grouped, as the page writes every count: "1,204". */
export const countText = (count: number) => grouped.format(count);

// On the chart, thousands as "1.2k" or "45k": the storyboard keeps its width; the outline and panel say exactly.
const compact = new Intl.NumberFormat('en-GB', { notation: 'compact', maximumSignificantDigits: 2 });

/** A count as the chart writes it after a transition's event: " · 37", " · 1.2k". */
export const countSuffix = (count: number) => ` · ${count < 1000 ? countText(count) : compact.format(count)}`;

/** "1,204 times" in words, for the outline. */
export const timesTaken = (count: number) => `${countText(count)} ${count === 1 ? 'time' : 'times'}`;

/** An arrow's stroke for its traffic: 1.5 px untaken, up to 7 px for the busiest; by its square root, so quiet arrows stay visible. */
export function strokeWidthFor(count: number, busiest: number): number {
  if (count <= 0 || busiest <= 0) return 1.5;
  return 1.5 + 5.5 * Math.sqrt(count / busiest);
}

export type FailureShare = { transition: ChartTransition; failures: number; attempts: number };

/**
 * The failing outcomes of the journey's steps (an actor's error: a wrong password, a failed SSO, an expired link)
 * with how many attempts of that step there were (every outcome of it from the same state), most failures first.
 */
export function mostFailures(
  transitions: ChartTransition[],
  counts: TransitionCounts,
  limit = 5,
): FailureShare[] {
  const attemptsOf = (failure: ChartTransition, actor: string) =>
    transitions
      .filter(
        (candidate) =>
          candidate.sourceId === failure.sourceId && actorOutcomeOf(candidate.event)?.actor === actor,
      )
      .reduce((total, candidate) => total + (counts[candidate.id] ?? 0), 0);
  return transitions
    .flatMap((transition) => {
      const outcome = actorOutcomeOf(transition.event);
      const failures = counts[transition.id] ?? 0;
      if (outcome?.outcome !== 'error' || failures === 0) return [];
      return [{ transition, failures, attempts: attemptsOf(transition, outcome.actor) }];
    })
    .sort((a, b) => b.failures - a.failures || b.failures / b.attempts - a.failures / a.attempts)
    .slice(0, limit);
}
