import type { EntityManager } from '@mikro-orm/postgresql';
import { connectionLoader } from '../../../common/batched-connection';
import { entityByIdLoader } from '../../../common/loaders';
import { CourseSchedule } from './schedule.entity';

/** `Course.schedules`: the schedules of many courses, one page each, earliest first, in two queries. */
export const courseSchedulesLoader = (em: EntityManager) =>
  connectionLoader(em, {
    entity: CourseSchedule,
    table: 'courses.course_schedule',
    parentColumn: 'course_id',
    sortColumn: 'starts_at',
    sortProperty: 'startsAt',
    direction: 'asc',
  });

/** Schedules by id (`Purchase.schedule`), batched per request. */
export const scheduleLoader = (em: EntityManager) => entityByIdLoader(em, CourseSchedule);
