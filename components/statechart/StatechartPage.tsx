'use client';
import { useEffect, useMemo, useRef, useState, type WheelEvent } from 'react';
import { type AnyMachineSnapshot, type AnyStateMachine, type EventObject, initialTransition } from 'xstate';
import {
  type ChartState,
  type ChartTransition,
  JOURNEY_STATE_CHANNEL,
  type JourneyStateMessage,
  stateIdOf,
} from '@/machines/chart';
import { journeyMachine } from '@/machines/journey';
import { describeEvent } from '@/paths/describe';
import { pathWindow } from '@/paths/pathWindow';
import { createSamples, type SampleWorld } from '@/paths/samples';
import { stepJourney } from '@/paths/serverMemory';
import type { StateScreen } from '@/paths/stateScreenFiles';
import { ChartOutline } from './ChartOutline';
import { ChartSvg } from './ChartSvg';
import { exportPng, exportSvg } from './exportChart';
import { type ChartLayout, layOutChart, type MeasureText } from './layout';
import { TrafficPanel } from './TrafficPanel';
import type { Traffic } from './traffic';

export type ChartPath = {
  title: string;
  /** The loop-free route this path realises, by its name (its states in order), where it is one. */
  route?: string;
  steps: Array<{ label: string; stateId: string; transitionIds: string[] }>;
};
/** How much of one coverage criterion the paths take, of what the system can take and of what the chart allows. */
export type Coverage = Array<{
  criterion: string;
  covered: number;
  reachable: number;
  total: number;
  missed: string[];
}>;

// The simulation feeds sampled events of any type (actor outcomes included), so it sees the machine untyped.
const machine: AnyStateMachine = journeyMachine;

type Mode = { kind: 'simulate' } | { kind: 'path'; index: number; step: number } | { kind: 'watch' };

/** Measures text as the chart draws it, in the page's own font, so that ELK leaves the room the words take. */
function measureInPage(element: Element): MeasureText | undefined {
  const context = document.createElement('canvas').getContext('2d');
  if (!context) return undefined;
  const family = getComputedStyle(element).fontFamily;
  return (text, size) => {
    context.font = `${size === 13 ? 600 : 400} ${size}px ${family}`;
    return context.measureText(text).width;
  };
}

/** How a screen's variant reads: " with the problem x", " with the notice y", or nothing. */
const variantOf = ({ problem, notice }: StateScreen) =>
  `${problem ? ` with the problem ${problem}` : ''}${notice ? ` with the notice ${notice}` : ''}`;

const ancestorsOf = (stateId: string, states: ChartState[]): string[] => {
  const parent = states.find((state) => state.id === stateId)?.parentId;
  return parent ? [parent, ...ancestorsOf(parent, states)] : [];
};

/** A toolbar button that turns something on the chart on or off. */
const Switch = ({ on, turn, children }: { on: boolean; turn: (on: boolean) => void; children: string }) => (
  <button type="button" role="switch" aria-checked={on} onClick={() => turn(!on)}>
    {children}
  </button>
);

