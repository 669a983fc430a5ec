import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261202220000 } from './Migration20261202220000';
import { Migration20261203060000 } from './Migration20261203060000';
import { Migration20261204090100 } from './Migration20261204090100';
import { Migration20261205040100 } from './Migration20261205040100';
import { Migration20261206090000 } from './Migration20261206090000';

/** This subgraph's migrations in order; `npm run migration:create -- analytics` appends to it. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261202220000', class: Migration20261202220000 },
  { name: 'Migration20261203060000', class: Migration20261203060000 },
  { name: 'Migration20261204090100', class: Migration20261204090100 },
  { name: 'Migration20261205040100', class: Migration20261205040100 },
  { name: 'Migration20261206090000', class: Migration20261206090000 },
];
