import type { ChartState, ChartTransition } from '@/machines/chart';

/**
 * The chart as text: every state nested as in the machine, with its description and every transition out of it.
 * The drawing's text alternative for screen readers, and the list a printed copy carries for a sign-off.
 */
export function ChartOutline({
  states,
  transitions,
  selected,
  onSelect,
}: {
  states: ChartState[];
  transitions: ChartTransition[];
  selected: string | null;
  onSelect: (state: ChartState) => void;
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
                      {transition.label}{' '}
                      {transition.targetIds[0] ? `→ ${nameOf(transition.targetIds[0])}` : '↺ stays'}
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