/** /statechart: the journey's machine drawn from its definition, followed live, simulated, and its paths played. */
export function StatechartPage({
  states,
  transitions,
  paths,
  coverage,
  world,
  screens,
  traffic,
}: {
  states: ChartState[];
  transitions: ChartTransition[];
  paths: ChartPath[];
  coverage: Coverage;
  /** The latest QA run's screens, none before the first run. */
  screens: StateScreen[];
  /** The seeded personas without their secrets: what the simulation samples events against. */
  world: SampleWorld;
  /** How often real users took each transition in the last days. */
  traffic: Traffic;
}) {
  const { sampleEvents } = useMemo(() => createSamples(world), [world]);
  /** Plays the path at that index of `paths` (a route is one of them), or none. */
  const playPath = (index: string) =>
    setMode(index === '' ? { kind: 'watch' } : { kind: 'path', index: Number(index), step: 0 });
  const allCompound = () =>
    new Set(states.filter((state) => state.kind !== 'atomic').map((state) => state.id));
  // The page opens on the whole journey.
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(allCompound);
  const [layout, setLayout] = useState<ChartLayout | null>(null);
  // The chart shows each state's screen (the one without a problem or notice, else its first variant).
  const [showScreens, setShowScreens] = useState(screens.length > 0);
  const screenAddresses = useMemo(() => {
    const addresses = new Map<string, string>();
    const plainFirst = [...screens].sort(
      (a, b) => Number(!!(a.problem || a.notice)) - Number(!!(b.problem || b.notice)),
    );
    for (const screen of plainFirst)
      if (!addresses.has(screen.stateId))
        addresses.set(screen.stateId, `/statechart/screens/${encodeURIComponent(screen.file)}`);
    return addresses;
  }, [screens]);
  const hasTraffic = Object.keys(traffic.counts).length > 0;
  const [showTraffic, setShowTraffic] = useState(hasTraffic);
  const shownCounts = showTraffic ? traffic.counts : null;
  const [scale, setScale] = useState(1);
  const [selected, setSelected] = useState<string | null>(null);
  const [selectedTransition, setSelectedTransition] = useState<string | null>(null);
  /** A state chosen in the outline below: the chart scrolls to show it. */
  const [sought, setSought] = useState<string | null>(null);
  const [live, setLive] = useState<string | null>(null);
  const [mode, setMode] = useState<Mode>({ kind: 'watch' });
  const [simulated, setSimulated] = useState<AnyMachineSnapshot>(() => initialTransition(machine)[0]);
  const viewport = useRef<HTMLDivElement>(null);
  const fitted = useRef(false);

  useEffect(() => {
    let current = true;
    const measure = viewport.current ? measureInPage(viewport.current) : undefined;
    const drawnScreens = new Set(showScreens ? screenAddresses.keys() : []);
    layOutChart(states, transitions, expanded, measure, drawnScreens, shownCounts).then((laidOut) => {
      if (current) setLayout(laidOut);
    });
    return () => {
      current = false;
    };
  }, [states, transitions, expanded, showScreens, screenAddresses, shownCounts]);

  // The first layout fits the viewport's width, never larger than its own size: read by scrolling down only.
  useEffect(() => {
    if (!layout || fitted.current || !viewport.current) return;
    fitted.current = true;
    setScale(Math.min(1, viewport.current.clientWidth / layout.width));
  }, [layout]);

  // The app, open in other tabs of this browser, says where it is; the page asks once as it opens.
  useEffect(() => {
    const channel = new BroadcastChannel(JOURNEY_STATE_CHANNEL);
    channel.onmessage = (message: MessageEvent<JourneyStateMessage>) => {
      if (message.data?.type === 'state') setLive(message.data.stateId);
    };
    channel.postMessage({ type: 'whereAreYou' } satisfies JourneyStateMessage);
    return () => channel.close();
  }, []);

  const path = mode.kind === 'path' ? paths[mode.index] : undefined;
  const pathStep = path && mode.kind === 'path' ? path.steps[mode.step] : undefined;
  const stepped =
    mode.kind === 'simulate'
      ? stateIdOf(simulated)
      : mode.kind === 'path'
        ? (pathStep?.stateId ?? null)
        : null;
  const taken = useMemo(
    () =>
      new Set(
        path && mode.kind === 'path'
          ? path.steps.slice(0, mode.step + 1).flatMap((step) => step.transitionIds)
          : [],
      ),
    [path, mode],
  );

  // A marked state is always drawn: the states around it open.
  useEffect(() => {
    const marked = [live, stepped, sought].filter((id): id is string => id !== null);
    const needed = marked.flatMap((id) => ancestorsOf(id, states));
    if (needed.some((id) => !expanded.has(id))) setExpanded(new Set([...expanded, ...needed]));
  }, [live, stepped, sought, states, expanded]);

  // The marked state stays in sight: when it falls outside the viewport, the chart scrolls to centre it.
  const markedId = stepped ?? live ?? sought;
  useEffect(() => {
    const box = layout?.states.find((state) => state.id === markedId);
    const view = viewport.current;
    if (!box || !view) return;
    const left = box.x * scale - view.scrollLeft;
    const top = box.y * scale - view.scrollTop;
    const inside =
      left >= 0 &&
      top >= 0 &&
      left + box.width * scale <= view.clientWidth &&
      top + box.height * scale <= view.clientHeight;
    if (inside) return;
    view.scrollTo({
      left: (box.x + box.width / 2) * scale - view.clientWidth / 2,
      top: (box.y + box.height / 2) * scale - view.clientHeight / 2,
    });
  }, [layout, markedId, scale]);

  const choose = (state: ChartState) => {
    setSelected(state.id);
    setSelectedTransition(null);
    setSought(null);
    if (state.kind !== 'atomic') {
      const next = new Set(expanded);
      if (next.has(state.id) && state.parentId !== null) next.delete(state.id);
      else next.add(state.id);
      setExpanded(next);
    }
  };
  const zoom = (factor: number) => setScale((now) => Math.min(3, Math.max(0.1, now * factor)));
  const onWheel = (event: WheelEvent) => {
    if (event.ctrlKey || event.metaKey) zoom(event.deltaY < 0 ? 1.1 : 1 / 1.1);
  };
  const chartSvg = () => viewport.current?.querySelector('svg') ?? null;
  const [exportProblem, setExportProblem] = useState<string | null>(null);
  const exportAs = async (format: 'svg' | 'png') => {
    const svg = chartSvg();
    if (!svg) return;
    setExportProblem(null);
    try {
      if (format === 'svg') exportSvg(svg, 'relay-one-journey.svg');
      else await exportPng(svg, 'relay-one-journey.png');
    } catch (error) {
      setExportProblem(error instanceof Error ? error.message : String(error));
    }
  };
  // Chosen in the outline: marked on the chart, the states around it open.
  const select = (state: ChartState) => {
    setSelected(state.id);
    setSought(state.id);
  };

  const selectedState = states.find((state) => state.id === selected);
  const selectedScreens = screens.filter((screen) => screen.stateId === selected);
  const simulatedEvents: EventObject[] = mode.kind === 'simulate' ? sampleEvents(simulated) : [];

  return (
    <main className="statechart">
      <header className="statechart-header">
        <h1>The sign-in journey</h1>
        <p>
          The one statechart that runs the app, drawn from its definition. Choose a state to read what it is
          (and to open or close the states inside it); follow the app live in another tab, simulate it, or
          play a test path.
        </p>
        <div className="statechart-tools" role="toolbar" aria-label="Chart">
          <button type="button" onClick={() => zoom(1.25)}>
            Zoom in
          </button>
          <button type="button" onClick={() => zoom(0.8)}>
            Zoom out
          </button>
          <button
            type="button"
            onClick={() => {
              fitted.current = false;
              setLayout((now) => (now ? { ...now } : now));
            }}
          >
            Fit
          </button>
          <button
            type="button"
            onClick={() => {
              fitted.current = false;
              setExpanded(allCompound());
            }}
          >
            Open all states
          </button>
          <button
            type="button"
            onClick={() => {
              fitted.current = false;
              setExpanded(new Set());
            }}
          >
            Close all states
          </button>
          {screens.length > 0 && (
            <Switch on={showScreens} turn={setShowScreens}>
              Screens on the chart
            </Switch>
          )}
          {hasTraffic && (
            <Switch on={showTraffic} turn={setShowTraffic}>
              Traffic on the chart
            </Switch>
          )}
          <button type="button" onClick={() => exportAs('svg')}>
            Export SVG
          </button>
          <button type="button" onClick={() => exportAs('png')}>
            Export PNG
          </button>
          <button type="button" onClick={() => window.print()}>
            Print
          </button>
        </div>
        {exportProblem && <p role="alert">{exportProblem}</p>}
      </header>
      <div className="statechart-body">
        <div ref={viewport} className="statechart-viewport" onWheel={onWheel}>
          {layout ? (
            <ChartSvg
              layout={layout}
              scale={scale}
              screens={screenAddresses}
              marks={{ live, stepped, taken, selected, selectedTransition }}
              onChoose={choose}
            />
          ) : (
            <p role="status">Laying out the chart…</p>
          )}
        </div>
        <aside className="statechart-panel" aria-label="About the chart">
          <section aria-labelledby="selected-heading">
            <h2 id="selected-heading">{selectedState ? selectedState.name : 'No state chosen'}</h2>
            <p>
              {selectedState
                ? selectedState.description
                : 'Choose a state in the chart to read its description.'}
            </p>
            {selectedScreens.map((screen) => (
              <figure key={screen.file} className="statechart-screen">
                {/* biome-ignore lint/performance/noImgElement: each QA run replaces the screen; an optimiser's copy would go stale. */}
                <img
                  src={`/statechart/screens/${encodeURIComponent(screen.file)}`}
                  alt={`The screen of ${selectedState?.name}${variantOf(screen)}`}
                  width={pathWindow.width / 2}
                  height={pathWindow.height / 2}
                />
                <figcaption>
                  {selectedState?.name}
                  {variantOf(screen)}, from the QA run of{' '}
                  <time dateTime={screen.takenAt}>{new Date(screen.takenAt).toLocaleString()}</time>
                </figcaption>
              </figure>
            ))}
          </section>
          <TrafficPanel traffic={traffic} transitions={transitions} states={states} />
          <section aria-labelledby="live-heading">
            <h2 id="live-heading">Live</h2>
            <p role="status">
              {live
                ? `The app in another tab is in ${live.replace(/^journey\./, '')}.`
                : 'Open the app in another tab of this browser to follow it here.'}
            </p>
          </section>
          <section aria-labelledby="simulate-heading">
            <h2 id="simulate-heading">Simulate</h2>
            {mode.kind === 'simulate' ? (
              <>
                <p>In {stateIdOf(simulated).replace(/^journey\./, '')}. Send an event:</p>
                <ul className="statechart-events">
                  {simulatedEvents.map((event) => (
                    <li key={JSON.stringify(event)}>
                      <button
                        type="button"
                        // Stepped as the generator steps, so a second sign-in meets what the first left on the server.
                        onClick={() => setSimulated(stepJourney(simulated, event))}
                      >
                        {describeEvent(event)}
                      </button>
                    </li>
                  ))}
                </ul>
                <button type="button" onClick={() => setSimulated(initialTransition(machine)[0])}>
                  Reset the simulation
                </button>
              </>
            ) : (
              <button type="button" onClick={() => setMode({ kind: 'simulate' })}>
                Simulate the journey
              </button>
            )}
          </section>
          <section aria-labelledby="paths-heading">
            <h2 id="paths-heading">Test paths</h2>
            <p>{paths.length} generated paths (the set CI runs) cover:</p>
            <table className="statechart-coverage">
              <caption className="visually-hidden">Coverage of each criterion</caption>
              <thead>
                <tr>
                  <th scope="col">criterion</th>
                  <th scope="col">covered</th>
                  <th scope="col">the generator reaches</th>
                  <th scope="col">in the chart</th>
                </tr>
              </thead>
              <tbody>
                {coverage.map((row) => (
                  <tr key={row.criterion}>
                    <th scope="row">{row.criterion}</th>
                    <td>{row.covered}</td>
                    <td>{row.reachable}</td>
                    <td>{row.total}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {coverage.some((row) => row.missed.length > 0) && (
              <ul aria-label="Not covered by any path" className="statechart-uncovered">
                {coverage.flatMap((row) =>
                  row.missed.map((id) => <li key={`${row.criterion} ${id}`}>{id}</li>),
                )}
              </ul>
            )}
            <label htmlFor="route-choice">Play a route</label>
            <select
              id="route-choice"
              value={mode.kind === 'path' && paths[mode.index]?.route ? mode.index : ''}
              onChange={(event) => playPath(event.target.value)}
            >
              <option value="">No route</option>
              {paths.map((candidate, index) =>
                candidate.route ? (
                  <option key={candidate.title} value={index}>
                    {candidate.route}
                  </option>
                ) : null,
              )}
            </select>
            <label htmlFor="path-choice">Play a path</label>
            <select
              id="path-choice"
              value={mode.kind === 'path' ? mode.index : ''}
              onChange={(event) => playPath(event.target.value)}
            >
              <option value="">No path</option>
              {paths.map((candidate, index) => (
                <option key={candidate.title} value={index}>
                  {candidate.title}
                </option>
              ))}
            </select>
            {path && mode.kind === 'path' && (
              <div className="statechart-steps">
                <p role="status">
                  Step {mode.step + 1} of {path.steps.length}: {pathStep?.label}
                </p>
                <button
                  type="button"
                  disabled={mode.step === 0}
                  onClick={() => setMode({ ...mode, step: mode.step - 1 })}
                >
                  Previous step
                </button>
                <button
                  type="button"
                  disabled={mode.step === path.steps.length - 1}
                  onClick={() => setMode({ ...mode, step: mode.step + 1 })}
                >
                  Next step
                </button>
              </div>
            )}
          </section>
        </aside>
      </div>
      <ChartOutline
        states={states}
        transitions={transitions}
        selected={selected}
        selectedTransition={selectedTransition}
        counts={hasTraffic ? traffic.counts : null}
        onSelect={select}
        onSelectTransition={(transition) => {
          const source = states.find((state) => state.id === transition.sourceId);
          if (source) select(source);
          setSelectedTransition(transition.id);
        }}
      />
    </main>
  );
}
