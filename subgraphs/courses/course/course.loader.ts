import type { EntityManager } from '@mikro-orm/postgresql';
import { entityByIdLoader } from '../../../common/loaders';
import { connectionLoader } from '../../../common/batched-connection';
import { Course } from './course.entity';

/** Courses by id, batched per request (any curation status: callers apply visibility). */
export const courseLoader = (em: EntityManager) => entityByIdLoader(em, Course);

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
