import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError } from 'graphql';
import { PERSON_ROLES } from '../../common/identity';
import type { GatewayContext } from '../context';
import { quotaRefusals } from '../plugins/metrics';
import { measureExecution } from '../plugins/operation-analysis';
import { addressQuotaKey } from './client-address';
import type { QuotaStore } from './store';

export interface RateLimits {
  /** Field invocations per window for each partner platform. */
  partnerFieldsPerWindow: number;
  /** Field invocations per window for each person (participant, analyst, admin), by token subject. */
  personFieldsPerWindow: number;
  /** Field invocations per window for each client address without credentials. */
  anonymousFieldsPerWindow: number;
  windowSeconds: number;
}

/**
 * Whose quota a request spends. A partner and a person have their own, wherever they call from; anyone else
 * is known only by address. The role is part of a person's key because participant ids and staff user ids
 * are different namespaces.
 */
export function quotaOf(context: GatewayContext, limits: RateLimits): { key: string; fieldsPerWindow: number } {
  const { identity, clientAddress } = context;
  if (identity?.role === 'partner' && identity.partnerId)
    return { key: `partner:${identity.partnerId}`, fieldsPerWindow: limits.partnerFieldsPerWindow };
  if (identity && PERSON_ROLES.has(identity.role) && identity.subject)
    return { key: `person:${identity.role}:${identity.subject}`, fieldsPerWindow: limits.personFieldsPerWindow };
  return { key: `anonymous:${addressQuotaKey(clientAddress)}`, fieldsPerWindow: limits.anonymousFieldsPerWindow };
}

/**
 * Quotas counted in field invocations: every field of the operation, fragments expanded and each alias on its
 * own, so a hundred aliases cost a hundred. Checked before any subgraph is called.
 */
export function useRateLimit(store: QuotaStore, limits: RateLimits): GatewayPlugin<GatewayContext> {
  return {
    async onExecute({ args, context, setResultAndStopExecution }) {
      const quota = quotaOf(context as GatewayContext, limits);
      const { fields } = measureExecution(args);
      const decision = await store.take(quota.key, fields, quota.fieldsPerWindow, limits.windowSeconds);
      if (decision.allowed) return;
      quotaRefusals.inc({ caller: quota.key.slice(0, quota.key.indexOf(':')) }); // partner, person or anonymous
      const retryAfterSeconds = decision.retryAfterSeconds;
      setResultAndStopExecution({
        errors: [
          new GraphQLError(
            `Rate limit exceeded: ${quota.fieldsPerWindow} field invocations per ${limits.windowSeconds} s. Retry in ${retryAfterSeconds} s.`,
            {
              extensions: {
                code: 'RATE_LIMITED',
                retryAfterSeconds,
                http: { status: 429, headers: { 'Retry-After': String(retryAfterSeconds) } },
              },
            },
          ),
        ],
      });
    },
  };
}
