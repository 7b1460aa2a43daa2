// A screen as the accessibility tree has it, written as a Playwright aria snapshot template: the states table says
// all of what a state shows in one template, which one call to the page matches (retried until it does), where an
// assertion an element cost a round trip each.
import { expect, type Locator } from '@playwright/test';

/** One node of the tree: a line, or a line with the nodes it holds. */
export type Tree = string | { node: string; children: Tree[] };

const quoted = JSON.stringify;
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** A node that holds exactly these nodes, in this order, and nothing else. */
export const exactly = (node: string, children: Tree[]): Tree => ({
  node,
  children: ['/children: equal', ...children],
});

/** A node that holds these nodes in this order, among others (a control the browser may add). */
export const holding = (node: string, children: Tree[]): Tree => ({ node, children });

/**
 * A node's key: its role, its name, its attributes. YAML would end the key at a name's ": " or " #", so such a
 * key is quoted whole.
 */
export const named = (role: string, name: string, attributes = '') => {
  const key = `${role} ${quoted(name)}${attributes}`;
  return /: | #/.test(key) ? quoted(key) : key;
};

export const text = (value: string) => `text: ${quoted(value)}`;
/** Text that includes these words, whatever surrounds them. */
export const textWith = (words: string) => `text: /${escaped(words)}/`;
export const heading = (name: string, level = 1) => named('heading', name, ` [level=${level}]`);
/** A paragraph with these words, or any paragraph (the copy is the component's, not the journey's). */
export const paragraph = (value?: string) =>
  value === undefined ? 'paragraph' : `paragraph: ${quoted(value)}`;
export const paragraphWith = (words: string) => `paragraph: /${escaped(words)}/`;
/** A control, enabled or not; where a state does not decide it (undefined), either. */
const control = (role: string) => (name: string, enabled?: boolean) =>
  named(role, name, enabled === undefined ? '' : ` [disabled=${!enabled}]`);
export const button = control('button');
export const textbox = control('textbox');
export const menuitem = control('menuitem');
export const checkbox = (name: string, checked: boolean, enabled = true) =>
  named('checkbox', name, ` [checked=${checked}] [disabled=${!enabled}]`);
/** A live region (named, or not) saying exactly these words, or saying nothing. */
export const status = (words?: string | null, name?: string) => {
  const node = name === undefined ? 'status' : named('status', name);
  return words ? `${node}: ${quoted(words)}` : exactly(node, []);
};
export const alert = (message: string) => `alert: ${quoted(message)}`;

function lines(trees: Tree[], indent: string): string[] {
  return trees.flatMap((tree) =>
    typeof tree === 'string' || tree.children.length === 0
      ? [`${indent}- ${typeof tree === 'string' ? tree : tree.node}`]
      : [`${indent}- ${tree.node}:`, ...lines(tree.children, `${indent}  `)],
  );
}

/** The template of these trees, as toMatchAriaSnapshot reads it. */
export const templateOf = (trees: Tree[]) => lines(trees, '').join('\n');

/**
 * The part of the page shows these trees (among its others, in this order): one look, retried until it does. The
 * smaller the part, the less of the page's tree is read.
 */
export async function expectScreen(part: Locator, ...trees: Tree[]): Promise<void> {
  await expect(part).toMatchAriaSnapshot(templateOf(trees));
}
