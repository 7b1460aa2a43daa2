// The journey's traffic as the browser reports it and the server counts it: which transitions, and how many at once.
import type { InspectionEvent } from 'xstate';
import { journeyChart, transitionId } from './chart';

/** The most transitions one batch may carry. */
export const TRAFFIC_BATCH_MAX = 50;

export type TrafficBatch = { transitions: string[] };

const journeyTransitionIds: ReadonlySet<string> = new Set(journeyChart().transitions.map(({ id }) => id));

/** Whether an id names one of the journey's transitions (the only ids a batch may carry). */
export const isJourneyTransition = (id: string) => journeyTransitionIds.has(id);

/** The journey's transitions one inspected step took, by their chart ids (none for anything else inspected). */
export function transitionsTakenIn(inspected: InspectionEvent): string[] {
  if (inspected.type !== '@xstate.microstep') return [];
  return inspected._transitions.map(transitionId).filter(isJourneyTransition);
}
