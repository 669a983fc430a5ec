import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { gatewayUrl } from '../support/client';
import { createActivePartner } from '../support/partner';
import { testEmbeddedPgPort } from '../support/ports';

/* The developer scripts as a developer meets them: --help, and clear refusals while the stack is running. */

const run = promisify(execFile);
const script = (name: string) => resolve(__dirname, `../../dist/scripts/${name}.js`);
const stackPort = () => new URL(gatewayUrl()).port;

/** Runs a script to its end; never throws: the exit code and output are the result. */
async function outcome(name: string, args: string[], env: Record<string, string | undefined>) {
  const childEnv = { ...process.env, PRAKERJA_LOG_LEVEL: 'silent', ...env };
  for (const [key, value] of Object.entries(childEnv)) if (value === undefined) delete childEnv[key];
  try {
    const { stdout, stderr } = await run(process.execPath, [script(name), ...args], { env: childEnv, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('developer scripts', () => {
  it.each(['start', 'seed', 'token', 'compose', 'migration-create', 'partner-client', 'partner-credentials'])(
    '%s --help prints its usage and exits 0 without doing anything',
    async (name) => {
      // A database URL that cannot be reached: a script that went on past --help would fail or hang, not pass.
      const result = await outcome(name, ['--help'], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', GATEWAY_URL: undefined });
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toMatch(/^usage: /);
    },
  );

  it('a second npm start while a stack runs on the same ports says which port is taken and why, and exits 1', async () => {
    const result = await outcome('start', [], { GATEWAY_PORT: stackPort(), DATABASE_URL: process.env.TEST_DATABASE_URL });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`port ${stackPort()} is in use: another npm start is running?`);
  });

  it('seed --reset while the stack runs is refused before it touches the database', async () => {
    // The database named here does not exist: had the refusal regressed, the script fails to connect instead of dropping the test schemas.
    const unreachable = Object.assign(new URL(process.env.TEST_DATABASE_URL!), { pathname: '/wt_ops_no_such_database' }).href;
    const result = await outcome('seed', ['--reset'], { GATEWAY_PORT: stackPort(), DATABASE_URL: unreachable });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`port ${stackPort()} is in use: npm start is running? Stop it before --reset`);
  });

  (process.env.DATABASE_URL ? it.skip : it)(
    'a second start of the embedded PostgreSQL (the test stack holds it) names the running server instead of printing "undefined"',
    async () => {
      const result = await outcome('seed', [], {
        DATABASE_URL: undefined,
        EMBEDDED_PG_PORT: String(testEmbeddedPgPort),
        EMBEDDED_PG_DIRNAME: 'postgres-test',
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        /the embedded PostgreSQL of \S+postgres-test is already running \(pid \d+, port \d+\): is another `npm start` running\?/,
      );
    },
  );

  it('partner-credentials reaches the gateway on GATEWAY_PORT when GATEWAY_URL is not set', async () => {
    const slug = `port-${Date.now().toString(36)}`;
    await createActivePartner(slug);
    const result = await outcome('partner-credentials', ['--partner', slug], { GATEWAY_URL: undefined, GATEWAY_PORT: stackPort() });
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(new RegExp(`clientId:\\s+pk_${slug}_`));
    expect(result.stdout).toContain(`--url http://localhost:${stackPort()}/graphql`);
  });
});
