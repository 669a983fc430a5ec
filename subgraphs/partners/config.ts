import { envReader } from '../../common/config';
import { subgraphPort } from '../../common/topology';

/** The partners subgraph's configuration, read and validated once at start-up. */
export function loadConfig(env = process.env) {
  const read = envReader(env);
  return {
    port: subgraphPort('partners', env),
    databaseUrl: read.string('DATABASE_URL'),
  };
}
export type PartnersConfig = ReturnType<typeof loadConfig>;
