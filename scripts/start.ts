import { envReader } from '../common/config';
import { startDatabase } from '../common/database';
import { seedDatabase } from './seeding';
import { startStack, stopChild } from './stack';
import { prepareWebStack } from './web-stack';
import { DEMO_PASSWORD } from './dev-oidc/accounts';

/**
 * `npm start`: PostgreSQL (embedded unless DATABASE_URL is set), migrations and demo data on an empty
 * database, then the three subgraphs and the gateway, each its own process. Ctrl-C stops everything.
 */
async function main(): Promise<void> {
  const started = Date.now();
  const gatewayPort = envReader().int('GATEWAY_PORT', 4000, 1, 65535);
  const db = await startDatabase();
  console.log(db.embedded ? 'embedded PostgreSQL running (data in .data/postgres)' : 'using DATABASE_URL');
  let stopping = false;
  const stopDb = () => db.stop().catch(() => undefined);
  try {
    await seedDatabase(db.url);
    // The gateway trusts the development OpenID provider's tokens (JWKS); npm run token signs with its key too.
    const web = await prepareWebStack(db.url, gatewayPort);
    const stack = await startStack({ databaseUrl: db.url, gatewayPort, env: web.gatewayEnv });
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

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
