import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';

// The layers of src/, top first. A module imports from its own folder and the layers below it,
// never from a layer above or beside it. The leaves import no layer; every layer may import them.
const LAYERS = [['bin'], ['cli'], ['report', 'collect', 'query'], ['indicators', 'identity'], ['store'], ['config']];
const LEAVES = ['errors.ts', 'log.ts', 'redact.ts', 'vendor.ts', 'git.ts', 'dates.ts', 'csv.ts', 'pid.ts'];
const DIRECTION = 'Imports point down: bin → cli → report / collect / query → indicators / identity → store → config; any of them may import the leaves src/{errors,log,redact,vendor,git,dates,csv,pid}.ts.';

const layerZones = LAYERS.flatMap((layer, index) =>
  layer.map((name) => ({
    target: `./src/${name}`,
    from: [...LAYERS.slice(0, index).flat(), ...layer.filter((other) => other !== name)].map((other) => `./src/${other}`),
    message: `src/${name} may import only ${[name, ...LAYERS.slice(index + 1).flat()].map((allowed) => `src/${allowed}`).join(', ')} and the leaves. ${DIRECTION}`,
  })),
).filter((zone) => zone.from.length > 0);

// import-x/no-cycle takes no message: the same rule, with messages that say the way out.
const noCycle = importX.rules['no-cycle'];
const WAY_OUT = 'Imports point one way, within a folder too: move what both modules need into the lower one.';
const importXWithMessages = {
  ...importX,
  rules: { ...importX.rules, 'no-cycle': { ...noCycle, meta: { ...noCycle.meta, messages: { cycle: `Dependency cycle. ${WAY_OUT}`, cycleSource: `Dependency cycle via "{{source}}". ${WAY_OUT}` } } } },
};

export default tseslint.config(
  { ignores: ['dist/', 'dist-bench/', 'node_modules/', 'data/', 'report/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  { languageOptions: { globals: globals.node } },
  { files: ['src/report/client/**'], languageOptions: { globals: globals.browser } },
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importXWithMessages },
    settings: {
      // Sources import `./x.js` and are `./x.ts`. The rules below skip an import the resolver misses,
      // so import-x/no-unresolved makes a miss an error.
      'import-x/extensions': ['.ts'],
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts'], extensionAlias: { '.js': ['.ts', '.js'] } })],
    },
    rules: {
      'import-x/no-unresolved': 'error',
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': [
        'error',
        {
          basePath: path.dirname(fileURLToPath(import.meta.url)),
          zones: [
            ...layerZones,
            { target: LEAVES.map((leaf) => `./src/${leaf}`), from: LAYERS.flat().map((name) => `./src/${name}`), message: `A leaf imports only other leaves. ${DIRECTION}` },
            {
              target: './src/report/client',
              from: './src',
              except: ['./report/client', './report/model.ts', './report/specs.ts'],
              message: 'src/report/client is the browser script: it may import only the pure report modules src/report/model.ts and src/report/specs.ts.',
            },
          ],
        },
      ],
    },
  },
);
