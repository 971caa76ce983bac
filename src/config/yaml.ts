import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

// yaml is CommonJS under Node: require() spares the start-up cost of lexing it for ES exports.
export const { isMap, isScalar, isSeq, LineCounter, parseDocument } = createRequire(import.meta.url)('yaml') as typeof Yaml;
export type { Node, YAMLMap } from 'yaml';
