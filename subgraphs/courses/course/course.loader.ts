import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { isUuid } from '../../../common/ids';
import { connectionLoader } from '../shared/batched-connection';
import { Course } from './course.entity';

/** Courses by id, batched per request (any curation status: callers apply visibility). */
export function courseLoader(em: EntityManager) {
  return new DataLoader<string, Course | null>(async (ids) => {
    const rows = await em.find(Course, { id: { $in: ids.filter(isUuid) } }); // a malformed id must not fail the batch
    const byId = new Map(rows.map((c) => [c.id, c]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** `TrainingInstitution.courses`: APPROVED courses of many institutions, one page each, in two queries. */
export const institutionCoursesLoader = (em: EntityManager) =>
  connectionLoader(em, {
    entity: Course,
    table: 'courses.course',
    parentColumn: 'institution_id',
    sortColumn: 'created_at',
    sortProperty: 'createdAt',
    direction: 'asc',
    where: "t.curation_status = 'APPROVED'",
  });
