import { resolve } from 'node:path';
import { createOrm } from '../../common/orm';
import { projectRoot } from '../../common/config';
import { migrations } from './migrations';
import { Partner, PartnerStatusChange } from './partner/partner.entity';

export const entities = [Partner, PartnerStatusChange];

/** MikroORM bound to the `partners` schema, with this subgraph's migrations. */
export const createPartnersOrm = (databaseUrl: string) =>
  createOrm({ schema: 'partners', databaseUrl, entities, migrations, migrationsPath: resolve(projectRoot, 'subgraphs/partners/migrations') });
