import type { EntityManager } from '@mikro-orm/postgresql';
import { UserError } from '../../../common/errors';
import { isUuid } from '../../../common/ids';
import { CREDENTIAL_STATUSES } from '../credential/credential.service';
import { Partner } from '../partner/partner.entity';
import { WebhookDelivery, WebhookEndpoint } from './webhook.entity';
import type { WebhookEndpointSetInput } from './webhook.inputs';

/** What webhookEndpointSet can refuse with. */
export const WEBHOOK_ENDPOINT_SET_ERRORS = {
  NOT_FOUND: 'There is no platform with this id.',
  NOT_ADMITTED: 'Only a MOU_SIGNED, ACTIVE or SUSPENDED platform receives webhooks.',
  INVALID_URL: 'The URL is not an https:// URL without credentials (plain http only to 127.0.0.1/localhost outside production).',
} as const;

/** What webhookDeliveryRedeliver can refuse with. */
export const WEBHOOK_DELIVERY_REDELIVER_ERRORS = {
  NOT_FOUND: 'There is no delivery with this id for this platform.',
} as const;

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

const INTERNAL = [/^127\./, /^10\./, /^192\.168\./, /^172\.(1[6-9]|2\d|3[01])\./, /^169\.254\./, /^0\./, /^\[(::1?|f[cd].*|fe80:.*)\]$/i];
const isInternalHost = (host: string) => host === 'localhost' || host.endsWith('.localhost') || INTERNAL.some((r) => r.test(host));

/** Why a URL cannot be an endpoint, or null when it can. */
export function endpointUrlProblem(text: string, allowLocalHttp: boolean): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'Not a URL';
  }
  if (text.length > 2048) return 'The URL is longer than 2048 characters';
  if (url.username || url.password) return 'The URL must not carry credentials';
  // Our own network is no destination for a platform's webhooks: loopback, private and link-local addresses
  // (cloud metadata) are refused as literals. A public name that resolves to one is a deployment matter (egress rules).
  if (isInternalHost(url.hostname) && !(allowLocalHttp && LOCAL_HOSTS.has(url.hostname)))
    return 'The URL must not point into the programme’s own network';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && allowLocalHttp && LOCAL_HOSTS.has(url.hostname)) return null;
  return allowLocalHttp ? 'Use https:// (or http:// to 127.0.0.1 or localhost in development)' : 'Use https://';
}

export interface EndpointResult {
  endpoint: WebhookEndpoint | null;
  userErrors: UserError[];
}

/** Registers the platform's endpoint, or replaces its URL (one per platform; concurrent calls: the last wins). */
export async function setEndpoint(em: EntityManager, input: WebhookEndpointSetInput, allowLocalHttp: boolean): Promise<EndpointResult> {
  const refuse = (code: keyof typeof WEBHOOK_ENDPOINT_SET_ERRORS, message: string, field: string) => ({
    endpoint: null,
    userErrors: [UserError.of(code, message, ['input', field])],
  });
  const partner = isUuid(input.partnerId) ? await em.findOne(Partner, { id: input.partnerId }) : null;
  if (!partner) return refuse('NOT_FOUND', 'No such partner', 'partnerId');
  if (!CREDENTIAL_STATUSES.includes(partner.status))
    return refuse('NOT_ADMITTED', `A ${partner.status} partner receives no webhooks`, 'partnerId');
  const problem = endpointUrlProblem(input.url, allowLocalHttp);
  if (problem) return refuse('INVALID_URL', problem, 'url');
  await em.execute(
    `INSERT INTO partners.webhook_endpoint (id, partner_id, url, created_at, updated_at) VALUES (gen_random_uuid(), ?, ?, now(), now())
     ON CONFLICT (partner_id) DO UPDATE SET url = excluded.url, updated_at = now()`,
    [partner.id, input.url],
  );
  return { endpoint: await em.findOneOrFail(WebhookEndpoint, { partner: partner.id }, { refresh: true }), userErrors: [] };
}

export interface RedeliverResult {
  delivery: WebhookDelivery | null;
  userErrors: UserError[];
}

/**
 * Queues a delivery again, due now, with its attempt count reset (its log kept). It keeps its place in the
 * platform's order, so the platform's later pending deliveries wait for it. `ownPartner` null: the office.
 */
export async function redeliver(em: EntityManager, deliveryId: string, ownPartner: string | null): Promise<RedeliverResult> {
  const [row] = isUuid(deliveryId)
    ? await em.execute<Array<{ id: string }>>(
        `UPDATE partners.webhook_delivery SET status = 'PENDING', attempts = 0, next_attempt_at = now()
          WHERE id = ? AND (?::uuid IS NULL OR partner_id = ?::uuid) RETURNING id`,
        [deliveryId, ownPartner, ownPartner],
      )
    : [];
  if (!row) return { delivery: null, userErrors: [UserError.of('NOT_FOUND', 'No such delivery', ['input', 'deliveryId'])] };
  return { delivery: await em.findOneOrFail(WebhookDelivery, { id: row.id }, { refresh: true }), userErrors: [] };
}
