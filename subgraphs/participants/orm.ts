import { resolve } from 'node:path';
import { createOrm } from '../../common/orm';
import { projectRoot } from '../../common/config';
import { migrations } from './migrations';
import { Participant } from './participant/participant.entity';

export const entities = [Participant];

/** MikroORM bound to the `participants` schema, with this subgraph's migrations. */
export const createParticipantsOrm = (databaseUrl: string) =>
  createOrm({ schema: 'participants', databaseUrl, entities, migrations, migrationsPath: resolve(projectRoot, 'subgraphs/participants/migrations') });
