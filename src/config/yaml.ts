import type * as Yaml from 'yaml';
import type { Node, Pair, YAMLMap } from 'yaml';
import { requireBundled } from '../vendor.js';
import type { ConfigProblem, Origin } from './types.js';

const { isMap, isScalar, isSeq, LineCounter, parseDocument } = requireBundled<typeof Yaml>('yaml', 'yaml.cjs');
export { isMap, isScalar, isSeq };
export type { Node, YAMLMap };

/** A mapping key as written: `name` in `name: x`. */
export function keyName(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
}

/** Edits between two words, a swap of neighbours counting as one (optimal string alignment). */
function distance(a: string, b: string): number {
  const table: number[][] = [];
  const at = (i: number, j: number): number => table[i]?.[j] ?? 0;
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [];
    table.push(row);
    for (let j = 0; j <= b.length; j++) {
      let edits = i + j; // to or from the empty word
      if (i > 0 && j > 0) {
        edits = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) edits = Math.min(edits, at(i - 2, j - 2) + 1);
      }
      row.push(edits);
    }
  }
  return at(a.length, b.length);
}

/** The known word a misspelt one was meant to be: a case slip, or a typo or two in a long enough word. */
export function nearMiss(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.min(2, Math.floor(key.length / 3)) + 1;
  for (const candidate of known) {
    const d = distance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

/**
 * One YAML file read for validation, the config and the report definitions alike: its nodes,
 * the line of each, and every problem found, each with its file:line. The getters report a
 * wrong value and return undefined, so a reader goes on and the user fixes everything at once.
 *
 * An unknown key is a problem, not a warning: these files drive unattended runs (cron), where a
 * misspelt key silently ignored would go unnoticed for months. The message lists the known
 * keys and names the one that was probably meant.
 */
export class YamlFile {
  readonly problems: ConfigProblem[] = [];
  private readonly lines = new LineCounter();
  private readonly contents: Node | null;

  constructor(
    text: string,
    private readonly file: string,
  ) {
    const doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true });
    this.contents = doc.contents;
    for (const error of doc.errors) {
      this.problems.push({ message: error.message.split('\n')[0] ?? error.message, origin: { file, line: this.lines.linePos(error.pos[0]).line } });
    }
  }

  /** Where a node starts; line 1 for a missing one. */
  at(node: Node | null | undefined): Origin {
    return { file: this.file, line: node?.range ? this.lines.linePos(node.range[0]).line : 1 };
  }

  /** Records a problem at `node`; undefined, so that a getter can `return yaml.fail(…)`. */
  fail(node: Node | null | undefined, message: string): undefined {
    this.problems.push({ message, origin: this.at(node) });
    return undefined;
  }

  /** The top mapping; undefined (with `what` as the problem) when the file is not valid YAML or not a mapping. */
  root(what: string): YAMLMap | undefined {
    if (this.problems.length > 0) return undefined;
    return isMap(this.contents) ? this.contents : this.fail(this.contents, what);
  }

  /** The value of `key` as a node (a scalar too, so that it has a line), or undefined. */
  node(map: YAMLMap, key: string): Node | undefined {
    return map.get(key, true) as Node | undefined;
  }

  /** Reports every key of `map` not in `known`. */
  checkKeys(map: YAMLMap, known: readonly string[], where: string): void {
    for (const pair of map.items) {
      const key = keyName(pair);
      if (known.includes(key)) continue;
      const meant = nearMiss(key, known);
      this.fail(pair.key as Node, `unknown key \`${key}\` in ${where}${meant === undefined ? '' : `: did you mean \`${meant}\`?`} (known: ${known.join(', ')})`);
    }
  }

  /** A non-empty string, trimmed. */
  text(map: YAMLMap, key: string, required = false): string | undefined {
    const node = this.node(map, key);
    if (node === undefined) return required ? this.fail(map, `\`${key}\` is required`) : undefined;
    if (!isScalar(node) || typeof node.value !== 'string' || node.value.trim() === '') return this.fail(node, `\`${key}\` must be a non-empty string`);
    return node.value.trim();
  }

  /** A whole number from `min` (to `max`); `why` is added to the message of a wrong one. */
  integer(map: YAMLMap, key: string, range: { min: number; max?: number; why?: string }): number | undefined {
    const node = this.node(map, key);
    if (node === undefined) return undefined;
    const { min, max = Infinity, why } = range;
    if (isScalar(node) && typeof node.value === 'number' && Number.isInteger(node.value) && node.value >= min && node.value <= max) return node.value;
    const bounds = max === Infinity ? `of at least ${min}` : `from ${min} to ${max}`;
    return this.fail(node, `\`${key}\` must be a whole number ${bounds}${why === undefined ? '' : ` (${why})`}`);
  }

  oneOf<T extends string>(map: YAMLMap, key: string, values: readonly T[]): T | undefined {
    const node = this.node(map, key);
    if (node === undefined) return undefined;
    if (!isScalar(node) || !values.includes(node.value as T)) return this.fail(node, `\`${key}\` must be one of ${values.join(', ')}`);
    return node.value as T;
  }
}
