import type { CSSProperties, KeyboardEvent } from 'react';
import { type ChartLayout, chartText, type DrawnState } from './layout';
import { strokeWidthFor } from './traffic';

/** Where each state's screen is found: its file's address, by state id. */
export type ScreenAddresses = ReadonlyMap<string, string>;

/** Which states and transitions to mark, and why. */
export type Marks = {
  /** The state the app is in, in another tab: marked with aria-current="true". */
  live: string | null;
  /** The state of the simulated copy, or of the path being played. */
  stepped: string | null;
  /** Transitions taken by the path being played, up to its current step. */
  taken: ReadonlySet<string>;
  selected: string | null;
  /** The transition chosen in the outline. */
  selectedTransition: string | null;
};

const arrowPath = (points: Array<{ x: number; y: number }>) =>
  points.map((point, index) => `${index ? 'L' : 'M'}${point.x.toFixed(1)},${point.y.toFixed(1)}`).join(' ');

/** The chart itself: nested boxes for states, arrows labelled with their events; a state is chosen by click or key. */
export function ChartSvg({
  layout,
  marks,
  scale,
  screens,
  onChoose,
}: {
  layout: ChartLayout;
  marks: Marks;
  scale: number;
  screens: ScreenAddresses;
  onChoose: (state: DrawnState) => void;
}) {
  // Where traffic is shown, an arrow is as thick as its share of the busiest one.
  const busiest = Math.max(0, ...layout.transitions.map((transition) => transition.taken ?? 0));
  const onKey = (state: DrawnState) => (event: KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onChoose(state);
    }
  };
  return (
    // biome-ignore lint/a11y/useSemanticElements: an SVG cannot be a <fieldset>; the group names the chart.
    <svg
      className="chart-svg"
      role="group"
      aria-label="The sign-in journey's statechart"
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      width={layout.width * scale}
      height={layout.height * scale}
      xmlns="http://www.w3.org/2000/svg"
    >
      <defs>
        <marker
          id="arrowhead"
          viewBox="0 0 10 10"
          refX="9"
          refY="5"
          // A fixed size: an arrow drawn thick for its traffic keeps an arrowhead of the same size.
          markerUnits="userSpaceOnUse"
          markerWidth="9"
          markerHeight="9"
          orient="auto"
        >
          <path d="M0,0 L10,5 L0,10 z" fill="#475569" />
        </marker>
      </defs>
      {layout.states.map((state) => (
        // biome-ignore lint/a11y/useSemanticElements: an SVG group cannot be a <button>; it acts as one.
        <g
          key={state.id}
          data-state-id={state.id}
          role="button"
          tabIndex={0}
          aria-label={`${state.name}${state.collapsed ? ` (${state.hiddenStates} states inside)` : ''}: ${state.description}`}
          aria-current={marks.live === state.id ? 'true' : undefined}
          aria-pressed={marks.selected === state.id}
          className={[
            'chart-state',
            state.kind === 'atomic' || state.collapsed ? 'leaf' : 'parent',
            marks.live === state.id ? 'live' : '',
            marks.stepped === state.id ? 'stepped' : '',
            marks.selected === state.id ? 'selected' : '',
          ].join(' ')}
          onClick={() => onChoose(state)}
          onKeyDown={onKey(state)}
        >
          <title>{state.description}</title>
          <rect x={state.x} y={state.y} width={state.width} height={state.height} rx={state.depth ? 8 : 12} />
          <text
            className="chart-state-name"
            x={state.x + chartText.inset}
            y={state.y + chartText.nameBaseline}
          >
            {state.isInitial ? '▸ ' : ''}
            {state.name}
            {state.collapsed ? ` +${state.hiddenStates}` : ''}
          </text>
          {state.screen && (
            <image
              href={screens.get(state.id)}
              x={state.screen.x}
              y={state.screen.y}
              width={state.screen.width}
              height={state.screen.height}
              preserveAspectRatio="xMidYMid meet"
            />
          )}
          {state.exits.map((exit) => (
            <text
              key={exit.id}
              data-transition-id={exit.id}
              className={`chart-exit${marks.selectedTransition === exit.id ? ' selected' : ''}`}
            >
              {exit.lines.map((line, index) => (
                <tspan
                  key={line}
                  x={exit.box.x + (index ? chartText.indent : 0)}
                  y={exit.box.y + (index + 1) * chartText.lineHeight - 3}
                  className={index ? 'chart-exit-detail' : undefined}
                >
                  {line}
                </tspan>
              ))}
            </text>
          ))}
        </g>
      ))}
      {layout.transitions.map((transition) => (
        <g
          key={transition.id}
          data-transition-id={transition.id}
          className={[
            'chart-transition',
            marks.taken.has(transition.id) ? 'taken' : '',
            marks.selectedTransition === transition.id ? 'selected' : '',
          ].join(' ')}
        >
          <path
            d={arrowPath(transition.points)}
            markerEnd="url(#arrowhead)"
            style={
              transition.taken === null
                ? undefined
                : ({ '--traffic-width': strokeWidthFor(transition.taken, busiest) } as CSSProperties)
            }
          />
          {transition.labelBox && (
            <text>
              {transition.lines.map((line, index) => (
                <tspan
                  key={line}
                  x={transition.labelBox?.x}
                  y={(transition.labelBox?.y ?? 0) + (index + 1) * chartText.lineHeight - 3}
                >
                  {line}
                </tspan>
              ))}
            </text>
          )}
        </g>
      ))}
    </svg>
  );
}
