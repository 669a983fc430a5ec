import { resolve } from 'node:path';
import { createOrm } from '../../common/orm';
import { projectRoot } from '../../common/config';
import { migrations } from './migrations';
import { Course } from './course/course.entity';
import { Attendance, Enrollment } from './enrollment/enrollment.entity';
import { Offering } from './offering/offering.entity';
import { Purchase } from './purchase/purchase.entity';
import { SandboxAttendance, SandboxPurchase } from './sandbox-purchase/sandbox-purchase.entity';
import { Review } from './review/review.entity';
import { CourseSchedule } from './schedule/schedule.entity';

export const entities = [Course, Offering, Purchase, Enrollment, Attendance, Review, SandboxPurchase, SandboxAttendance, CourseSchedule];

/** Append-only tables: the serving role may only add rows to them. */
export const appendOnlyTables = ['review', 'outbox_event'] as const;

/** MikroORM bound to the `courses` schema, with this subgraph's migrations. */
export const createCoursesOrm = (databaseUrl: string) =>
  createOrm({ schema: 'courses', databaseUrl, entities, migrations, migrationsPath: resolve(projectRoot, 'subgraphs/courses/migrations') });
