import { createHash, hkdfSync } from 'node:crypto';
import { envReader, readSecret } from '../../common/config';
import { subgraphDatabaseOf } from '../../common/database-roles';
import { subgraphPort, subgraphUrl } from '../../common/topology';

/** The partners subgraph's configuration, read and validated once at start-up. */
export function loadConfig(env = process.env) {
  const read = envReader(env);
  return {
    port: subgraphPort('partners', env),
    /** Its serving role (`PARTNERS_DATABASE_URL`) and its schema owner for migrations (`PARTNERS_MIGRATION_DATABASE_URL`). */
    database: subgraphDatabaseOf('partners', env),
    /** How long an MoU or a passing periodic evaluation lasts before the platform is due for review again. */
    reviewIntervalMonths: read.int('PARTNER_REVIEW_INTERVAL_MONTHS', 12, 1, 120),
    /** Days an ACTIVE platform on probation (after a failed periodic review) has to pass another before it is suspended. */
    probationDays: read.int('PARTNER_PROBATION_DAYS', 30, 1, 365),
    /** How often the probation job suspends platforms whose deadline passed. */
    probationIntervalMs: read.int('PARTNER_PROBATION_INTERVAL_MS', 60_000, 10, 86_400_000),
    /** AES-256 key that encrypts partner signing keys at rest. */
    credentialKey: deriveCredentialKey(readSecret('CREDENTIAL_ENCRYPTION_KEY', env)),
    /** Where the courses subgraph's event feed is read for webhooks (its own URL, never the gateway). */
    coursesUrl: subgraphUrl('courses', env),
    webhooks: {
      /** Pause between polls of the feeds and of the delivery queue when there is nothing to do. */
      pollIntervalMs: read.int('WEBHOOK_POLL_INTERVAL_MS', 1_000, 10, 60_000),
      /** First retry after this; each further failure doubles it, up to retryMaxMs. */
      retryBaseMs: read.int('WEBHOOK_RETRY_BASE_MS', 10_000, 10, 3_600_000),
      retryMaxMs: read.int('WEBHOOK_RETRY_MAX_MS', 3_600_000, 10, 86_400_000),
      /** After this many failed attempts a delivery is FAILED (redeliverable) and the platform's next one goes. */
      maxAttempts: read.int('WEBHOOK_MAX_ATTEMPTS', 20, 1, 100),
      /** How long an endpoint may take to answer one delivery. */
      timeoutMs: read.int('WEBHOOK_TIMEOUT_MS', 5_000, 100, 60_000),
      /** Plain http to 127.0.0.1/localhost: for development and tests only, never in production. */
      allowLocalHttp: env.NODE_ENV !== 'production',
    },
  };
}
export type PartnersConfig = ReturnType<typeof loadConfig>;

/**
 * The secret is an operator-chosen string of any shape; HKDF turns it into exactly 32 uniformly random bytes
 * and binds them to this one purpose, so the same secret reused elsewhere never yields this key.
 */
function deriveCredentialKey(secret: string): Buffer {
  const salt = createHash('sha256').update('prakerja-graph/partners').digest();
  return Buffer.from(hkdfSync('sha256', secret, salt, 'partner-signing-keys/aes-256-gcm/v1', 32));
}
