import 'reflect-metadata';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { provisionSubgraphRoles, userOf } from '../common/database-roles';
import { migrate } from '../common/orm';
import { loadConfig as loadCoursesConfig } from '../subgraphs/courses/config';
import { SUBGRAPHS, type SubgraphName } from '../common/topology';
import { seedCourses } from '../seed/courses';
import { seedJourney } from '../seed/journey';
import { seedParticipants, seedSandboxCards } from '../seed/participants';
import { seedPartners } from '../seed/partners';
import { DEFAULT_SHAPE, type YearShape } from '../seed/bulk/plan';
import { seedBulkYear } from '../seed/bulk/year';
import { APPEND_ONLY_TABLES, ORM_FACTORIES } from './subgraph-orms';

/** Each subgraph's seed, run with that subgraph's own ORM (its own schema only), and the table that tells it is empty. */
const SEEDS: Record<SubgraphName, { probe: string; run(orm: MikroORM): Promise<unknown> }> = {
  partners: { probe: 'partners.partner', run: seedPartners },
  courses: { probe: 'courses.course', run: seedCourses },
  participants: {
    probe: 'participants.participant',
    run: async (orm) => {
      await seedParticipants(orm);
      await seedSandboxCards(orm);
    },
  },
  // Analytics seeds nothing: its read model is projected from the other subgraphs' event feeds. Its migration
  // writes the feed cursors, so the probe always finds a row and the seed is never reported as run.
  analytics: { probe: 'analytics.feed_cursor', run: async () => undefined },
};

export interface SeedOptions {
  /** Drop every subgraph schema first and rebuild from the migrations. */
  reset?: boolean;
  log?: (message: string) => void;
  /**
   * Instead of the demo's 3,000 participants, a programme year for this many, loaded through COPY (the
   * demo partners and catalogue stay: the year's purchases buy their offerings).
   */
  bulk?: { participants: number; shape?: Partial<YearShape> };
}

/**
 * Migrates each schema as its owner and seeds the ones that are empty (all of them after `reset`). Takes an
 * administrator's connection: it drops schemas on reset and creates each subgraph's roles.
 */
export async function seedDatabase(adminUrl: string, options: SeedOptions = {}): Promise<SubgraphName[]> {
  const log = options.log ?? console.log;
  const names = SUBGRAPHS.map(({ name }) => name);
  if (options.reset) await dropSchemas(adminUrl, names);
  const databases = await provisionSubgraphRoles(adminUrl, names);
  const seeded: SubgraphName[] = [];
  let bulkYear = false;
  for (const name of names) {
    const { url, migrationUrl } = databases[name];
    const orm = await ORM_FACTORIES[name](migrationUrl!);
    try {
      await migrate(orm, name, { appRole: userOf(url), appendOnlyTables: APPEND_ONLY_TABLES[name] });
      const [{ empty }] = await orm.em
        .getConnection()
        .execute<Array<{ empty: boolean }>>(`SELECT NOT EXISTS (SELECT 1 FROM ${SEEDS[name].probe}) AS empty`);
      if (!empty) continue;
      // The bulk year writes the participants schema (and the courses purchases) once the catalogue exists.
      if (name === 'participants' && options.bulk) {
        bulkYear = true;
        continue;
      }
      const started = Date.now();
      await SEEDS[name].run(orm);
      seeded.push(name);
      log(`seeded ${name} in ${Date.now() - started} ms`);
    } finally {
      await orm.close();
    }
  }
  if (bulkYear && options.bulk) {
    const result = await seedBulkYear(
      { participants: databases.participants.migrationUrl!, courses: databases.courses.migrationUrl! },
      options.bulk.participants,
      { ...DEFAULT_SHAPE, ...options.bulk.shape },
    );
    seeded.unshift('participants');
    log(
      `seeded a year in ${(result.milliseconds / 1000).toFixed(1)} s: ${[
        `${result.participants} participants`,
        `${result.applications} applications`,
        `${result.cards} cards and wallets`,
        `${result.ledgerEntries} ledger entries`,
        `${result.purchases} purchases and enrollments`,
        `${result.attendance} attendance records`,
      ].join(', ')}\n${result.phases}`,
    );
  }
  // The journey (purchases to incentives) spans both schemas: only over demo people and courses seeded just now.
  if (!bulkYear && seeded.includes('participants') && seeded.includes('courses')) await journey(databases, log);
  return seeded;
}

async function journey(databases: Awaited<ReturnType<typeof provisionSubgraphRoles>>, log: (message: string) => void) {
  const started = Date.now();
  const participants = await ORM_FACTORIES.participants(databases.participants.migrationUrl!);
  const courses = await ORM_FACTORIES.courses(databases.courses.migrationUrl!);
  try {
    // The courses process's own configuration: its OTP key, so the live purchases' OTPs authorize there.
    const config = loadCoursesConfig({ ...process.env, COURSES_DATABASE_URL: databases.courses.url });
    const result = await seedJourney({ participants, courses }, config);
    log(
      `seeded the journey in ${Date.now() - started} ms: ${result.sales} sales, ${result.attendance} attendance records, ` +
        `${result.completions} completions, ${result.reviews} reviews, ${result.feedEvents} courses events consumed`,
    );
  } finally {
    await participants.close();
    await courses.close();
  }
}

async function dropSchemas(adminUrl: string, names: readonly string[]): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${names.map((n) => `"${n}"`).join(', ')} CASCADE`);
  } finally {
    await client.end();
  }
}
