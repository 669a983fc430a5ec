/**
 * The development seed of this subgraph. Re-exported here only so that it is compiled with the subgraph
 * (tsconfig does not include seed/) and tests and scripts can load it from dist/.
 */
export { seedPartners } from '../../seed/partners';
