import type { EntityManager } from '@mikro-orm/postgresql';
import { connectionLoader } from '../../../common/batched-connection';
import DataLoader from 'dataloader';
import { entityByIdLoader, uuidKeyed } from '../../../common/loaders';
import { seatCounts } from '../purchase/seats';
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

/** Seats held and taken of many schedules (`CourseSchedule.seats*`): one grouped query per response. */
export const scheduleSeatsLoader = (em: EntityManager) =>
  new DataLoader<string, { held: number; taken: number }>(
    uuidKeyed({ held: 0, taken: 0 }, async (ids) => {
      const counts = await seatCounts(em, ids);
      return ids.map((id) => counts.get(id) ?? { held: 0, taken: 0 });
    }),
  );
