import path from 'node:path';
import { parseGitdmSources, type GitdmContext } from './gitdm.js';
import type { IdentityConfig, PersonOverride } from './types.js';
import { isMap, isScalar, isSeq, keyName, type Node, type YAMLMap, type YamlFile } from './yaml.js';

export const DEFAULT_IDENTITY: IdentityConfig = { mailmaps: [], gitdm: [], domains: new Map(), aliases: new Map(), people: [], bots: { include: [], exclude: [] } };

/** A list of strings, or one string; reports anything else. */
function strings(yaml: YamlFile, map: YAMLMap, key: string): { value: string; node: Node }[] {
  const node = yaml.node(map, key);
  if (node === undefined) return [];
  if (isScalar(node) && typeof node.value === 'string') return [{ value: node.value.trim(), node }];
  if (isSeq(node) && node.items.every((item) => isScalar(item) && typeof item.value === 'string')) {
    return node.items.map((item) => ({ value: String((item as { value: string }).value).trim(), node: item as Node }));
  }
  yaml.fail(node, `\`${key}\` must be a list of strings`);
  return [];
}

/** A mapping of strings to strings, keys lower-cased. */
function stringMap(yaml: YamlFile, map: YAMLMap, key: string): Map<string, string> {
  const node = yaml.node(map, key);
  const result = new Map<string, string>();
  if (node === undefined) return result;
  if (!isMap(node)) {
    yaml.fail(node, `\`${key}\` must be a mapping such as \`example.com: Example Inc\``);
    return result;
  }
  for (const pair of node.items) {
    const k = isScalar(pair.key) ? keyName(pair).trim() : '';
    const v = isScalar(pair.value) && typeof pair.value.value === 'string' ? pair.value.value.trim() : '';
    if (k === '' || v === '') yaml.fail(pair.key as Node, `\`${key}\` entries must map a name to a name`);
    else result.set(k.toLowerCase(), v);
  }
  return result;
}

function parsePerson(yaml: YamlFile, node: Node): PersonOverride | undefined {
  if (!isMap(node)) {
    return yaml.fail(node, 'each entry of `identity.people` must be a mapping with `emails`, `logins`, `name` or `affiliations`');
  }
  yaml.checkKeys(node, ['name', 'emails', 'logins', 'affiliations'], 'a person');
  const person: PersonOverride = {
    name: yaml.text(node, 'name'),
    emails: strings(yaml, node, 'emails').map((e) => e.value.toLowerCase()),
    logins: strings(yaml, node, 'logins').map((l) => l.value.toLowerCase()),
    affiliations: strings(yaml, node, 'affiliations').map((a) => ({ text: a.value, origin: yaml.at(a.node) })),
    origin: yaml.at(node),
  };
  if (person.emails.length + person.logins.length === 0) return yaml.fail(node, 'a person needs at least one of `emails` or `logins`');
  return person;
}

/** The `identity:` section: extra mailmaps, gitdm files and repositories, domain map, company aliases, people. */
export function parseIdentity(yaml: YamlFile, node: Node, context: GitdmContext): IdentityConfig {
  const { baseDir } = context;
  if (!isMap(node)) {
    yaml.fail(node, '`identity` must be a mapping (mailmap, gitdm, domains, aliases, people)');
    return DEFAULT_IDENTITY;
  }
  yaml.checkKeys(node, ['mailmap', 'gitdm', 'domains', 'aliases', 'people'], '`identity`');
  const people = yaml.node(node, 'people');
  if (people !== undefined && !isSeq(people)) yaml.fail(people, '`identity.people` must be a list');
  return {
    mailmaps: strings(yaml, node, 'mailmap').map((f) => path.resolve(baseDir, f.value)),
    gitdm: parseGitdmSources(yaml, yaml.node(node, 'gitdm'), context),
    domains: stringMap(yaml, node, 'domains'),
    aliases: stringMap(yaml, node, 'aliases'),
    people: isSeq(people) ? people.items.flatMap((item) => parsePerson(yaml, item as Node) ?? []) : [],
    bots: DEFAULT_IDENTITY.bots,
  };
}

/** The `bots:` section: patterns to add to the default bot list, and names that are not bots. */
export function parseBots(yaml: YamlFile, node: Node): IdentityConfig['bots'] {
  if (!isMap(node)) {
    yaml.fail(node, '`bots` must be a mapping with `include` and `exclude` pattern lists');
    return DEFAULT_IDENTITY.bots;
  }
  yaml.checkKeys(node, ['include', 'exclude'], '`bots`');
  return { include: strings(yaml, node, 'include').map((p) => p.value), exclude: strings(yaml, node, 'exclude').map((p) => p.value) };
}
