import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/config/parse.js';
import { YamlFile, type YAMLMap } from '../../src/config/yaml.js';

/** The problems of reading `text` with `read`, as the user sees them. */
function problems(text: string, read: (yaml: YamlFile, root: YAMLMap) => void): string[] {
  const yaml = new YamlFile(text, 'f.yaml');
  const root = yaml.root('f.yaml is a mapping');
  if (root !== undefined) read(yaml, root);
  return yaml.problems.map(formatProblem);
}

describe('YamlFile', () => {
  it('names a YAML syntax error, a repeated key and a top that is not a mapping by file:line', () => {
    expect(problems('a: 1\nb: [unclosed\n', () => undefined)[0]).toMatch(/^f\.yaml:[23]: /);
    expect(problems('a: 1\na: 2\n', () => undefined)).toEqual(['f.yaml:2: Map keys must be unique']);
    expect(problems('- a\n- b\n', () => undefined)).toEqual(['f.yaml:1: f.yaml is a mapping']);
    expect(problems('', () => undefined)).toEqual(['f.yaml:1: f.yaml is a mapping']);
  });

  it('rejects unknown keys, listing the known ones and the one meant when it is a near miss', () => {
    const known = ['title', 'projects', 'x'];
    const check = (text: string) => problems(text, (yaml, root) => yaml.checkKeys(root, known, 'the top level'));
    expect(check('title: a\nprojects: []\nx: 1\n')).toEqual([]);
    expect(check('\nTitle: a\ntilte: b\nprojets: c\nprojectz_list: d\ncolour: e\nz: f\n')).toEqual([
      'f.yaml:2: unknown key `Title` in the top level: did you mean `title`? (known: title, projects, x)',
      'f.yaml:3: unknown key `tilte` in the top level: did you mean `title`? (known: title, projects, x)',
      'f.yaml:4: unknown key `projets` in the top level: did you mean `projects`? (known: title, projects, x)',
      // Too far from any known key, or too short to guess from: the list alone.
      'f.yaml:5: unknown key `projectz_list` in the top level (known: title, projects, x)',
      'f.yaml:6: unknown key `colour` in the top level (known: title, projects, x)',
      'f.yaml:7: unknown key `z` in the top level (known: title, projects, x)',
    ]);
  });

  it('reads strings, whole numbers and choices, reporting a wrong one where it is', () => {
    const read = (text: string) => {
      const values: unknown[] = [];
      const found = problems(text, (yaml, root) => {
        values.push(yaml.text(root, 'name', true), yaml.integer(root, 'n', { min: 1, max: 10, why: 'be gentle' }), yaml.integer(root, 'm', { min: 0 }), yaml.oneOf(root, 'kind', ['a', 'b']));
      });
      return { values, found };
    };
    expect(read('name: " x "\nn: 10\nm: 0\nkind: b\n')).toEqual({ values: ['x', 10, 0, 'b'], found: [] });
    expect(read('n: 11\nm: 1.5\nkind: c\n')).toEqual({
      values: [undefined, undefined, undefined, undefined],
      found: [
        'f.yaml:1: `name` is required',
        'f.yaml:1: `n` must be a whole number from 1 to 10 (be gentle)',
        'f.yaml:2: `m` must be a whole number of at least 0',
        'f.yaml:3: `kind` must be one of a, b',
      ],
    });
    expect(read('name: ""\n').found).toEqual(['f.yaml:1: `name` must be a non-empty string']);
  });
});
