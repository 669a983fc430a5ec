import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError } from 'graphql';
import type { Identity } from '../../common/identity';
import { measureExecution } from '../plugins/operation-analysis';
import type { QuotaStore } from './store';

export interface PartnerQuota {
  /** Field invocations a partner may make per window. */
  fieldsPerWindow: number;
  windowSeconds: number;
}

/**
 * Per-partner quota counted in field invocations: every field of the operation, fragments expanded and each
 * alias on its own, so a hundred aliases cost a hundred. Checked before any subgraph is called.
 */
export function usePartnerRateLimit(store: QuotaStore, quota: PartnerQuota): GatewayPlugin<{ identity?: Identity }> {
  return {
    async onExecute({ args, context, setResultAndStopExecution }) {
      const identity = (context as { identity?: Identity }).identity;
      if (identity?.role !== 'partner' || !identity.partnerId) return;
      const { fields } = measureExecution(args);
      const decision = await store.take(`partner:${identity.partnerId}`, fields, quota.fieldsPerWindow, quota.windowSeconds);
      if (decision.allowed) return;
      const retryAfterSeconds = decision.retryAfterSeconds;
      setResultAndStopExecution({
        errors: [
          new GraphQLError(`Rate limit exceeded: ${quota.fieldsPerWindow} field invocations per ${quota.windowSeconds} s. Retry in ${retryAfterSeconds} s.`, {
            extensions: { code: 'RATE_LIMITED', retryAfterSeconds, http: { status: 429, headers: { 'Retry-After': String(retryAfterSeconds) } } },
          }),
        ],
      });
    },
  };
}
