import { createHmac } from 'node:crypto';
import { constantTimeEqualHex, type Identity } from '../../common/identity';
import type { HeaderReader } from './authenticate';
import { internalClient } from '../../common/internal-client';
import type { GatewayConfig } from '../config';
import { AccessDenied } from './errors';

export const PARTNER_HEADERS = { clientId: 'x-client-id', timestamp: 'x-timestamp', signature: 'x-signature' } as const;

interface Verification {
  partnerId: string;
  partnerStatus: string;
  environment: 'PRODUCTION' | 'SANDBOX';
  signingKeys: string[];
}

/** Sandbox credentials work from the MoU on (to integrate before going live) and while live; production ones only live. */
const SANDBOX_STATUSES = new Set(['MOU_SIGNED', 'ACTIVE']);

const CREDENTIAL_QUERY = /* GraphQL */ `
  query PartnerCredential($clientId: String!) {
    partnerCredentialVerification(clientId: $clientId) {
      partnerId
      partnerStatus
      environment
      signingKeys
    }
  }
`;

const VERSION_QUERY = /* GraphQL */ `
  query PartnerAccessVersion {
    partnerAccessVersion
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

/** A failed signature looks the client's keys up again at most once per this time, so forgeries cannot flood the partners subgraph. */
const RELOOK_EVERY_MS = 1_000;

/**
 * Verifies signed partner requests against the keys the partners subgraph holds. Lookups are cached for a
 * bounded time (at most 60 s); besides, every replica polls the partners subgraph's access version and drops the
 * whole cache when it changed, so a suspension or a revoked key bites within the poll interval (2 s by default),
 * and within the cache time if the partners subgraph cannot answer. A signature that matches no cached key looks
 * again (once a second at most per client): a freshly rotated key works at once.
 */
export function partnerVerifier(config: GatewayConfig) {
  const lookup = internalClient(config.subgraphUrls.partners, 'gateway', config.upstreamTimeoutMs);
  const cache = new Map<string, { at: number; value: Promise<Verification | null> }>();
  const relookedAt = new Map<string, number>();
  const mayRelook = (clientId: string): boolean => {
    const now = Date.now();
    if (now - (relookedAt.get(clientId) ?? 0) < RELOOK_EVERY_MS) return false;
    relookedAt.delete(clientId); // re-inserted last: the oldest entry is the first to go
    relookedAt.set(clientId, now);
    if (relookedAt.size > 10_000) relookedAt.delete(relookedAt.keys().next().value!);
    return true;
  };

  let version: string | null | undefined;
  const poll = async () => {
    const seen = (await lookup<{ partnerAccessVersion: string | null }>(VERSION_QUERY, {})).partnerAccessVersion;
    // Cleared before the first answer too: a lookup made before it may predate any change.
    if (seen !== version) cache.clear();
    version = seen;
  };
  // Unref'd: the poll never keeps a stopping process alive. A failed poll keeps the cache (bounded by its age).
  setInterval(() => void poll().catch(() => undefined), config.partnerVersionPollMs).unref();

  const credential = (clientId: string, maxAgeMs: number): Promise<Verification | null> => {
    const hit = cache.get(clientId);
    if (hit && Date.now() - hit.at < maxAgeMs) return hit.value;
    const value = lookup<{ partnerCredentialVerification: Verification | null }>(CREDENTIAL_QUERY, { clientId }).then(
      (d) => d.partnerCredentialVerification,
    );
    cache.set(clientId, { at: Date.now(), value });
    value.catch(() => cache.delete(clientId));
    if (cache.size > 10_000) cache.delete(cache.keys().next().value!);
    return value;
  };

  return async function verify(headers: HeaderReader, method: string, path: string, body: Buffer): Promise<Identity> {
    const clientId = headers.get(PARTNER_HEADERS.clientId);
    const timestamp = headers.get(PARTNER_HEADERS.timestamp);
    const signature = headers.get(PARTNER_HEADERS.signature);
    const refuse = () => new AccessDenied('UNAUTHENTICATED', 'Invalid partner signature');
    if (!clientId || !timestamp || !signature || !/^\d{1,12}$/.test(timestamp) || clientId.length > 100) throw refuse();
    if (Math.abs(Date.now() / 1000 - Number(timestamp)) > config.partnerSignatureSkewSeconds) throw refuse();
    const expected = (key: string) => partnerSignature(key, clientId, timestamp, method, path, body);
    const signedBy = (found: Verification | null) =>
      !!found && found.signingKeys.some((key) => constantTimeEqualHex(signature, expected(key)));
    let found = await credential(clientId, config.partnerCacheSeconds * 1000);
    if (!signedBy(found) && mayRelook(clientId)) found = await credential(clientId, 0);
    if (!found || !signedBy(found)) throw refuse();
    if (found.environment === 'SANDBOX') {
      if (!SANDBOX_STATUSES.has(found.partnerStatus)) throw new AccessDenied('FORBIDDEN', 'This partner may not use the sandbox');
      return { role: 'partner', partnerId: found.partnerId, subject: clientId, sandbox: true };
    }
    if (found.partnerStatus !== 'ACTIVE') throw new AccessDenied('FORBIDDEN', 'This partner is not active');
    return { role: 'partner', partnerId: found.partnerId, subject: clientId };
  };
}
