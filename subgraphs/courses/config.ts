import { envReader } from '../../common/config';
import { subgraphPort } from '../../common/topology';

/** The courses subgraph's configuration, read and validated once at start-up. */
export function loadConfig(env = process.env) {
  const read = envReader(env);
  return {
    port: subgraphPort('courses', env),
    databaseUrl: read.string('DATABASE_URL'),
  };
}
export type CoursesConfig = ReturnType<typeof loadConfig>;
