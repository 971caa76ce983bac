/**
 * GitHub's published GraphQL schema (`@octokit/graphql-schema`), built once per process.
 *
 * The package's SDL file declares some fields twice and fails `buildSchema`; its introspection
 * JSON builds cleanly. Building takes a few dozen milliseconds and the result is large, so it is
 * cached on `globalThis`: vitest gives every test file its own module registry, and a plain
 * module-level variable would be rebuilt per file.
 */
import { schema as published } from '@octokit/graphql-schema';
import { buildClientSchema } from 'graphql';
import type { GraphQLSchema, IntrospectionQuery } from 'graphql';

const KEY = Symbol.for('cdstats.test.github.schema');
const store = globalThis as typeof globalThis & { [KEY]?: GraphQLSchema };

export function githubSchema(): GraphQLSchema {
  store[KEY] ??= buildClientSchema(published.json as unknown as IntrospectionQuery);
  return store[KEY];
}
