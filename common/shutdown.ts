import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { envReader } from './config';
import { log } from './logger';

/**
 * SHUTDOWN_GRACE_MS: how long a stopping process lets requests in flight finish before it cuts them off.
 * The default leaves room under Kubernetes' 30 s terminationGracePeriodSeconds for pools to close.
 */
export function shutdownGraceMs(env: Record<string, string | undefined> = process.env): number {
  return envReader(env).int('SHUTDOWN_GRACE_MS', 15_000, 0, 120_000);
}

export interface DrainingServer {
  /** True from the moment shutdown starts: readiness answers 503 from then on. */
  readonly draining: boolean;
  /**
   * Stops accepting connections, closes idle keep-alive sockets now and each busy one after its response,
   * and resolves once no request is in flight, or after `graceMs` with whatever is left cut off.
   */
  drain(graceMs: number): Promise<{ cutOff: number }>;
}

/**
 * Tracks the requests in flight on a node:http server so that it can shut down gracefully. Without this,
 * `server.close()` waits for every keep-alive socket that was busy when it was called to time out
 * (keepAliveTimeout, 65 s), and closing all connections at once fails the requests still running.
 */
export function drainingServer(server: Server): DrainingServer {
  let draining = false;
  const inFlight = new Set<ServerResponse>();
  let settle: (() => void) | undefined;
  const closeAfterResponse = (res: ServerResponse) => {
    if (!res.headersSent) res.setHeader('connection', 'close');
  };
  server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
    inFlight.add(res);
    if (draining) closeAfterResponse(res);
    res.once('close', () => {
      inFlight.delete(res);
      if (!draining) return;
      // A socket whose response was already under way when shutdown began is idle now: close it.
      setImmediate(() => server.closeIdleConnections());
      if (inFlight.size === 0) settle?.();
    });
  });
  return {
    get draining() {
      return draining;
    },
    async drain(graceMs) {
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      inFlight.forEach(closeAfterResponse);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        new Promise<void>((resolve) => (inFlight.size === 0 ? resolve() : (settle = resolve))),
        new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs))),
      ]);
      clearTimeout(timer);
      const cutOff = inFlight.size;
      if (cutOff) log.warn('shutdown grace period over: cutting off requests in flight', { requests: cutOff, graceMs });
      server.closeAllConnections();
      await closed;
      return { cutOff };
    },
  };
}

/**
 * Runs `stop` on the first SIGTERM or SIGINT and exits with its code. Later signals are ignored (logged): a
 * supervisor that repeats the signal, or Ctrl-C reaching every process of `npm start` and then its stop, must
 * not kill a process that is draining. The listeners stay registered, so no signal falls back to the default
 * action (immediate death).
 */
export function onTerminationSignal(stop: (signal: NodeJS.Signals) => Promise<number>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) return log.info(`${signal} ignored: already stopping`);
    stopping = true;
    log.info(`${signal}: stopping`);
    stop(signal).then(
      (code) => process.exit(code),
      (error: unknown) => {
        log.error('shutdown failed', { error: error instanceof Error ? error.stack : String(error) });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
}
