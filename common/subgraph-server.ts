import { ApolloServer, HeaderMap, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyInternalRequest, type Identity } from './identity';
import { describeError } from './error-details';
import { closeAfterAnswer, readBody } from './http';
import { log, scrubErrorMessage } from './logger';
import { drainingServer, shutdownGraceMs } from './shutdown';
import { metricsPlugin } from './subgraph-metrics';

export interface SubgraphServerOptions<TContext extends BaseContext> {
  name: string;
  port: number;
  schema: GraphQLSchema;
  /** Secret shared with the gateway; requests not signed with it get 401 and no data. */
  signingSecret: string;
  /** Builds the per-request context (fresh DataLoaders, a forked EntityManager) for a verified identity. */
  context: (identity: Identity) => Promise<TContext> | TContext;
  maxBodyBytes?: number;
  /**
   * Runs once per request after execution, before the response leaves (the participants subgraph writes its
   * personal-data access records here). If it fails, the response carries no data: fail closed.
   */
  afterRequest?: (context: TContext) => Promise<void>;
  /** Readiness beyond not shutting down (the subgraph's database answers); `/ready` answers 503 when false. */
  ready?: () => Promise<boolean>;
}

export interface RunningSubgraph {
  server: Server;
  url: string;
  /**
   * Graceful stop: readiness fails and new connections are refused at once, requests in flight get `graceMs`
   * to finish (then they are cut off, counted in `cutOff`), then Apollo stops.
   */
  stop(graceMs?: number): Promise<{ cutOff: number }>;
}

/**
 * Serves a subgraph over plain node:http. The raw body is needed to check the gateway's signature before
 * anything is parsed or executed, which is why this does not use Apollo's standalone server.
 */
export async function startSubgraphServer<TContext extends BaseContext>(
  options: SubgraphServerOptions<TContext>,
): Promise<RunningSubgraph> {
  const apollo = new ApolloServer<TContext>({
    schema: options.schema,
    introspection: true, // only the gateway can reach it; the gateway decides what clients may introspect
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    // Apollo would stop itself on SIGINT/SIGTERM outside NODE_ENV=test and re-raise the signal, killing the
    // process with requests in flight; shutdown is ordered by stop() below instead.
    stopOnTerminationSignals: false,
    formatError: maskUnexpected,
    plugins: [
      metricsPlugin<TContext>(),
      ...(options.afterRequest ? [afterRequestPlugin(options.afterRequest)] : []),
      // Apollo installs both by default: a hook on every resolved field for cache hints nothing here sets or
      // reads, and federated traces nobody asks for (this gateway reports through OpenTelemetry).
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
    ],
    logger: { debug: () => undefined, info: () => undefined, warn: (m) => log.warn(String(m)), error: (m) => log.error(String(m)) },
  });
  await apollo.start();
  const maxBody = options.maxBodyBytes ?? 1_000_000;
  const ready = coalesced(options.ready ?? (async () => true));

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://subgraph');
    if (req.method === 'GET' && url.pathname === '/health')
      return send(res, 200, { 'content-type': 'application/json' }, '{"status":"ok"}');
    if (req.method === 'GET' && url.pathname === '/ready') {
      const status = drain.draining ? 'stopping' : (await ready()) ? 'ready' : 'database unavailable';
      return send(res, status === 'ready' ? 200 : 503, { 'content-type': 'application/json' }, JSON.stringify({ status }));
    }
    if (url.pathname !== '/graphql') return send(res, 404, {}, 'not found');
    const body = await readBody(req, maxBody);
    if (body === null) {
      closeAfterAnswer(res);
      return send(res, 413, {}, 'request body too large');
    }
    const identity = verifyInternalRequest(options.signingSecret, req.headers, body);
    if (!identity)
      return send(
        res,
        401,
        { 'content-type': 'application/json' },
        '{"errors":[{"message":"unsigned request","extensions":{"code":"UNAUTHENTICATED"}}]}',
      );
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(key, value);
    let parsed: unknown;
    try {
      parsed = body.length ? JSON.parse(body.toString('utf8')) : undefined;
    } catch {
      return send(
        res,
        400,
        { 'content-type': 'application/json' },
        '{"errors":[{"message":"body is not JSON","extensions":{"code":"BAD_REQUEST"}}]}',
      );
    }
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'POST', headers, search: url.search, body: parsed },
      context: async () => options.context(identity),
    });
    const outHeaders: Record<string, string> = {};
    for (const [key, value] of response.headers) outHeaders[key] = value;
    res.writeHead(response.status ?? 200, outHeaders);
    if (response.body.kind === 'complete') return res.end(response.body.string);
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log.error(`${options.name}: request failed`, { error: String(error) });
      if (!res.headersSent) send(res, 500, {}, 'internal error');
      else res.end();
    });
  });
  server.keepAliveTimeout = 65_000;
  const drain = drainingServer(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE' ? new Error(`port ${options.port} is in use: another ${options.name} (npm start?) is running`) : error,
      ),
    );
    server.listen(options.port, '0.0.0.0', resolve);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    url: `http://127.0.0.1:${port}/graphql`,
    stop: async (graceMs = shutdownGraceMs()) => {
      const drained = await drain.drain(graceMs);
      await apollo.stop();
      return drained;
    },
  };
}

/**
 * Errors thrown on purpose (GraphQLError with a code) pass through; anything else (a database error, a bug)
 * is logged here and answered as a bare INTERNAL_SERVER_ERROR, so no SQL, table name or stack leaves.
 */
function maskUnexpected(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof GraphQLError) return { ...formatted, message: scrubErrorMessage(formatted.message) };
  const details = describeError(original);
  // 57014: PostgreSQL cancelled the statement at the serving roles' statement_timeout. Not a bug: the caller
  // asked for more than one request may cost, and can narrow it or retry.
  if (details.sqlState === '57014') {
    log.warn('statement cancelled at the statement timeout', { ...details, path: formatted.path });
    return {
      message:
        'The query ran past the statement timeout and was cancelled; nothing changed. Ask for less (fewer dimensions, a shorter range) or retry later.',
      path: formatted.path,
      extensions: { code: 'QUERY_TIMEOUT' },
    };
  }
  log.error('unexpected resolver error', { ...details, path: formatted.path });
  return { message: 'Unexpected error.', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

function afterRequestPlugin<TContext extends BaseContext>(
  afterRequest: (context: TContext) => Promise<void>,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          try {
            await afterRequest(contextValue);
          } catch (error) {
            log.error('after-request step failed; response withheld', describeError(error));
            if (response.body.kind === 'single')
              response.body.singleResult = { errors: [{ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] };
          }
        },
      };
    },
  };
}

/** Concurrent calls share the check in progress: a burst of probes makes one database round trip, not many. */
function coalesced(check: () => Promise<boolean>): () => Promise<boolean> {
  let pending: Promise<boolean> | undefined;
  return () => (pending ??= check().finally(() => (pending = undefined)));
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string): void {
  res.writeHead(status, headers);
  res.end(body);
}
