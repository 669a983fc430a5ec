import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { projectRoot } from '../common/config';
import { processEntry } from '../common/topology';
import { stopChild } from '../scripts/stack';

/**
 * A second gateway process beside a running stack's, on its own port (and metrics port), with `env` on top of
 * the stack's environment: what a bench uses to compare two gateway configurations in one run. `entry` may be
 * another build's `dist/gateway/index.js` (a copy of the tree before a change, with its own node_modules link).
 */
export async function startSecondGateway(
  stackEnv: Record<string, string>,
  port: number,
  env: Record<string, string>,
  entry = resolve(projectRoot, 'dist', processEntry('gateway')),
): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, [entry], {
    env: { ...stackEnv, ...env, GATEWAY_PORT: String(port), GATEWAY_METRICS_PORT: String(port + 5400) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const stop = () => stopChild(child);
  const ready = `http://127.0.0.1:${port}/readiness`;
  for (const deadline = Date.now() + 60_000; ; await new Promise((r) => setTimeout(r, 200))) {
    if (child.exitCode !== null) throw new Error(`the second gateway exited with code ${child.exitCode}`);
    if (
      await fetch(ready).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${ready} not ready within 60 s`);
    }
  }
  return { url: `http://127.0.0.1:${port}/graphql`, pid: child.pid!, stop };
}
