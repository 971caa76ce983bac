import path from 'node:path';
import type { ConfigProblem, IdentityConfig, Origin, PersonOverride } from './types.js';
import { isMap, isScalar, isSeq, type Node, type YAMLMap } from './yaml.js';

/** What the section parsers share with the main config parser. */
export interface ParseContext {
  at(node: Node | null | undefined): Origin;
  str(map: YAMLMap, key: string, required: boolean): string | undefined;
  unknownKeys(map: YAMLMap, allowed: string[], where: string): void;
  errors: ConfigProblem[];
  warnings: ConfigProblem[];
  baseDir: string;
}

export const DEFAULT_IDENTITY: IdentityConfig = { mailmaps: [], gitdm: [], domains: new Map(), aliases: new Map(), people: [], bots: { include: [], exclude: [] } };

/** A list of strings, or one string; reports anything else. */
function strings(ctx: ParseContext, map: YAMLMap, key: string): { value: string; node: Node }[] {
  const node = map.get(key, true) as Node | undefined;
  if (node === undefined) return [];
  if (isScalar(node) && typeof node.value === 'string') return [{ value: node.value.trim(), node }];
  if (isSeq(node) && node.items.every((item) => isScalar(item) && typeof item.value === 'string')) {
    return node.items.map((item) => ({ value: String((item as { value: string }).value).trim(), node: item as Node }));
  }
  ctx.errors.push({ message: `\`${key}\` must be a list of strings`, origin: ctx.at(node) });
  return [];
}

/** A mapping of strings to strings, keys lower-cased. */
function stringMap(ctx: ParseContext, map: YAMLMap, key: string): Map<string, string> {
  const node = map.get(key, true) as Node | undefined;
  const result = new Map<string, string>();
  if (node === undefined) return result;
  if (!isMap(node)) {
    ctx.errors.push({ message: `\`${key}\` must be a mapping such as \`example.com: Example Inc\``, origin: ctx.at(node) });
    return result;
  }
  for (const pair of node.items) {
    const k = isScalar(pair.key) ? String(pair.key.value).trim() : '';
    const v = isScalar(pair.value) && typeof pair.value.value === 'string' ? pair.value.value.trim() : '';
    if (k === '' || v === '') ctx.errors.push({ message: `\`${key}\` entries must map a name to a name`, origin: ctx.at(pair.key as Node) });
    else result.set(k.toLowerCase(), v);
  }
  return result;
}

function parsePerson(ctx: ParseContext, node: Node): PersonOverride | undefined {
  if (!isMap(node)) {
    ctx.errors.push({ message: 'each entry of `identity.people` must be a mapping with `emails`, `logins`, `name` or `affiliations`', origin: ctx.at(node) });
    return undefined;
  }
  ctx.unknownKeys(node, ['name', 'emails', 'logins', 'affiliations'], 'a person');
  const person: PersonOverride = {
    name: ctx.str(node, 'name', false),
    emails: strings(ctx, node, 'emails').map((e) => e.value.toLowerCase()),
    logins: strings(ctx, node, 'logins').map((l) => l.value.toLowerCase()),
    affiliations: strings(ctx, node, 'affiliations').map((a) => ({ text: a.value, origin: ctx.at(a.node) })),
    origin: ctx.at(node),
  };
  if (person.emails.length + person.logins.length === 0) {
    ctx.errors.push({ message: 'a person needs at least one of `emails` or `logins`', origin: person.origin });
    return undefined;
  }
  return person;
}

/** The `identity:` section: extra mailmaps, gitdm files, domain map, company aliases, people. */
export function parseIdentity(ctx: ParseContext, node: Node): IdentityConfig {
  if (!isMap(node)) {
    ctx.errors.push({ message: '`identity` must be a mapping (mailmap, gitdm, domains, aliases, people)', origin: ctx.at(node) });
    return DEFAULT_IDENTITY;
  }
  ctx.unknownKeys(node, ['mailmap', 'gitdm', 'domains', 'aliases', 'people'], '`identity`');
  const people = node.get('people', true) as Node | undefined;
  if (people !== undefined && !isSeq(people)) ctx.errors.push({ message: '`identity.people` must be a list', origin: ctx.at(people) });
  return {
    mailmaps: strings(ctx, node, 'mailmap').map((f) => path.resolve(ctx.baseDir, f.value)),
    gitdm: strings(ctx, node, 'gitdm').map((f) => path.resolve(ctx.baseDir, f.value)),
    domains: stringMap(ctx, node, 'domains'),
    aliases: stringMap(ctx, node, 'aliases'),
    people: isSeq(people) ? people.items.flatMap((item) => parsePerson(ctx, item as Node) ?? []) : [],
    bots: DEFAULT_IDENTITY.bots,
  };
}

/** The `bots:` section: patterns to add to the default bot list, and names that are not bots. */
export function parseBots(ctx: ParseContext, node: Node): IdentityConfig['bots'] {
  if (!isMap(node)) {
    ctx.errors.push({ message: '`bots` must be a mapping with `include` and `exclude` pattern lists', origin: ctx.at(node) });
    return DEFAULT_IDENTITY.bots;
  }
  ctx.unknownKeys(node, ['include', 'exclude'], '`bots`');
  return { include: strings(ctx, node, 'include').map((p) => p.value), exclude: strings(ctx, node, 'exclude').map((p) => p.value) };
}
