import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261128032127 } from './Migration20261128032127';
import { Migration20261202200548 } from './Migration20261202200548';
import { Migration20261202210000 } from './Migration20261202210000';
import { Migration20261202213500 } from './Migration20261202213500';
import { Migration20261203010000 } from './Migration20261203010000';
import { Migration20261203030300 } from './Migration20261203030300';
import { Migration20261203040000 } from './Migration20261203040000';
import { Migration20261204080000 } from './Migration20261204080000';
import { Migration20261204082000 } from './Migration20261204082000';
import { Migration20261204083000 } from './Migration20261204083000';
import { Migration20261204085000 } from './Migration20261204085000';
import { Migration20261206010000 } from './Migration20261206010000';

/** This subgraph's migrations in order; `npm run migration:create -- courses` appends to it. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261128032127', class: Migration20261128032127 },
  { name: 'Migration20261202200548', class: Migration20261202200548 },
  { name: 'Migration20261202210000', class: Migration20261202210000 },
  { name: 'Migration20261202213500', class: Migration20261202213500 },
  { name: 'Migration20261203010000', class: Migration20261203010000 },
  { name: 'Migration20261203030300', class: Migration20261203030300 },
  { name: 'Migration20261203040000', class: Migration20261203040000 },
  { name: 'Migration20261204080000', class: Migration20261204080000 },
  { name: 'Migration20261204082000', class: Migration20261204082000 },
  { name: 'Migration20261204083000', class: Migration20261204083000 },
  { name: 'Migration20261204085000', class: Migration20261204085000 },
  { name: 'Migration20261206010000', class: Migration20261206010000 },
];
