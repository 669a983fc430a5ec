import { Agent, request } from 'node:http';

/**
 * Gateway settings for a benchmark: its load comes from one loopback address standing for many people, which
 * the anonymous per-address quota would throttle within seconds. The limiter still runs and counts (its cost
 * is part of what is measured); only its refusal is out of the way.
 */
export const ONE_ADDRESS_FOR_MANY = { GATEWAY_ANONYMOUS_FIELDS_PER_MINUTE: '100000000' };

/** One timed run of a workload against one gateway. */
export interface RunResult {
  requests: number;
  errors: number;
  seconds: number;
  /** Latency of every completed request, in milliseconds. */
  latencies: number[];
}

/**
 * Keeps exactly `concurrency` requests in flight against `url` for `seconds` (loopback, keep-alive), then
 * waits for the in-flight ones. A response counts as an error unless it is HTTP 200 with data and no errors.
 */
export async function runLoad(url: string, body: string, concurrency: number, seconds: number): Promise<RunResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;

  const one = () =>
    postText(url, body, {}, agent).then(
      ({ status, text }) => status === 200 && isSuccess(text),
      () => false,
    );

  const worker = async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      const ok = await one();
      latencies.push(performance.now() - t0);
      if (!ok) errors++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  return { requests: latencies.length, errors, seconds: elapsed, latencies };
}

function isSuccess(text: string): boolean {
  try {
    const json = JSON.parse(text) as { data?: unknown; errors?: unknown[] };
    return json.data != null && !json.errors?.length;
  } catch {
    return false;
  }
}

/** The q-th quantile (0..1) of a list of numbers, nearest-rank. */
export function quantile(values: number[], q: number): number {
  if (!values.length) return NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** POSTs a JSON body; resolves with the status and the answer's text. */
export function postText(
  url: string,
  body: string,
  headers: Record<string, string>,
  agent?: Agent,
): Promise<{ status: number; text: string }> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** POSTs JSON and parses the answer (rejects when it is not JSON). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function postJson(url: string, body: string, headers: Record<string, string>, agent?: Agent): Promise<any> {
  return JSON.parse((await postText(url, body, headers, agent)).text);
}
