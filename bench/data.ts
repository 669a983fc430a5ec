import { ORM_FACTORIES } from '../scripts/subgraph-orms';
import { seedCourses } from '../seed/courses';
import { seedParticipants } from '../seed/participants';
import { seedPartners } from '../seed/partners';

/** Platforms, institutions, courses and two cohorts; each seed keeps rows that already exist. */
export async function seedBenchData(databaseUrl: string): Promise<void> {
  const partners = await ORM_FACTORIES.partners(databaseUrl);
  const courses = await ORM_FACTORIES.courses(databaseUrl);
  const participants = await ORM_FACTORIES.participants(databaseUrl);
  try {
    await seedPartners(partners);
    await seedCourses(courses);
    // The participants seed inserts unconditionally: run it only on an empty schema.
    const [{ n }] = await participants.em.getConnection().execute<Array<{ n: string }>>('SELECT count(*) AS n FROM participants.cohort');
    if (Number(n) === 0) await seedParticipants(participants, { count: 100 });
  } finally {
    await Promise.all([partners.close(), courses.close(), participants.close()]);
  }
}
