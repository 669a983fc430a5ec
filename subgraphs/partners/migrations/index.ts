import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261128031814 } from './Migration20261128031814';
import { Migration20261202210000 } from './Migration20261202210000';
import { Migration20261203030000 } from './Migration20261203030000';
import { Migration20261203030100 } from './Migration20261203030100';
import { Migration20261204084000 } from './Migration20261204084000';
import { Migration20261204084500 } from './Migration20261204084500';

/** This subgraph's migrations in order; `npm run migration:create -- partners` appends to it. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261128031814', class: Migration20261128031814 },
  { name: 'Migration20261202210000', class: Migration20261202210000 },
  { name: 'Migration20261203030000', class: Migration20261203030000 },
  { name: 'Migration20261203030100', class: Migration20261203030100 },
  { name: 'Migration20261204084000', class: Migration20261204084000 },
  { name: 'Migration20261204084500', class: Migration20261204084500 },
];
