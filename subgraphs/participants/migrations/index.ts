import type { MigrationObject } from '@mikro-orm/core';

/** This subgraph's migrations in order; `npm run migration:create -- participants` appends to it. */
export const migrations: MigrationObject[] = [];
