import { startDatabase } from '../common/database';
import { envReader } from '../common/config';
import { helpOnRequest } from './cli';
import { seedDatabase } from './seeding';
import { portInUse } from './stack';

const USAGE = `
usage: npm run seed [-- --reset]

Migrates the three schemas and seeds the demo data into those that are empty, on DATABASE_URL or the embedded
PostgreSQL (.data/postgres). --reset drops the three schemas first and rebuilds everything: stop npm start first.
`;

/** `npm run seed [-- --reset]`: seeds empty schemas; `--reset` drops all three schemas and rebuilds the demo data. */
async function main(): Promise<void> {
  helpOnRequest(USAGE);
  const reset = process.argv.includes('--reset');
  const gatewayPort = envReader().int('GATEWAY_PORT', 4000, 1, 65535);
  const taken = reset ? await portInUse(gatewayPort) : undefined;
  if (taken) throw new Error(`port ${taken} is in use: npm start is running? Stop it before --reset, which drops the schemas under it.`);
  const db = await startDatabase();
  try {
    const seeded = await seedDatabase(db.url, { reset });
    console.log(seeded.length ? `done: ${seeded.join(', ')}` : 'every schema already has data (use --reset to rebuild)');
  } finally {
    await db.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
