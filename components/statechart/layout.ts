// Lays out the visible part of the chart with ELK: states nested in their parents, the journey read downwards as a
// storyboard. Each state has one arrow in, from the state nearest before it in the machine's own order (so the way
// forward is the main axis); every other transition is written inside its source state as an exit ("BACK →
// identify"), where a crossing arrow would make the whole unreadable.
import ELK, { type ElkExtendedEdge, type ElkNode } from 'elkjs/lib/elk.bundled.js';
import { type ChartState, type ChartTransition, eventLabel } from '@/machines/chart';
import { pathWindow } from '@/paths/pathWindow';
import { countSuffix, type TransitionCounts } from './traffic';

export type Box = { x: number; y: number; width: number; height: number };
/** A transition written inside its source state: its event, where it goes, and its guard, one line each. */
export type DrawnExit = ChartTransition & { lines: string[]; box: Box };
export type DrawnState = ChartState &
  Box & {
    depth: number;
    collapsed: boolean;
    hiddenStates: number;
    exits: DrawnExit[];
    /** Where the state's screen from the QA run is drawn, when the chart shows screens and it has one. */
    screen: Box | null;
  };
export type DrawnTransition = ChartTransition & {
  /** The ids of the states the arrow is drawn between (a collapsed parent stands for its children). */
  from: string;
  to: string;
  points: Array<{ x: number; y: number }>;
  /** The label's lines (the event, then its guard) and where they go. */
  lines: string[];
  labelBox: Box | null;
  /** How often it was taken in the traffic shown (the transitions it stands for together), or null: none shown. */
  taken: number | null;
};
export type ChartLayout = {
  width: number;
  height: number;
  states: DrawnState[];
  transitions: DrawnTransition[];
};

/** The width of a text as the page draws it: 13 px bold for state names, 11 px for everything else. */
export type MeasureText = (text: string, size: 11 | 13) => number;

/** Sizes of the drawing, shared with ChartSvg so that what ELK makes room for is what is drawn. */
export const chartText = {
  lineHeight: 14,
  /** The state name's line, and where its baseline sits in it. */
  nameLine: 22,
  nameBaseline: 17,
  inset: 8,
  indent: 10,
} as const;
const MIN_STATE_WIDTH = 90;
/** A screen on the chart: the QA run's picture of the paths' window (800 × 720) at an eighth of that. */
export const thumbnailSize = { width: pathWindow.width / 8, height: pathWindow.height / 8 } as const;

// Without a page to measure in: about the width of the page's sans-serif (an estimate, a little generous).
const estimatedWidth: MeasureText = (text, size) => Math.ceil(text.length * (size === 13 ? 7.8 : 6.6));

const layoutOptions = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  // Every branch straight down its own column, rather than balanced around its parent: the narrowest chart.
  'elk.layered.nodePlacement.strategy': 'LINEAR_SEGMENTS',
  'elk.layered.spacing.nodeNodeBetweenLayers': '30',
  'elk.spacing.nodeNode': '20',
  'elk.spacing.edgeLabel': '4',
  'elk.edgeRouting': 'ORTHOGONAL',
};

/** The states drawn: the machine, and inside each expanded state its children (a collapsed one stands for all). */
export function visibleStates(states: ChartState[], expanded: ReadonlySet<string>): ChartState[] {
  const byId = new Map(states.map((state) => [state.id, state]));
  const shown = (state: ChartState): boolean => {
    const parent = state.parentId ? byId.get(state.parentId) : undefined;
    return !parent || ((parent.parentId === null || expanded.has(parent.id)) && shown(parent));
  };
  return states.filter(shown);
}

/** The visible state that stands for this one: itself, or its nearest drawn ancestor. */
export function standIn(stateId: string, states: ChartState[], visible: ReadonlySet<string>): string {
  let current = states.find((state) => state.id === stateId);
  while (current && !visible.has(current.id))
    current = states.find((state) => state.id === current?.parentId);
  return current?.id ?? stateId;
}

/**
 * The transitions drawn as arrows: for each state, the one that enters it from the atomic state nearest before it
 * in the machine's order (the order the journey is written in). The rest are written as exits of their source.
 */
export function arrowTransitions(states: ChartState[], transitions: ChartTransition[]): Set<string> {
  const order = new Map(states.map((state, index) => [state.id, index]));
  const byId = new Map(states.map((state) => [state.id, state]));
  // Entering a compound state enters its initial state, down to an atomic one.
  const entered = (stateId: string): string => {
    const children = states.filter((state) => state.parentId === stateId);
    const initial = children.find((child) => child.isInitial) ?? children[0];
    return initial ? entered(initial.id) : stateId;
  };
  const nearest = new Map<string, ChartTransition>();
  for (const transition of transitions) {
    const target = transition.targetIds[0];
    if (!target || byId.get(transition.sourceId)?.kind !== 'atomic') continue;
    const to = entered(target);
    const from = order.get(transition.sourceId) ?? 0;
    if ((order.get(to) ?? 0) <= from) continue;
    const kept = nearest.get(to);
    if (!kept || (order.get(kept.sourceId) ?? 0) < from) nearest.set(to, transition);
  }
  return new Set([...nearest.values()].map((transition) => transition.id));
}

