import 'reflect-metadata';
import { main, runSubgraph } from '../../common/subgraph-main';
import { loadConfig } from './config';
import { createLoaders } from './context';
import { createCoursesOrm } from './orm';
import { buildCoursesSchema } from './schema';

/** Starts the courses subgraph: platforms, evaluations, MoUs, training institutions, credentials. */
export function startCourses(config = loadConfig()) {
  return runSubgraph({
    name: 'courses',
    port: config.port,
    databaseUrl: config.databaseUrl,
    createOrm: createCoursesOrm,
    buildSchema: buildCoursesSchema,
    context: (base) => ({ ...base, loaders: createLoaders(base.em) }),
  });
}

if (require.main === module) main(startCourses);
