// Realistic traffic for the demo's statechart page: people walking the journey's own graph, most of them on its
// way forward, a few going back, some failing, as the real counts would look.
import { actorOutcomeOf } from '@/machines/chart';
import { type JourneyGraph, journeyGraph } from './journeyGraph';

/** How likely a person takes each kind of step where it is offered, against the others offered there. */
const stepWeights: Record<string, number> = {
  // Ways back, aside and away: taken now and then.
  BACK: 1,
  CHANGE_EMAIL: 1,
  FORGOT_PASSWORD: 1,
  RETRY: 6,
  RELOAD: 0.3,
  SIGNED_OUT_ELSEWHERE: 0.2,
  RESET_LINK_OPENED: 0.2,
  DECLINE_LICENCE: 0.5,
  UNCHECK_LICENCE_BOX: 0.3,
  START_SSO: 5,
  DELIVERY_ARRIVED: 2,
};
const FORWARD_STEP = 10;
// An answer of the server: most steps succeed; one attempt in ten fails (a wrong password, an expired link…).
const outcomeWeights = { done: 90, error: 10 };

const weightOf = (eventType: string) => {
  const outcome = actorOutcomeOf(eventType)?.outcome;
  return outcome ? outcomeWeights[outcome] : (stepWeights[eventType] ?? FORWARD_STEP);
};

/** Whether the server can only refuse what was sent (a wrong password, an unknown link): one person in ten sends that. */
function onlyFailsNext(graph: JourneyGraph, key: string): boolean {
  const out = graph.nodes.get(key)?.out ?? [];
  const outcomes = out.map((edge) => actorOutcomeOf(edge.event.type)?.outcome);
  return out.length > 0 && outcomes.every((outcome) => outcome !== undefined) && !outcomes.includes('done');
}

/** Whether a person on this concrete state is signed in and at home: where most visits end. */
const atHome = (key: string) => key.includes('"signedIn":{"home"');

/**
 * One person's visit: the transitions taken, from opening the app until they leave (most once at home, a few
 * on the way). The samples of one kind of step (emails typed, outcomes of one answer) share that kind's weight.
 */
export function demoVisit(random: () => number, graph: JourneyGraph = journeyGraph()): string[] {
  const taken: string[] = [];
  let key = graph.initial;
  for (let step = 0; step < 60; step += 1) {
    if (random() < (atHome(key) ? 0.5 : 0.02)) break;
    const out = graph.nodes.get(key)?.out ?? [];
    if (out.length === 0) break;
    const kinds = new Map<string, number>();
    for (const edge of out) kinds.set(edge.event.type, (kinds.get(edge.event.type) ?? 0) + 1);
    const weights = out.map(
      (edge) =>
        (weightOf(edge.event.type) / (kinds.get(edge.event.type) as number)) *
        (onlyFailsNext(graph, edge.to) ? 0.1 : 1),
    );
    let pick = random() * weights.reduce((sum, weight) => sum + weight, 0);
    let index = 0;
    while (index < out.length - 1 && pick >= (weights[index] as number)) {
      pick -= weights[index] as number;
      index += 1;
    }
    const chosen = out[index] as (typeof out)[number];
    if (chosen.transitionId) taken.push(chosen.transitionId);
    key = chosen.to;
  }
  return taken;
}
