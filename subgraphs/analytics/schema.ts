import { buildFederatedSchema } from '../../common/federation';
import { AnalyticsTableResolver } from './table/table.resolver';
import { AnalyticsViewsResolver } from './views/views.resolver';

export const buildAnalyticsSchema = () => buildFederatedSchema({ resolvers: [AnalyticsTableResolver, AnalyticsViewsResolver] });
