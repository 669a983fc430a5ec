import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DisbursementSimSettings } from './settings';
import { SimState, type Mode } from './state';

const MODES: ReadonlySet<string> = new Set(['normal', 'fail', 'timeout', 'twice']);

async function body(req: IncomingMessage): Promise<Record<string, unknown>> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

const send = (res: ServerResponse, status: number, value?: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(value === undefined ? '' : JSON.stringify(value));
};

/**
 * A development stand-in for a payment aggregator's disbursement API: KYC lookups and transfers keyed by the
 * caller's reference (a reference moves money once; a repeat answers the first result). `/control/…` is for
 * tests and demos: accounts for the KYC lookup, and how the next transfers to an account behave: `fail`
 * (503, nothing moves), `timeout` (the money moves, the answer never comes), `twice` (the money moves, the
 * answer comes late, after the caller's retry has had its own).
 */
export function startDisbursementSim(settings: DisbursementSimSettings): Promise<{ server: Server; url: string; state: SimState }> {
  const state = new SimState();
  const transfer = async (req: IncomingMessage, res: ServerResponse) => {
    const b = await body(req);
    const request = {
      reference: String(b.reference),
      provider: String(b.provider),
      accountNumber: String(b.accountNumber),
      amount: Number(b.amount),
    };
    if (!request.reference || !Number.isSafeInteger(request.amount) || request.amount <= 0)
      return send(res, 400, { error: 'bad transfer' });
    state.recordOf(request.reference).requests += 1;
    const mode = state.takeMode(request.accountNumber);
    if (mode === 'fail') return send(res, 503, { error: 'provider unavailable' });
    const done = state.execute(request);
    const answer = { status: 'COMPLETED', transferId: done.transferId, completedAt: done.completedAt };
    if (mode === 'timeout') return void setTimeout(() => res.destroy(), settings.lateMs);
    if (mode === 'twice') return void setTimeout(() => send(res, 200, answer), settings.lateMs);
    send(res, 200, answer);
  };
  const routes: Record<string, (req: IncomingMessage, res: ServerResponse, path: string[]) => Promise<void> | void> = {
    'GET health': (_req, res) => send(res, 200, { ok: true }),
    'POST kyc': async (req, res) => {
      const b = await body(req);
      send(res, 200, state.lookup(String(b.provider), String(b.accountNumber)));
    },
    'POST transfers': transfer,
    'POST control': async (req, res, path) => {
      const b = await body(req);
      if (path[1] === 'accounts') {
        state.addAccount(String(b.provider), String(b.accountNumber), String(b.holderName), String(b.holderNik));
        return send(res, 204);
      }
      if (path[1] === 'behaviour' && MODES.has(String(b.mode))) {
        state.setBehaviour(String(b.accountNumber), b.mode as Mode, Number(b.times ?? 1));
        return send(res, 204);
      }
      send(res, 400, { error: 'unknown control' });
    },
    'GET control': (_req, res, path) => {
      if (path[1] === 'transfers' && path[2]) return send(res, 200, state.transfers.get(decodeURIComponent(path[2])) ?? null);
      if (path[1] === 'accounts' && path[2]) return send(res, 200, state.transfersTo(decodeURIComponent(path[2])));
      send(res, 404, { error: 'not found' });
    },
  };
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://sim').pathname.split('/').filter(Boolean);
    const route = routes[`${req.method} ${path[0] ?? ''}`];
    if (!route) return send(res, 404, { error: 'not found' });
    Promise.resolve(route(req, res, path)).catch((error: unknown) => send(res, 400, { error: String(error) }));
  });
  return new Promise((resolve) =>
    server.listen(settings.port, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, url: `http://127.0.0.1:${port}`, state });
    }),
  );
}
