/**
 * GitHub's GraphQL resource limits, as pure functions of a document and its variables:
 * https://docs.github.com/en/graphql/overview/rate-limits-and-node-limits-for-the-graphql-api
 *
 * - Every connection needs `first` or `last`, between 1 and 100.
 * - Node count: the sum, over connections, of its page size times the page sizes of all the
 *   connections above it. More than 500,000 is refused.
 * - Cost: the sum, over connections, of the requests needed to fulfil it (the product of the
 *   page sizes of the connections above it, 1 at the top), divided by 100, rounded to the
 *   nearest whole number, at least 1.
 *
 * A connection is a field whose type is named `…Connection` (in GitHub's schema exactly those
 * fields take `first`/`last`). A list field taking `ids` (`nodes(ids:)`) multiplies what is
 * below it by the number of ids. Named fragments are inlined first, so `TypeInfo` sees every
 * field under its real parent type. Each field occurrence counts once: the same connection
 * selected twice (e.g. in two fragments) is counted twice.
 */
import { Kind, TypeInfo, getLocation, getNamedType, getNullableType, getOperationAST, getVariableValues, isListType, valueFromAST, visit, visitWithTypeInfo } from 'graphql';
import type {
  DocumentNode, FieldNode, FragmentDefinitionNode, GraphQLArgument, GraphQLField, GraphQLSchema,
  OperationDefinitionNode, SelectionNode, SelectionSetNode, SourceLocation,
} from 'graphql';

export const MAX_PAGE_SIZE = 100;
export const MAX_NODES = 500_000;

export interface LimitProblem {
  type: 'MISSING_PAGINATION_BOUNDARIES' | 'EXCESSIVE_PAGINATION' | 'INVALID_PAGINATION' | 'MAX_NODE_LIMIT_EXCEEDED';
  message: string;
  path?: string[];
  locations?: SourceLocation[];
}

export interface QueryCost {
  /** Upper bound of nodes the query can return (GitHub's `rateLimit.nodeCount`). */
  nodeCount: number;
  /** Requests needed to fulfil every connection, before dividing by 100. */
  requests: number;
  /** Rate-limit points: `max(1, round(requests / 100))`. */
  cost: number;
  /** Limit violations; GitHub refuses the query when there is any. */
  problems: LimitProblem[];
}

export function pointsFor(requests: number): number {
  return Math.max(1, Math.round(requests / 100));
}

export function analyzeQuery(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Readonly<Record<string, unknown>> = {},
  operationName?: string | null,
): QueryCost {
  const operation = getOperationAST(document, operationName);
  if (!operation) throw new Error(operationName ? `No operation named ${operationName}` : 'The document must hold exactly one operation, or name one');
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  // Variables as execution sees them (defaults applied); as given if they do not coerce.
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  const values = coerced.coerced ?? variables;
  const inlined: OperationDefinitionNode = { ...operation, selectionSet: inline(operation.selectionSet, fragments, new Set()) };

  const typeInfo = new TypeInfo(schema);
  const multipliers: number[] = [];
  const path: string[] = [];
  const problems: LimitProblem[] = [];
  let nodeCount = 0;
  let requests = 0;
  visit(inlined, visitWithTypeInfo(typeInfo, {
    Field: {
      enter(node) {
        const field = typeInfo.getFieldDef();
        const above = multipliers.reduce((product, n) => product * n, 1);
        path.push(node.alias?.value ?? node.name.value);
        let multiplier = 1;
        if (field && isConnection(field)) {
          multiplier = pageSize(node, field, values, [...path], problems);
          nodeCount += above * multiplier;
          requests += above;
        } else if (field && isListType(getNullableType(field.type)) && field.args.some((a) => a.name === 'ids')) {
          const ids = argument(node, field, 'ids', values);
          multiplier = Array.isArray(ids) ? ids.length : 1;
        }
        multipliers.push(multiplier);
      },
      leave() {
        multipliers.pop();
        path.pop();
      },
    },
  }));
  if (nodeCount > MAX_NODES) {
    problems.push({
      type: 'MAX_NODE_LIMIT_EXCEEDED',
      message: `This query requests up to ${nodeCount.toLocaleString('en-US')} possible nodes which exceeds the maximum limit of ${MAX_NODES.toLocaleString('en-US')}.`,
    });
  }
  return { nodeCount, requests, cost: pointsFor(requests), problems };
}

export function isConnection(field: GraphQLField<unknown, unknown>): boolean {
  return getNamedType(field.type).name.endsWith('Connection');
}

/** The page size a connection field asks for, recording GitHub's complaint if it is not 1–100. */
function pageSize(
  node: FieldNode,
  field: GraphQLField<unknown, unknown>,
  variables: Readonly<Record<string, unknown>>,
  path: string[],
  problems: LimitProblem[],
): number {
  const where = { path, ...(node.loc ? { locations: [getLocation(node.loc.source, node.loc.start)] } : {}) };
  const name = field.name;
  const first = argument(node, field, 'first', variables);
  const last = argument(node, field, 'last', variables);
  if (typeof first === 'number' && typeof last === 'number') {
    problems.push({ type: 'INVALID_PAGINATION', ...where, message: `Passing both \`first\` and \`last\` to paginate the \`${name}\` connection is not supported.` });
    return Math.max(first, last);
  }
  const [which, size] = typeof first === 'number' ? ['first', first] as const : ['last', last] as const;
  if (typeof size !== 'number') {
    problems.push({ type: 'MISSING_PAGINATION_BOUNDARIES', ...where, message: `You must provide a \`first\` or \`last\` value to properly paginate the \`${name}\` connection.` });
    return 1;
  }
  if (size > MAX_PAGE_SIZE) {
    problems.push({ type: 'EXCESSIVE_PAGINATION', ...where, message: `Requesting ${size} records on the \`${name}\` connection exceeds the \`${which}\` limit of ${MAX_PAGE_SIZE} records.` });
  } else if (size < 1) {
    problems.push({ type: 'INVALID_PAGINATION', ...where, message: `\`${which}\` on the \`${name}\` connection cannot be less than 1.` });
  }
  return size;
}

function argument(node: FieldNode, field: GraphQLField<unknown, unknown>, name: string, variables: Readonly<Record<string, unknown>>): unknown {
  const definition: GraphQLArgument | undefined = field.args.find((a) => a.name === name);
  if (!definition) return undefined;
  const given = node.arguments?.find((a) => a.name.value === name);
  if (!given) return definition.defaultValue;
  return valueFromAST(given.value, definition.type, variables as Record<string, unknown>);
}

/** Replaces every named fragment spread by an inline fragment holding the fragment's selections. */
function inline(set: SelectionSetNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>, seen: ReadonlySet<string>): SelectionSetNode {
  const selections = set.selections.map((selection): SelectionNode => {
    switch (selection.kind) {
      case Kind.FIELD:
        return selection.selectionSet ? { ...selection, selectionSet: inline(selection.selectionSet, fragments, seen) } : selection;
      case Kind.INLINE_FRAGMENT:
        return { ...selection, selectionSet: inline(selection.selectionSet, fragments, seen) };
      case Kind.FRAGMENT_SPREAD: {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        const body: SelectionSetNode = fragment && !seen.has(name)
          ? inline(fragment.selectionSet, fragments, new Set([...seen, name]))
          : { kind: Kind.SELECTION_SET, selections: [] };
        return { kind: Kind.INLINE_FRAGMENT, typeCondition: fragment?.typeCondition, directives: selection.directives, selectionSet: body, loc: selection.loc };
      }
    }
  });
  return { ...set, selections };
}
