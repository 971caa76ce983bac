/**
 * Resolvers serving a GitHubFixture through GitHub's schema. Generic: every field reads the
 * property of the same name off the fixture object (calling it if it is a function), every
 * `…Connection` field is paginated by connection.ts, and abstract types resolve through the
 * objects' `__typename` (graphql-js's default type resolver). Only the root fields are specific.
 */
import { GraphQLError, getNamedType } from 'graphql';
import type { ExecutionResult, GraphQLFieldResolver, GraphQLFormattedError } from 'graphql';
import { resolveConnection } from './connection.js';
import type { ConnectionArgs } from './connection.js';
import type { GitHubFixture } from './fixture.js';

export interface RateLimitView {
  cost: number;
  remaining: number;
  resetAt: string;
  limit: number;
  used: number;
  nodeCount: number;
}

export interface ExecutionContext {
  rateLimit: RateLimitView;
}

/** An error in GitHub's shape: the `type` goes beside the message, not into `extensions`. */
export function githubError(message: string, type: string): GraphQLError {
  return new GraphQLError(message, { extensions: { type } });
}

export function rootValue(fixture: GitHubFixture): Record<string, unknown> {
  return {
    repository({ owner, name }: { owner: string; name: string }) {
      const repo = fixture.repository(`${owner}/${name}`);
      if (!repo) throw githubError(`Could not resolve to a Repository with the name '${owner}/${name}'.`, 'NOT_FOUND');
      return repo;
    },
    repositoryOwner: ({ login }: { login: string }) => fixture.owner(login) ?? null,
    organization({ login }: { login: string }) {
      const owner = fixture.owner(login);
      if (owner?.__typename !== 'Organization') throw githubError(`Could not resolve to an Organization with the login of '${login}'.`, 'NOT_FOUND');
      return owner;
    },
    user({ login }: { login: string }) {
      const owner = fixture.owner(login);
      if (owner?.__typename !== 'User') throw githubError(`Could not resolve to a User with the login of '${login}'.`, 'NOT_FOUND');
      return owner;
    },
    node({ id }: { id: string }) {
      const found = fixture.node(id);
      if (!found) throw githubError(`Could not resolve to a node with the global id of '${id}'`, 'NOT_FOUND');
      return found;
    },
    // A rejected item becomes a null entry plus an error, as GitHub reports unknown ids.
    nodes: ({ ids }: { ids: string[] }) => ids.map((id) => fixture.node(id) ?? Promise.reject(githubError(`Could not resolve to a node with the global id of '${id}'`, 'NOT_FOUND'))),
    rateLimit: (_args: unknown, context: ExecutionContext) => context.rateLimit,
  };
}

export const fieldResolver: GraphQLFieldResolver<unknown, ExecutionContext> = (source, args, context, info) => {
  if (typeof source !== 'object' || source === null) return undefined;
  const value: unknown = (source as Record<string, unknown>)[info.fieldName];
  if (getNamedType(info.returnType).name.endsWith('Connection')) {
    return resolveConnection(Array.isArray(value) ? value : [], args as ConnectionArgs, info.fieldName);
  }
  if (typeof value === 'function') return (value as (...a: unknown[]) => unknown).call(source, args, context, info);
  return value;
};

/** graphql-js result errors → GitHub's `{ type?, path?, locations?, message, extensions? }`. */
export function formatErrors(errors: ExecutionResult['errors']): GraphQLFormattedError[] {
  return (errors ?? []).map((error) => {
    const { type, ...extensions } = error.extensions as Record<string, unknown>;
    return {
      ...(typeof type === 'string' ? { type } : {}),
      ...(error.path ? { path: error.path } : {}),
      ...(error.locations ? { locations: error.locations } : {}),
      message: error.message,
      ...(Object.keys(extensions).length > 0 ? { extensions } : {}),
    };
  });
}

/** GitHub words the commonest validation error its own way; others keep graphql-js's message. */
export function validationError(error: GraphQLError): GraphQLFormattedError {
  const unknownField = /^Cannot query field "(\w+)" on type "(\w+)"\./.exec(error.message);
  if (!unknownField) return error.toJSON();
  const [, fieldName, typeName] = unknownField;
  return {
    extensions: { code: 'undefinedField', typeName, fieldName },
    ...(error.locations ? { locations: error.locations } : {}),
    message: `Field '${fieldName}' doesn't exist on type '${typeName}'`,
  };
}
