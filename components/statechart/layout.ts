// Lays out the visible part of the chart with ELK (as Stately's visualizer does): states nested in their parents.
import ELK, { type ElkExtendedEdge, type ElkNode } from 'elkjs/lib/elk.bundled.js';
import type { ChartState, ChartTransition } from '@/machines/chart';

export type Box = { x: number; y: number; width: number; height: number };
export type DrawnState = ChartState & Box & { depth: number; collapsed: boolean; hiddenStates: number };
export type DrawnTransition = ChartTransition & {
  /** The ids of the states the arrow is drawn between (a collapsed parent stands for its children). */
  from: string;
  to: string;
  points: Array<{ x: number; y: number }>;
  labelBox: Box | null;
};
export type ChartLayout = {
  width: number;
  height: number;
  states: DrawnState[];
  transitions: DrawnTransition[];
};

const STATE_HEIGHT = 36;
const PADDING = '[top=34,left=14,bottom=14,right=14]';
// Text sizes as the page draws them (13 px state names, 11 px arrow labels), so that ELK leaves room for them.
const textWidth = (text: string, pixelsPerCharacter: number) =>
  Math.ceil(text.length * pixelsPerCharacter) + 4;

const layoutOptions = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  'elk.layered.spacing.nodeNodeBetweenLayers': '36',
  'elk.spacing.nodeNode': '28',
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

export async function layOutChart(
  states: ChartState[],
  transitions: ChartTransition[],
  expanded: ReadonlySet<string>,
): Promise<ChartLayout> {
  const shownStates = visibleStates(states, expanded);
  const shownIds = new Set(shownStates.map((state) => state.id));
  const rootId = states[0]?.id ?? '';
  const countBelow = (id: string): number =>
    states
      .filter((state) => state.parentId === id)
      .reduce((total, child) => total + 1 + countBelow(child.id), 0);
  const isCollapsed = (state: ChartState) =>
    state.id !== rootId && state.kind !== 'atomic' && !expanded.has(state.id);

  const nodeOf = (state: ChartState): ElkNode => {
    const children = shownStates.filter((candidate) => candidate.parentId === state.id).map(nodeOf);
    const label = { text: state.name, width: textWidth(state.name, 7.8), height: 16 };
    if (children.length)
      return { id: state.id, labels: [label], children, layoutOptions: { 'elk.padding': PADDING } };
    const width = Math.max(label.width + (isCollapsed(state) ? 48 : 24), 90);
    return { id: state.id, labels: [label], width, height: STATE_HEIGHT };
  };
  // Arrows between drawn states. Inside a closed state nothing is drawn; the arrows between two drawn states
  // that stand for closed ones are drawn as one, labelled with how many transitions it stands for.
  const drawn = new Map<string, ChartTransition & { from: string; to: string; count: number }>();
  for (const transition of transitions) {
    const from = standIn(transition.sourceId, states, shownIds);
    const to = standIn(transition.targetIds[0] ?? transition.sourceId, states, shownIds);
    const throughClosed =
      from !== transition.sourceId || to !== (transition.targetIds[0] ?? transition.sourceId);
    if (throughClosed && from === to) continue;
    const key = throughClosed ? `${from}→${to}` : transition.id;
    const existing = drawn.get(key);
    if (existing) existing.count += 1;
    else drawn.set(key, { ...transition, from, to, count: 1 });
  }
  for (const transition of drawn.values()) {
    if (transition.count > 1) transition.label = `${transition.count} transitions`;
  }
  const edges: ElkExtendedEdge[] = [...drawn.values()].map((transition) => ({
    id: transition.id,
    sources: [transition.from],
    targets: [transition.to],
    labels: [{ text: transition.label, width: textWidth(transition.label, 6.2), height: 14 }],
  }));
  const root = shownStates[0] as ChartState;
  const graph: ElkNode = await new ELK().layout({
    id: '(chart)',
    layoutOptions,
    children: [{ ...nodeOf(root), layoutOptions: { 'elk.padding': PADDING } }],
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
    states: shownStates.map((state) => ({
      ...state,
      ...(boxes.get(state.id) as Box & { depth: number }),
      collapsed: isCollapsed(state),
      hiddenStates: isCollapsed(state) ? countBelow(state.id) : 0,
    })),
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
      return { ...transition, points, labelBox };
    }),
  };
}
