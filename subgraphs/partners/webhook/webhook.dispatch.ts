import type { EntityManager } from '@mikro-orm/postgresql';
import { decryptSigningKey } from '../credential/credential.crypto';
import type { PartnersConfig } from '../config';
import { WEBHOOK_HEADERS, webhookSignature } from './webhook.signature';

interface Due {
  id: string;
  partner_id: string;
  event_type: string;
  body: string;
  attempts: number;
}
interface Target {
  url: string;
  clientId: string;
  signingKey: string;
}
interface Outcome {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

const BATCH = 50;

/** Delay before attempt n+1 after n failures: base·2^(n-1), capped. */
export const backoffMs = (failures: number, base: number, max: number) => Math.min(max, base * 2 ** Math.min(failures - 1, 30));

/**
 * Leases the due deliveries: of each platform only its oldest PENDING one (per-platform order), and only when it
 * is due. The lease moves next_attempt_at past the attempt's timeout, so another replica (SKIP LOCKED, then the
 * moved time) does not send it at the same time, and a crash mid-attempt only delays it: at least once.
 */
async function lease(em: EntityManager, leaseMs: number): Promise<Due[]> {
  return em.execute<Due[]>(
    `WITH due AS (
       SELECT d.id FROM partners.webhook_delivery d
        WHERE d.status = 'PENDING' AND d.next_attempt_at <= now()
          AND NOT EXISTS (SELECT 1 FROM partners.webhook_delivery p
                           WHERE p.partner_id = d.partner_id AND p.status = 'PENDING' AND p.seq < d.seq)
        ORDER BY d.seq LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
     UPDATE partners.webhook_delivery d SET next_attempt_at = now() + make_interval(secs => ?)
       FROM due WHERE d.id = due.id
     RETURNING d.id, d.partner_id, d.event_type, d.body, d.attempts`,
    [leaseMs / 1000],
  );
}

/** Each platform's endpoint and newest usable signing key (a production one if it has any), in one query for the whole batch. */
async function targets(em: EntityManager, encryptionKey: Buffer, partnerIds: string[]): Promise<Map<string, Target>> {
  const rows = await em.execute<Array<{ partner_id: string; url: string; client_id: string; key_id: string; encrypted_key: string }>>(
    `SELECT DISTINCT ON (e.partner_id) e.partner_id, e.url, c.client_id, k.id AS key_id, k.encrypted_key
       FROM partners.webhook_endpoint e
       JOIN partners.partner_credential c ON c.partner_id = e.partner_id AND c.revoked_at IS NULL
       JOIN partners.partner_credential_key k ON k.credential_id = c.id AND k.revoked_at IS NULL
      WHERE e.partner_id = ANY(?::uuid[])
      ORDER BY e.partner_id, (c.environment = 'PRODUCTION') DESC, k.created_at DESC, k.id`,
    [`{${partnerIds.join(',')}}`],
  );
  return new Map(
    rows.map((r) => [
      r.partner_id,
      { url: r.url, clientId: r.client_id, signingKey: decryptSigningKey(encryptionKey, r.encrypted_key, r.key_id) },
    ]),
  );
}

async function send(target: Target | undefined, due: Due, timeoutMs: number): Promise<Outcome> {
  const started = Date.now();
  if (!target) return { statusCode: null, error: 'no endpoint or no usable signing key', durationMs: 0 };
  const url = new URL(target.url);
  const timestamp = String(Math.floor(started / 1000));
  try {
    const response = await fetch(url, {
      method: 'POST',
      redirect: 'manual', // a redirect is an answer, not a new destination for a signed body
      headers: {
        'content-type': 'application/json',
        [WEBHOOK_HEADERS.clientId]: target.clientId,
        [WEBHOOK_HEADERS.timestamp]: timestamp,
        [WEBHOOK_HEADERS.signature]: webhookSignature(target.signingKey, target.clientId, timestamp, url.pathname + url.search, due.body),
        [WEBHOOK_HEADERS.deliveryId]: due.id,
        [WEBHOOK_HEADERS.eventType]: due.event_type,
      },
      body: due.body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.arrayBuffer().catch(() => undefined);
    return { statusCode: response.status, error: null, durationMs: Date.now() - started };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { statusCode: null, error: cause ?? (error as Error).name ?? 'request failed', durationMs: Date.now() - started };
  }
}

/** Records an attempt and what it means for the delivery: DELIVERED on 2xx, else a retry after backoff, FAILED after the last. */
async function record(em: EntityManager, due: Due, outcome: Outcome, config: PartnersConfig['webhooks']) {
  const ok = outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300;
  const attempts = due.attempts + 1;
  const failed = !ok && attempts >= config.maxAttempts;
  const retryInMs = ok || failed ? null : backoffMs(attempts, config.retryBaseMs, config.retryMaxMs);
  await em.transactional(async (tx) => {
    await tx.execute(
      `INSERT INTO partners.webhook_attempt (id, delivery_id, attempted_at, status_code, error, duration_ms) VALUES (gen_random_uuid(), ?, now(), ?, ?, ?)`,
      [due.id, outcome.statusCode, outcome.error, outcome.durationMs],
    );
    await tx.execute(
      `UPDATE partners.webhook_delivery
          SET attempts = ?, last_status_code = ?, last_error = ?,
              status = ?, delivered_at = CASE WHEN ? THEN now() ELSE delivered_at END,
              next_attempt_at = CASE WHEN ?::bigint IS NULL THEN NULL ELSE now() + make_interval(secs => ?::bigint / 1000.0) END
        WHERE id = ? AND status = 'PENDING'`,
      [attempts, outcome.statusCode, outcome.error, ok ? 'DELIVERED' : failed ? 'FAILED' : 'PENDING', ok, retryInMs, retryInMs, due.id],
    );
  });
}

/** One pass: lease what is due, send it (platforms in parallel, one at a time each), record each outcome. */
export async function dispatchOnce(em: EntityManager, config: PartnersConfig): Promise<number> {
  const due = await lease(em, config.webhooks.timeoutMs + 30_000);
  if (!due.length) return 0;
  const byPartner = await targets(em, config.credentialKey, [...new Set(due.map((d) => d.partner_id))]);
  await Promise.all(
    due.map(async (d) => record(em.fork(), d, await send(byPartner.get(d.partner_id), d, config.webhooks.timeoutMs), config.webhooks)),
  );
  return due.length;
}
