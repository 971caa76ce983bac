/**
 * A local HTTP server on 127.0.0.1 that behaves like GitHub's GraphQL endpoint (POST to any path
 * ending in `/graphql`, so both `/graphql` and GHES's `/api/graphql`): bearer/token auth,
 * parsing and validation against GitHub's published schema, GitHub's pagination and node limits,
 * GitHub's cost formula charged against a rate-limit budget (`rateLimit` field and
 * `x-ratelimit-*` headers), fixture data through resolvers, and faults on demand. GETs of the
 * REST API cdstats reads (rest.ts) are served too, on a budget of their own.
 *
 * The token is kept only as a SHA-256 digest and never logged or echoed.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { execute, getOperationAST, getVariableValues, parse, validate } from 'graphql';
import type { DocumentNode, GraphQLError, GraphQLFormattedError } from 'graphql';
import { analyzeQuery } from './cost.js';
import { DOCS, FaultQueue, faultReply, nullAt, rateLimitedBody, somethingWentWrong, stickCursors } from './faults.js';
import type { Fault, FaultReply, StreamFault } from './faults.js';
import type { GitHubFixture } from './fixture.js';
import { RateLimitBudget } from './rate-limit.js';
import type { BudgetOptions, BudgetState } from './rate-limit.js';
import { fieldResolver, formatErrors, rootValue, validationError } from './resolvers.js';
import { REST_DOCS, restReply, restRoute, type RestRoute } from './rest.js';
import type { ExecutionContext } from './resolvers.js';
import { githubSchema } from './schema.js';

export type { Fault, FaultKind } from './faults.js';
export type { BudgetState } from './rate-limit.js';

export interface GitHubServerOptions extends BudgetOptions {
  fixture: GitHubFixture;
  /** The only token accepted, as `authorization: bearer <token>` or `token <token>`. */
  token: string;
  /** REST's budget: requests per window (GitHub: 5,000 for a user), seconds to its reset. */
  rest?: { limit?: number; resetIn?: number };
}

export interface OperationStats { requests: number; points: number }
export interface ServerStats extends OperationStats { byOperation: Record<string, OperationStats> }

/** One authenticated request, as the server saw it (no headers, so nothing of the token). */
export interface RequestRecord {
  operation: string | null;
  variables: Record<string, unknown>;
  status: number;
  /** Points charged (0 when nothing executed). */
  cost: number;
  fault?: Fault['kind'];
}

interface Reply extends FaultReply { cost?: number }

const ANONYMOUS = '(anonymous)';

export class GitHubServer {
  readonly fixture: GitHubFixture;
  private readonly server: Server;
  private readonly tokenDigest: Buffer;
  private readonly budget: RateLimitBudget;
  private readonly restBudget: RateLimitBudget;
  private readonly faults = new FaultQueue();
  private counters: ServerStats = { requests: 0, points: 0, byOperation: {} };
  private log: RequestRecord[] = [];
  private requestSeq = 0;
  private stallWaiters: (() => void)[] = [];

