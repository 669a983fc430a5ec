import { envReader } from '../common/config';
import { startDatabase } from '../common/database';
import { helpOnRequest } from './cli';
import { seedDatabase } from './seeding';
import { portInUse, startStack, stopChild } from './stack';
import { prepareWebStack } from './web-stack';
import { DEMO_PASSWORD } from './dev-oidc/accounts';

/**
 * `npm start`: PostgreSQL (embedded unless DATABASE_URL is set), migrations and demo data on an empty
 * database, then the four subgraphs and the gateway, each its own process. Ctrl-C stops everything.
 */
async function main(): Promise<void> {
  helpOnRequest(`
usage: npm start [-- --instances N]

Starts PostgreSQL (embedded, data in .data/postgres, unless DATABASE_URL is set), migrates and seeds an empty
database, then the four subgraphs and the gateway at http://localhost:$GATEWAY_PORT/graphql (port 4000; the
subgraphs take the next four ports). Ctrl-C stops everything gracefully. The variables are in README.md.
--instances N runs N instances of the gateway and of each subgraph, each set sharing its port (Node cluster).
`);
  const instances = instancesArgument(process.argv.slice(2));
  const started = Date.now();
  const gatewayPort = envReader().int('GATEWAY_PORT', 4000, 1, 65535);
  // Before the database and the seed: a second npm start fails here, saying why.
  const taken = await portInUse(gatewayPort);
  if (taken) throw new Error(`port ${taken} is in use: another npm start is running? Stop it, or choose other ports with GATEWAY_PORT.`);
  const db = await startDatabase();
  console.log(db.embedded ? 'embedded PostgreSQL running (data in .data/postgres)' : 'using DATABASE_URL');
  let stopping = false;
  const stopDb = () => db.stop().catch(() => undefined);
  try {
    await seedDatabase(db.url);
    // The gateway trusts the development OpenID provider's tokens (JWKS); npm run token signs with its key too.
    const web = await prepareWebStack(db.url, gatewayPort);
    const stack = await startStack({ databaseUrl: db.url, gatewayPort, env: web.gatewayEnv, instances });
    const webProcess = web.start();
    const shutdown = async () => {
      if (stopping) return;
      stopping = true;
      console.log('\nstopping…');
      await Promise.all([stack.stop(), stopChild(webProcess)]);
      await stopDb();
      process.exit(0);
    };
    process.on('SIGINT', () => void shutdown());
    process.on('SIGTERM', () => void shutdown());
    if (instances > 1) console.log(`${instances} instances of the gateway and of each subgraph, sharing their ports`);
    console.log(
      `\nPrakerja Graph is up in ${((Date.now() - started) / 1000).toFixed(1)} s: ${stack.gatewayUrl.replace('127.0.0.1', 'localhost')}`,
    );
    console.log(
      `Web client: http://localhost:${process.env.WEB_PORT ?? 5173} (demo accounts in ${web.accountsFile}, password ${DEMO_PASSWORD})`,
    );
    console.log('Tokens: npm run token -- --role admin   (or --role participant --sub <participant id>)');
    console.log('Admins reading personal data send why in an x-purpose header; it is recorded for the participant to see.');
  } catch (error) {
    await stopDb();
    throw error;
  }
}

/** `--instances N` (1 to 64; default 1). */
function instancesArgument(argv: string[]): number {
  const at = argv.indexOf('--instances');
  if (at < 0) return 1;
  const count = Number(argv[at + 1]);
  if (!Number.isInteger(count) || count < 1 || count > 64) throw new Error('--instances takes a whole number from 1 to 64');
  return count;
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
