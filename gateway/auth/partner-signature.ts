import { createHmac } from 'node:crypto';
import { constantTimeEqualHex, type Identity } from '../../common/identity';
import { internalClient } from '../../common/internal-client';
import type { GatewayConfig } from '../config';
import { AccessDenied } from './errors';

export const PARTNER_HEADERS = { clientId: 'x-client-id', timestamp: 'x-timestamp', signature: 'x-signature' } as const;

interface Verification {
  partnerId: string;
  partnerStatus: string;
  signingKeys: string[];
}

const CREDENTIAL_QUERY = /* GraphQL */ `
  query PartnerCredential($clientId: String!) {
    partnerCredentialVerification(clientId: $clientId) {
      partnerId
      partnerStatus
      signingKeys
    }
  }
`;

/** The signature a partner must send: HMAC-SHA256(key, clientId + timestamp + method + path + rawBody), hex. */
export function partnerSignature(
  key: string,
  clientId: string,
  timestamp: string,
  method: string,
  path: string,
  body: Buffer | string,
): string {
  return createHmac('sha256', key)
    .update(clientId + timestamp + method + path)
    .update(body)
    .digest('hex');
}

/**
 * Verifies signed partner requests against the keys the partners subgraph holds. Lookups are cached for a
 * bounded time (at most 60 s), so a suspension or a revoked key takes effect within that time.
 */
export function partnerVerifier(config: GatewayConfig) {
  const lookup = internalClient(config.subgraphUrls.partners, 'gateway', config.upstreamTimeoutMs);
  const cache = new Map<string, { at: number; value: Promise<Verification | null> }>();

  const credential = (clientId: string): Promise<Verification | null> => {
    const hit = cache.get(clientId);
    if (hit && Date.now() - hit.at < config.partnerCacheSeconds * 1000) return hit.value;
    const value = lookup<{ partnerCredentialVerification: Verification | null }>(CREDENTIAL_QUERY, { clientId }).then(
      (d) => d.partnerCredentialVerification,
    );
    cache.set(clientId, { at: Date.now(), value });
    value.catch(() => cache.delete(clientId));
    if (cache.size > 10_000) cache.delete(cache.keys().next().value!);
    return value;
  };

  return async function verify(headers: Headers, method: string, path: string, body: Buffer): Promise<Identity> {
    const clientId = headers.get(PARTNER_HEADERS.clientId);
    const timestamp = headers.get(PARTNER_HEADERS.timestamp);
    const signature = headers.get(PARTNER_HEADERS.signature);
    const refuse = () => new AccessDenied('UNAUTHENTICATED', 'Invalid partner signature');
    if (!clientId || !timestamp || !signature || !/^\d{1,12}$/.test(timestamp) || clientId.length > 100) throw refuse();
    if (Math.abs(Date.now() / 1000 - Number(timestamp)) > config.partnerSignatureSkewSeconds) throw refuse();
    const found = await credential(clientId);
    if (!found) throw refuse();
    const valid = found.signingKeys.some((key) =>
      constantTimeEqualHex(signature, partnerSignature(key, clientId, timestamp, method, path, body)),
    );
    if (!valid) throw refuse();
    if (found.partnerStatus !== 'ACTIVE') throw new AccessDenied('FORBIDDEN', 'This partner is not active');
    return { role: 'partner', partnerId: found.partnerId, subject: clientId };
  };
}
