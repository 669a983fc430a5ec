import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { log } from '../common/logger';
import { closeAfterAnswer, readBody } from '../common/http';
import { drainingServer } from '../common/shutdown';
import { authenticator, type HeaderReader } from './auth/authenticate';
import { AccessDenied } from './auth/errors';
import type { GatewayConfig } from './config';
import type { GatewayContext } from './context';
import { corsHeadersFor } from './cors';
import { clientAddressOf } from './rate-limit/client-address';
import { RedisQuotaStore } from './rate-limit/redis-store';
import { MemoryQuotaStore, type QuotaStore } from './rate-limit/store';
import { parsedBody } from './plugins/parsed-body';
import { createRuntime } from './runtime';

/**
 * The public HTTP front: it reads the raw body (bounded), proves who is calling (partner signature over the
 * exact bytes, or a bearer token), then hands the request, the verified identity and the client address to the runtime.
 * `options.quotaStore` replaces the one the configuration names (tests pass one with a fixed clock).
 */
export function createGatewayServer(
  config: GatewayConfig,
  options: { quotaStore?: QuotaStore } = {},
): {
  server: Server;
  /**
   * Graceful stop: /readiness fails and new connections are refused at once, requests in flight get `graceMs`
   * to finish (then they are cut off, counted in `cutOff`), then the runtime and the quota store close.
   */
  close(graceMs?: number): Promise<{ cutOff: number }>;
} {
  const quotaStore: QuotaStore =
    options.quotaStore ?? (config.rateLimits.redisUrl ? new RedisQuotaStore(config.rateLimits.redisUrl) : new MemoryQuotaStore());
  const runtime = createRuntime(config, quotaStore);
  const authenticate = authenticator(config);

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    // The runtime's own readiness (the supergraph is loaded) does not know the process is stopping.
    if (url.pathname === '/readiness' && drain.draining) return sendError(res, 503, 'SHUTTING_DOWN', 'The gateway is stopping.');
    const headers = nodeHeaders(req);
    const method = req.method ?? 'GET';
    const body = method === 'GET' || method === 'HEAD' ? Buffer.alloc(0) : await readBody(req, config.maxBodyBytes);
    const cors = corsHeadersFor(config.corsOrigins, headers.get('origin'));
    if (body === null) {
      closeAfterAnswer(res);
      return sendError(res, 413, 'PAYLOAD_TOO_LARGE', `Request body exceeds ${config.maxBodyBytes} bytes`, cors);
    }
    let identity;
    try {
      identity =
        url.pathname === '/graphql' ? await authenticate({ headers, method, path: url.pathname, search: url.search, body }) : undefined;
    } catch (error) {
      if (error instanceof AccessDenied) return sendError(res, error.status, error.code, error.message, cors);
      throw error;
    }
    const parsed = parsedBody(method, headers.get('content-type'), body);
    // Taken here from the socket, handed over beside the identity: a header would be the client's to write.
    const clientAddress = clientAddressOf(req.socket.remoteAddress, req.headers['x-forwarded-for'], config.trustedProxies);
    const context: GatewayContext = { identity, clientAddress, parsedBody: parsed };
    // The usual case (a JSON POST, a GET): the runtime reads the Node request as it is, without a copied Request
    // in between. A parsed body rides along as `body`, as body-parsing frameworks hand it over: the runtime
    // then sees a request without a stream to read.
    const response =
      parsed || method === 'GET' || method === 'HEAD'
        ? await runtime.handleNodeRequestAndResponse(Object.assign(req, { body: parsed }), res, context)
        : await runtime.fetch(new Request(url, { method, headers: new Headers(stringHeaders(req)), body: new Uint8Array(body) }), context);
    const payload = await response.text();
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(payload);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log.error('gateway request failed', { error: String(error) });
      if (!res.headersSent) sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'Unexpected error.');
      else res.end();
    });
  });
  // Longer than any client's or load balancer's idle timeout, so an idle keep-alive socket is never closed
  // by the gateway just as a client reuses it.
  server.keepAliveTimeout = 65_000;
  const drain = drainingServer(server);
  return {
    server,
    close: async (graceMs = config.shutdownGraceMs) => {
      const drained = server.listening ? await drain.drain(graceMs) : { cutOff: 0 };
      await runtime.dispose();
      await quotaStore.close();
      return drained;
    },
  };
}

/** A request's single-valued headers: what the front reads (a repeated header is not one value). */
function stringHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(req.headers)) if (typeof value === 'string') headers[key] = value;
  return headers;
}

/** The front's read-only view of a request's headers (names are lower-case in Node), without copying them. */
function nodeHeaders(req: IncomingMessage): HeaderReader {
  const get = (name: string) => {
    const value = req.headers[name.toLowerCase()];
    return typeof value === 'string' ? value : null;
  };
  return { get, has: (name) => get(name) !== null };
}

function sendError(res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...headers, 'content-type': 'application/json' });
  res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}
