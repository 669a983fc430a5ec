import { envReader } from '../../common/config';
import { subgraphPort } from '../../common/topology';

/** The participants subgraph's configuration, read and validated once at start-up. */
export function loadConfig(env = process.env) {
  const read = envReader(env);
  return {
    port: subgraphPort('participants', env),
    databaseUrl: read.string('DATABASE_URL'),
  };
}
export type ParticipantsConfig = ReturnType<typeof loadConfig>;
