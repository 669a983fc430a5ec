import { startDatabase } from '../common/database';
import { seedDatabase } from './seeding';

/** `npm run seed [-- --reset]`: seeds empty schemas; `--reset` drops all three schemas and rebuilds the demo data. */
async function main(): Promise<void> {
  const reset = process.argv.includes('--reset');
  const db = await startDatabase();
  try {
    const seeded = await seedDatabase(db.url, { reset });
    console.log(seeded.length ? `done: ${seeded.join(', ')}` : 'every schema already has data (use --reset to rebuild)');
  } finally {
    await db.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
