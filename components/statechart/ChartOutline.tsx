import type { ChartState, ChartTransition } from '@/machines/chart';
import { type TransitionCounts, timesTaken } from './traffic';

/**
 * The chart as text: every state nested as in the machine, with its description and every transition out of it.
 * The drawing's text alternative for screen readers, and the list a printed copy carries for a sign-off.
 */
export function ChartOutline({
  states,
  transitions,
  selected,
  selectedTransition,
  counts,
  onSelect,
  onSelectTransition,
}: {
  states: ChartState[];
  transitions: ChartTransition[];
  selected: string | null;
  selectedTransition: string | null;
  /** The traffic of the last days, or null when there was none. */
  counts: TransitionCounts | null;
  onSelect: (state: ChartState) => void;
  /** Marks the transition on the chart (an arrow, or an exit written in its state). */
  onSelectTransition: (transition: ChartTransition) => void;
}) {
  const nameOf = (id: string) => states.find((state) => state.id === id)?.name ?? id;
  const outline = (parentId: string | null) => {
    const children = states.filter((state) => state.parentId === parentId);
    if (children.length === 0) return null;
    return (
      <ul>
        {children.map((state) => {
          const out = transitions.filter((transition) => transition.sourceId === state.id);
          return (
            <li key={state.id}>
              <button type="button" aria-pressed={selected === state.id} onClick={() => onSelect(state)}>
                {state.name}
              </button>
              {state.description && <p>{state.description}</p>}
              {out.length > 0 && (
                <ul className="chart-outline-transitions" aria-label={`Transitions from ${state.name}`}>
                  {out.map((transition) => (
                    <li key={transition.id}>
                      <button
                        type="button"
                        aria-pressed={selectedTransition === transition.id}
                        onClick={() => onSelectTransition(transition)}
                      >
                        {transition.label}{' '}
                        {transition.targetIds[0] ? `→ ${nameOf(transition.targetIds[0])}` : '↺ stays'}
                        {counts && `, taken ${timesTaken(counts[transition.id] ?? 0)}`}
                      </button>
                    </li>
                  ))}
                </ul>
              )}
              {outline(state.id)}
            </li>
          );
        })}
      </ul>
    );
  };
  return (
    <section className="statechart-outline" aria-labelledby="outline-heading">
      <h2 id="outline-heading">The journey as text</h2>
      <p>Every state, inside its parent, with what it is and every transition out of it.</p>
      {outline(null)}
    </section>
  );
}