/** An event as the chart writes it: its name, and how often it was taken where traffic is shown. */
const eventLine = (
  transition: ChartTransition,
  counts: TransitionCounts | null,
  taken = counts?.[transition.id],
) => `${eventLabel(transition.event)}${counts ? countSuffix(taken ?? 0) : ''}`;

/** An exit's lines: the event, where it goes (or that it stays), and the guard that must hold. */
function exitLines(
  transition: ChartTransition,
  byId: Map<string, ChartState>,
  counts: TransitionCounts | null,
): string[] {
  const target = transition.targetIds[0];
  const where = target ? `→ ${byId.get(target)?.name ?? target}` : '↺ stays';
  return [eventLine(transition, counts), where, ...(transition.guard ? [`[${transition.guard}]`] : [])];
}

export async function layOutChart(
  states: ChartState[],
  transitions: ChartTransition[],
  expanded: ReadonlySet<string>,
  measure: MeasureText = estimatedWidth,
  /** The atomic states whose screen is drawn on them. */
  screens: ReadonlySet<string> = new Set(),
  /** The traffic written on the chart, or null for none. */
  counts: TransitionCounts | null = null,
): Promise<ChartLayout> {
  const { lineHeight, nameLine, inset } = chartText;
  const byId = new Map(states.map((state) => [state.id, state]));
  const shownStates = visibleStates(states, expanded);
  const shownIds = new Set(shownStates.map((state) => state.id));
  const rootId = states[0]?.id ?? '';
  const countBelow = (id: string): number =>
    states
      .filter((state) => state.parentId === id)
      .reduce((total, child) => total + 1 + countBelow(child.id), 0);
  const isCollapsed = (state: ChartState) =>
    state.id !== rootId && state.kind !== 'atomic' && !expanded.has(state.id);

  const arrows = arrowTransitions(states, transitions);
  const exitsOf = new Map<string, Array<{ transition: ChartTransition; lines: string[] }>>();
  for (const transition of transitions) {
    if (arrows.has(transition.id) || !shownIds.has(transition.sourceId)) continue;
    const exits = exitsOf.get(transition.sourceId) ?? [];
    exits.push({ transition, lines: exitLines(transition, byId, counts) });
    exitsOf.set(transition.sourceId, exits);
  }
  // An exit's first line (its event) starts at the inset, the lines under it are indented.
  const exitWidths = (state: ChartState) =>
    (exitsOf.get(state.id) ?? []).flatMap((exit) =>
      exit.lines.map((line, index) => measure(line, 11) + (index ? chartText.indent : 0)),
    );
  const lineCount = (state: ChartState) =>
    (exitsOf.get(state.id) ?? []).reduce((total, exit) => total + exit.lines.length, 0);
  const nameOf = (state: ChartState) =>
    `${state.isInitial ? '▸ ' : ''}${state.name}${isCollapsed(state) ? ` +${countBelow(state.id)}` : ''}`;
  const textWidth = (state: ChartState) =>
    Math.max(measure(nameOf(state), 13), ...exitWidths(state)) + 2 * inset + 2;
  const headHeight = (state: ChartState) => nameLine + lineCount(state) * lineHeight + inset;
  const hasScreen = (state: ChartState) => state.kind === 'atomic' && screens.has(state.id);

  const nodeOf = (state: ChartState): ElkNode => {
    const children = shownStates.filter((candidate) => candidate.parentId === state.id).map(nodeOf);
    const width = Math.max(
      Math.ceil(textWidth(state)),
      hasScreen(state) ? thumbnailSize.width + 2 * inset : MIN_STATE_WIDTH,
    );
    if (children.length)
      return {
        id: state.id,
        children,
        layoutOptions: {
          ...layoutOptions,
          'elk.padding': `[top=${headHeight(state) + 6},left=14,bottom=14,right=14]`,
          'elk.nodeSize.constraints': 'MINIMUM_SIZE',
          'elk.nodeSize.minimum': `(${width}, ${headHeight(state)})`,
        },
      };
    const height = headHeight(state) + (hasScreen(state) ? thumbnailSize.height + inset : 0);
    return { id: state.id, width, height };
  };
  // Arrows between drawn states. Inside a closed state nothing is drawn; the arrows between two drawn states
  // that stand for closed ones are drawn as one, labelled with how many transitions it stands for.
  const drawn = new Map<
    string,
    ChartTransition & { from: string; to: string; count: number; taken: number }
  >();
  for (const transition of transitions) {
    if (!arrows.has(transition.id)) continue;
    const from = standIn(transition.sourceId, states, shownIds);
    const to = standIn(transition.targetIds[0] ?? transition.sourceId, states, shownIds);
    const throughClosed =
      from !== transition.sourceId || to !== (transition.targetIds[0] ?? transition.sourceId);
    if (throughClosed && from === to) continue;
    const key = throughClosed ? `${from}→${to}` : transition.id;
    const taken = counts?.[transition.id] ?? 0;
    const existing = drawn.get(key);
    if (existing) {
      existing.count += 1;
      existing.taken += taken;
    } else drawn.set(key, { ...transition, from, to, count: 1, taken });
  }
  // An arrow's label: the event (with its traffic), then its guard on a line of its own.
  const labelLines = (transition: ChartTransition & { count: number; taken: number }) =>
    transition.count > 1
      ? [`${transition.count} transitions${counts ? countSuffix(transition.taken) : ''}`]
      : [
          eventLine(transition, counts, transition.taken),
          ...(transition.guard ? [`[${transition.guard}]`] : []),
        ];
  const edges: ElkExtendedEdge[] = [...drawn.values()].map((transition) => {
    const lines = labelLines(transition);
    return {
      id: transition.id,
      sources: [transition.from],
      targets: [transition.to],
      labels: [
        {
          text: lines.join('\n'),
          width: Math.ceil(Math.max(...lines.map((line) => measure(line, 11)))) + 4,
          height: lines.length * lineHeight,
        },
      ],
    };
  });
  const root = shownStates[0] as ChartState;
  const graph: ElkNode = await new ELK().layout({
    id: '(chart)',
    layoutOptions: { ...layoutOptions, 'elk.hierarchyHandling': 'INCLUDE_CHILDREN' },
    children: [nodeOf(root)],
    edges,
  });

  const boxes = new Map<string, Box & { depth: number }>();
  const place = (node: ElkNode, offsetX: number, offsetY: number, depth: number) => {
    const x = offsetX + (node.x ?? 0);
    const y = offsetY + (node.y ?? 0);
    boxes.set(node.id, { x, y, width: node.width ?? 0, height: node.height ?? 0, depth });
    for (const child of node.children ?? []) place(child, x, y, depth + 1);
  };
  for (const child of graph.children ?? []) place(child, 0, 0, 0);
  const laidOutEdges = new Map<string, ElkExtendedEdge>();
  const collect = (node: ElkNode) => {
    for (const edge of node.edges ?? []) laidOutEdges.set(edge.id, edge);
    for (const child of node.children ?? []) collect(child);
  };
  collect(graph);

  return {
    width: graph.width ?? 0,
    height: graph.height ?? 0,
    states: shownStates.map((state) => {
      const box = boxes.get(state.id) as Box & { depth: number };
      let line = 0;
      const exits = (exitsOf.get(state.id) ?? []).map(({ transition, lines }) => {
        const top = box.y + nameLine + line * lineHeight;
        line += lines.length;
        return {
          ...transition,
          lines,
          box: { x: box.x + inset, y: top, width: box.width - 2 * inset, height: lines.length * lineHeight },
        };
      });
      return {
        ...state,
        ...box,
        collapsed: isCollapsed(state),
        hiddenStates: isCollapsed(state) ? countBelow(state.id) : 0,
        exits,
        screen: hasScreen(state)
          ? {
              x: box.x + (box.width - thumbnailSize.width) / 2,
              y: box.y + headHeight(state),
              ...thumbnailSize,
            }
          : null,
      };
    }),
    transitions: [...drawn.values()].map((transition) => {
      const edge = laidOutEdges.get(transition.id);
      const container = edge?.container ? boxes.get(edge.container) : undefined;
      const dx = container?.x ?? 0;
      const dy = container?.y ?? 0;
      const points = (edge?.sections ?? []).flatMap((section) =>
        [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map((point) => ({
          x: point.x + dx,
          y: point.y + dy,
        })),
      );
      const label = edge?.labels?.[0];
      const labelBox = label
        ? {
            x: (label.x ?? 0) + dx,
            y: (label.y ?? 0) + dy,
            width: label.width ?? 0,
            height: label.height ?? 0,
          }
        : null;
      return {
        ...transition,
        points,
        lines: labelLines(transition),
        labelBox,
        taken: counts ? transition.taken : null,
      };
    }),
  };
}
