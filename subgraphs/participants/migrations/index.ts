import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261128032111 } from './Migration20261128032111';
import { Migration20261128034539 } from './Migration20261128034539';
import { Migration20261128055331 } from './Migration20261128055331';
import { Migration20261128064500 } from './Migration20261128064500';
import { Migration20261202200021 } from './Migration20261202200021';
import { Migration20261202202206 } from './Migration20261202202206';
import { Migration20261202210000 } from './Migration20261202210000';
import { Migration20261203020000 } from './Migration20261203020000';
import { Migration20261203030200 } from './Migration20261203030200';
import { Migration20261204070000 } from './Migration20261204070000';
import { Migration20261204070100 } from './Migration20261204070100';
import { Migration20261204081000 } from './Migration20261204081000';
import { Migration20261204090000 } from './Migration20261204090000';
import { Migration20261205040000 } from './Migration20261205040000';
import { Migration20261206010000 } from './Migration20261206010000';
import { Migration20261206010100 } from './Migration20261206010100';

/** This subgraph's migrations in order; `npm run migration:create -- participants` appends to it. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261128032111', class: Migration20261128032111 },
  { name: 'Migration20261128034539', class: Migration20261128034539 },
  { name: 'Migration20261128055331', class: Migration20261128055331 },
  { name: 'Migration20261128064500', class: Migration20261128064500 },
  { name: 'Migration20261202200021', class: Migration20261202200021 },
  { name: 'Migration20261202202206', class: Migration20261202202206 },
  { name: 'Migration20261202210000', class: Migration20261202210000 },
  { name: 'Migration20261203020000', class: Migration20261203020000 },
  { name: 'Migration20261203030200', class: Migration20261203030200 },
  { name: 'Migration20261204070000', class: Migration20261204070000 },
  { name: 'Migration20261204070100', class: Migration20261204070100 },
  { name: 'Migration20261204081000', class: Migration20261204081000 },
  { name: 'Migration20261204090000', class: Migration20261204090000 },
  { name: 'Migration20261205040000', class: Migration20261205040000 },
  { name: 'Migration20261206010000', class: Migration20261206010000 },
  { name: 'Migration20261206010100', class: Migration20261206010100 },
];
