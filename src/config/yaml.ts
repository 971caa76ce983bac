import type * as Yaml from 'yaml';
import { requireBundled } from '../vendor.js';

export const { isMap, isScalar, isSeq, LineCounter, parseDocument } = requireBundled<typeof Yaml>('yaml', 'yaml.cjs');
export type { Node, YAMLMap } from 'yaml';
