import { resolve } from 'node:path';
import { createOrm } from '../../common/orm';
import { projectRoot } from '../../common/config';
import { migrations } from './migrations';
import { Course } from './course/course.entity';

export const entities = [Course];

/** MikroORM bound to the `courses` schema, with this subgraph's migrations. */
export const createCoursesOrm = (databaseUrl: string) =>
  createOrm({ schema: 'courses', databaseUrl, entities, migrations, migrationsPath: resolve(projectRoot, 'subgraphs/courses/migrations') });
