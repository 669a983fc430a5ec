import { resolve } from 'node:path';
import { projectRoot } from '../../common/config';
import { createOrm } from '../../common/orm';
import { migrations } from './migrations';
import { FeedCursor } from './projection/feed-cursor.entity';

/** The read model's tables are written with SQL by the projector; the ORM maps the cursor and runs the migrations. */
export const entities = [FeedCursor];

/** Analytics appends nothing it must keep: every table is a projection, rebuilt from the feeds if dropped. */
export const appendOnlyTables = [] as const;

/** MikroORM bound to the `analytics` schema, with this subgraph's migrations. */
export const createAnalyticsOrm = (databaseUrl: string) =>
  createOrm({
    schema: 'analytics',
    databaseUrl,
    entities,
    migrations,
    migrationsPath: resolve(projectRoot, 'subgraphs/analytics/migrations'),
  });