  constructor(options: GitHubServerOptions) {
    this.fixture = options.fixture;
    this.tokenDigest = digest(options.token);
    this.budget = new RateLimitBudget(options);
    this.restBudget = new RateLimitBudget({ limit: 5000, ...options.rest, now: options.now, resource: 'core' });
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) send(res, 500, { message: `fake GitHub failed: ${error instanceof Error ? error.stack : String(error)}` });
      });
    });
  }

  /** Listens on 127.0.0.1, on a free port. */
  async listen(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    return this;
  }

  /** `http://127.0.0.1:PORT`: the `baseUrl` for @octokit/graphql, which posts to `${baseUrl}/graphql`. */
  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  get url(): string {
    return `${this.baseUrl}/graphql`;
  }

  get stats(): ServerStats {
    return structuredClone(this.counters);
  }

  /** Every authenticated request since start (or `resetStats`), oldest first. */
  get requests(): readonly RequestRecord[] {
    return structuredClone(this.log);
  }

  resetStats(): void {
    this.counters = { requests: 0, points: 0, byOperation: {} };
    this.log = [];
  }

  get rateLimit(): BudgetState {
    return this.budget.state;
  }

  setRateLimit(changes: { remaining?: number; resetIn?: number }): void {
    this.budget.set(changes);
  }

  /** REST's budget (requests), apart from GraphQL's points. */
  get restRateLimit(): BudgetState {
    return this.restBudget.state;
  }

  setRestRateLimit(changes: { remaining?: number; resetIn?: number }): void {
    this.restBudget.set(changes);
  }

  /** Fails the next `times` matching requests with `fault` (see faults.ts). */
  failNext(fault: Fault, times = 1): void {
    this.faults.add(fault, times);
  }

  get pendingFaults(): number {
    return this.faults.pending;
  }

  /** Resolves when a `hang` or `trickle` fault next holds a request. */
  nextStall(): Promise<void> {
    return new Promise((resolve) => this.stallWaiters.push(resolve));
  }

  clearFaults(): void {
    this.faults.clear();
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
    this.server.closeAllConnections();
    await closed;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const text = await readBody(req);
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
    const path = url.pathname;
    const route = req.method === 'GET' ? restRoute(path) : undefined;
    if (route) return this.rest(req, res, route, url);
    if (req.method !== 'POST' || !path.endsWith('/graphql')) {
      return send(res, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
    }
    if (!this.authorized(req.headers.authorization)) {
      return send(res, 401, { message: 'Bad credentials', documentation_url: DOCS });
    }
    const requestId = `CD57:${randomBytes(2).toString('hex').toUpperCase()}:${(++this.requestSeq).toString(16).toUpperCase()}`;
    const payload = parseJson(text);
    const variables = isRecord(payload?.variables) ? payload.variables : {};
    const operationName = typeof payload?.operationName === 'string' ? payload.operationName : null;
    let document: DocumentNode | undefined;
    let syntaxError: GraphQLError | undefined;
    try {
      if (typeof payload?.query === 'string') document = parse(payload.query);
    } catch (error) {
      syntaxError = error as GraphQLError;
    }
    const operation = operationName ?? (document ? getOperationAST(document)?.name?.value : undefined) ?? null;

    const fault = this.faults.take(operation);
    let reply: Reply;
    if (fault && fault.kind !== 'partial' && fault.kind !== 'stuck-cursor') {
      if (isStreamFault(fault)) {
        this.record(operation, variables, { status: fault.kind === 'drop' ? 0 : 200, body: null }, fault);
        streamFault(fault, req, res);
        if (fault.kind === 'hang' || fault.kind === 'trickle') for (const resolve of this.stallWaiters.splice(0)) resolve();
        return;
      }
      reply = faultReply(fault, requestId, this.url);
    } else if (!payload) {
      reply = { status: 400, body: { message: 'Problems parsing JSON', documentation_url: DOCS } };
    } else if (!document) {
      const message = syntaxError?.message ?? 'A query attribute must be specified and must be a string.';
      reply = { status: 200, body: { errors: [{ message, ...(syntaxError?.locations ? { locations: syntaxError.locations } : {}) }] } };
    } else {
      reply = await this.run(document, variables, operationName, fault, requestId);
    }
    this.record(operation, variables, reply, fault);
    const headers = { ...this.budget.headers(reply.exhausted), 'x-github-request-id': requestId, ...reply.headers };
    send(res, reply.status, reply.body, headers);
  }

  /** A REST request: auth, a fault if one is queued for it, REST's budget, then the fixture's answer. */
  private rest(req: IncomingMessage, res: ServerResponse, route: RestRoute, url: URL): void {
    if (!this.authorized(req.headers.authorization)) return send(res, 401, { message: 'Bad credentials', documentation_url: REST_DOCS, status: '401' });
    const variables: Record<string, unknown> = Object.fromEntries(url.searchParams);
    const fault = this.faults.take(route.operation);
    if (fault && isStreamFault(fault)) {
      this.record(route.operation, variables, { status: fault.kind === 'drop' ? 0 : 200, body: null }, fault);
      streamFault(fault, req, res);
      if (fault.kind === 'hang' || fault.kind === 'trickle') for (const resolve of this.stallWaiters.splice(0)) resolve();
      return;
    }
    const requestId = `CD57:${randomBytes(2).toString('hex').toUpperCase()}:${(++this.requestSeq).toString(16).toUpperCase()}`;
    let reply: Reply;
    if (fault?.kind === 'rate-limited' || !this.restBudget.charge(1)) {
      const reset = fault?.kind === 'rate-limited' && fault.reset !== undefined ? { 'x-ratelimit-reset': String(fault.reset) } : undefined;
      reply = { status: fault?.kind === 'rate-limited' && fault.status === 429 ? 429 : 403, body: { message: 'API rate limit exceeded for user ID 1. If you reach out to GitHub Support for help, please include the request ID ' + requestId + '.', documentation_url: `${REST_DOCS}/overview/rate-limits-for-the-rest-api`, status: '403' }, exhausted: true, ...(reset ? { headers: reset } : {}) };
    } else if (fault && fault.kind !== 'partial' && fault.kind !== 'stuck-cursor') {
      reply = faultReply(fault, requestId, url.href);
    } else {
      reply = restReply(this.fixture, route, url, fault?.kind === 'stuck-cursor');
    }
    this.record(route.operation, variables, reply, fault);
    send(res, reply.status, reply.body, { ...this.restBudget.headers(reply.exhausted), 'x-github-request-id': requestId, ...reply.headers });
  }

  private async run(document: DocumentNode, variables: Record<string, unknown>, operationName: string | null, fault: Fault | undefined, requestId: string): Promise<Reply> {
    const schema = githubSchema();
    const invalid = validate(schema, document);
    if (invalid.length > 0) return { status: 200, body: { errors: invalid.map(validationError) } };
    const operation = getOperationAST(document, operationName);
    if (!operation) {
      const message = operationName ? `Unknown operation named "${operationName}".` : 'Must provide operation name if query contains multiple operations.';
      return { status: 200, body: { errors: [{ message }] } };
    }
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
    if (coerced.errors) return { status: 200, body: { errors: coerced.errors.map((e) => e.toJSON()) } };

    const { cost, nodeCount, problems } = analyzeQuery(schema, document, coerced.coerced, operationName);
    if (problems.length > 0) return { status: 200, body: { errors: problems } };
    if (!this.budget.charge(cost)) return { status: 200, body: rateLimitedBody(), exhausted: true };

    const { limit, remaining, used } = this.budget.state;
    const contextValue: ExecutionContext = { rateLimit: { cost, remaining, resetAt: this.budget.resetAtIso(), limit, used, nodeCount } };
    const result = await execute({
      schema, document, rootValue: rootValue(this.fixture), contextValue, variableValues: variables,
      operationName: operationName ?? undefined, fieldResolver,
    });
    const errors: GraphQLFormattedError[] = formatErrors(result.errors);
    const data = result.data ?? null;
    if (fault?.kind === 'partial' && data) {
      const path = fault.path ?? Object.keys(data).filter((key) => key !== 'rateLimit').slice(0, 1);
      if (nullAt(data, path)) errors.push(somethingWentWrong(requestId));
    }
    if (fault?.kind === 'stuck-cursor') {
      const after = typeof variables.after === 'string' ? variables.after : undefined;
      stickCursors(data, fault.nullCursor ? null : after);
    }
    return { status: 200, body: errors.length > 0 ? { data, errors } : { data }, cost };
  }

  private authorized(header: string | undefined): boolean {
    const match = /^(?:bearer|token)\s+(\S+)\s*$/i.exec(header ?? '');
    return match?.[1] !== undefined && timingSafeEqual(digest(match[1]), this.tokenDigest);
  }

  private record(operation: string | null, variables: Record<string, unknown>, reply: Reply, fault: Fault | undefined): void {
    const cost = reply.cost ?? 0;
    const key = operation ?? ANONYMOUS;
    const mine = (this.counters.byOperation[key] ??= { requests: 0, points: 0 });
    this.counters.requests++;
    this.counters.points += cost;
    mine.requests++;
    mine.points += cost;
    this.log.push({ operation, variables: structuredClone(variables), status: reply.status, cost, ...(fault ? { fault: fault.kind } : {}) });
  }
}

export async function startGitHubServer(options: GitHubServerOptions): Promise<GitHubServer> {
  return new GitHubServer(options).listen();
}

function isStreamFault(fault: Fault): fault is StreamFault {
  return fault.kind === 'drop' || fault.kind === 'huge' || fault.kind === 'hang' || fault.kind === 'trickle';
}

/** Carries out a fault on the connection; every timer and loop ends when the connection closes. */
function streamFault(fault: StreamFault, req: IncomingMessage, res: ServerResponse): void {
  switch (fault.kind) {
    case 'drop':
      req.socket.destroy();
      return;
    case 'hang':
      return; // close() ends the connection
    case 'trickle': {
      res.writeHead(200, { 'content-type': 'application/json' });
      const timer = setInterval(() => res.write(' '), fault.everyMs);
      res.on('close', () => clearInterval(timer));
      return;
    }
    case 'huge': {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 'x');
      let left = fault.bytes;
      const more = (): void => {
        while (left > 0 && !res.destroyed) {
          left -= chunk.length;
          if (!res.write(chunk)) return void res.once('drain', more);
        }
        res.end();
      };
      res.write('"');
      more();
      return;
    }
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
