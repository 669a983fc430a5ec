import cluster from 'node:cluster';
import { resolve } from 'node:path';

/**
 * `node dist/scripts/instances.js <count> <entry>`: runs `count` instances of one process (a subgraph or the
 * gateway, `entry` relative to dist/) on one port, as Node cluster workers. The primary accepts each connection
 * and hands it to the workers in turn (round robin), so the instances share the port the entry listens on
 * (and its metrics port) without a load balancer in front. A SIGTERM or SIGINT is passed to every worker,
 * each drains as a single process would, and the primary exits once all have, with the worst exit code. A
 * worker that dies otherwise is replaced. On several machines the same entry runs once per container behind
 * the platform's load balancer instead (deploy/k8s: a Deployment and an HPA per process).
 */
function main(): void {
  const [countArg, entry] = process.argv.slice(2);
  const count = Number(countArg);
  if (!Number.isInteger(count) || count < 1 || count > 64 || !entry) {
    console.error('usage: node dist/scripts/instances.js <count 1..64> <entry under dist/>');
    process.exit(2);
  }
  cluster.setupPrimary({ exec: resolve(__dirname, '..', entry), args: [] });
  let stopping = false;
  let worst = 0;
  const fork = () => cluster.fork();
  // An instance still starting when the stop comes dies of the signal itself: it had nothing to drain.
  const serving = new Set<number>();
  cluster.on('listening', (worker) => serving.add(worker.id));
  for (let i = 0; i < count; i++) fork();
  cluster.on('exit', (worker, code, signal) => {
    if (!stopping) {
      console.error(`${entry}: instance ${worker.process.pid} exited (${signal ?? code}); starting another`);
      fork();
      return;
    }
    // Once stopping, the exit code says whether every instance drained in time.
    const clean = code === 0 || (!serving.has(worker.id) && signal !== null);
    if (!clean) console.error(`${entry}: instance ${worker.process.pid} stopped with ${signal ?? code}`);
    worst = Math.max(worst, clean ? 0 : (code ?? 1));
    if (!Object.keys(cluster.workers ?? {}).length) process.exit(worst);
  });
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {});
    if (!workers.length) process.exit(worst);
    for (const worker of workers) worker?.process.kill(signal);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGTERM'));
}

main();
