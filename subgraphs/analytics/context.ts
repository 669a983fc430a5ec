import type { SubgraphContext } from '../../common/context';
import type { AnalyticsConfig } from './config';

/** Per-request context of the analytics subgraph: its reads are whole-table aggregates, so no DataLoaders. */
export interface AnalyticsContext extends SubgraphContext {
  config: AnalyticsConfig;
}
