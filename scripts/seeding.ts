import 'reflect-metadata';
import type { MikroORM } from '@mikro-orm/postgresql';
import { migrate } from '../common/orm';
import { SUBGRAPHS, type SubgraphName } from '../common/topology';
import { seedCourses } from '../seed/courses';
import { seedParticipants } from '../seed/participants';
import { seedPartners } from '../seed/partners';
import { ORM_FACTORIES } from './subgraph-orms';

/** Each subgraph's seed, run with that subgraph's own ORM (its own schema only), and the table that tells it is empty. */
const SEEDS: Record<SubgraphName, { probe: string; run(orm: MikroORM): Promise<unknown> }> = {
  partners: { probe: 'partners.partner', run: seedPartners },
  courses: { probe: 'courses.course', run: seedCourses },
  participants: { probe: 'participants.participant', run: (orm) => seedParticipants(orm) },
};

export interface SeedOptions {
  /** Drop every subgraph schema first and rebuild from the migrations. */
  reset?: boolean;
  log?: (message: string) => void;
}

/** Migrates each schema and seeds the ones that are empty (all of them after `reset`). */
export async function seedDatabase(databaseUrl: string, options: SeedOptions = {}): Promise<SubgraphName[]> {
  const log = options.log ?? console.log;
  const seeded: SubgraphName[] = [];
  for (const { name } of SUBGRAPHS) {
    const orm = await ORM_FACTORIES[name](databaseUrl);
    try {
      const connection = orm.em.getConnection();
      if (options.reset) await connection.execute(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
      await migrate(orm, name);
      const [{ empty }] = await connection.execute<Array<{ empty: boolean }>>(
        `SELECT NOT EXISTS (SELECT 1 FROM ${SEEDS[name].probe}) AS empty`,
      );
      if (!empty) continue;
      const started = Date.now();
      await SEEDS[name].run(orm);
      seeded.push(name);
      log(`seeded ${name} in ${Date.now() - started} ms`);
    } finally {
      await orm.close();
    }
  }
  return seeded;
}
