import 'reflect-metadata';
import { main, runSubgraph } from '../../common/subgraph-main';
import { loadConfig } from './config';
import { createLoaders } from './context';
import { createParticipantsOrm } from './orm';
import { buildParticipantsSchema } from './schema';

/** Starts the participants subgraph: platforms, evaluations, MoUs, training institutions, credentials. */
export function startParticipants(config = loadConfig()) {
  return runSubgraph({
    name: 'participants',
    port: config.port,
    databaseUrl: config.databaseUrl,
    createOrm: createParticipantsOrm,
    buildSchema: buildParticipantsSchema,
    context: (base) => ({ ...base, loaders: createLoaders(base.em) }),
  });
}

if (require.main === module) main(startParticipants);
