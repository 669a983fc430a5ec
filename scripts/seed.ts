import { startDatabase } from '../common/database';
import { envReader } from '../common/config';
import { helpOnRequest } from './cli';
import { bulkOptions } from './seed-options';
import { seedDatabase } from './seeding';
import { portInUse } from './stack';

const USAGE = `
usage: npm run seed [-- --reset] [--participants N [--cohorts 12] [--apply-share 0.6] [--selected-share 0.2]
                    [--purchase-share 0.85] [--second-purchase-share 0.25] [--courses-per-card 2]
                    [--void-share 0.05] [--completion-share 0.6]]

Migrates the three schemas and seeds the demo data into those that are empty, on DATABASE_URL or the embedded
PostgreSQL (.data/postgres). --reset drops the three schemas first and rebuilds everything: stop npm start first.

--participants N replaces the demo's 3,000 participants with a programme year for N people, loaded through
COPY with a progress bar on stderr: cohorts drawn by the real selection, cards, wallets and their ledgers,
purchases of the demo catalogue with attendance, completions and refunded voids. The shares say how many of
the step before go on (applicants and selected are shares of all participants); after each course a card may
buy another (--second-purchase-share), up to --courses-per-card. Use it with --reset.
`;

/** `npm run seed [-- --reset]`: seeds empty schemas; `--reset` drops all three schemas and rebuilds the demo data. */
async function main(): Promise<void> {
  helpOnRequest(USAGE);
  const reset = process.argv.includes('--reset');
  const bulk = bulkOptions(process.argv.slice(2));
  const gatewayPort = envReader().int('GATEWAY_PORT', 4000, 1, 65535);
  const taken = reset ? await portInUse(gatewayPort) : undefined;
  if (taken) throw new Error(`port ${taken} is in use: npm start is running? Stop it before --reset, which drops the schemas under it.`);
  const db = await startDatabase();
  try {
    const seeded = await seedDatabase(db.url, { reset, bulk });
    console.log(seeded.length ? `done: ${seeded.join(', ')}` : 'every schema already has data (use --reset to rebuild)');
  } finally {
    await db.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
