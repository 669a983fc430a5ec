import { createHash, hkdfSync } from 'node:crypto';
import { envReader, readSecret } from '../../common/config';
import { subgraphDatabaseOf } from '../../common/database-roles';
import { subgraphPort } from '../../common/topology';

/** The partners subgraph's configuration, read and validated once at start-up. */
export function loadConfig(env = process.env) {
  const read = envReader(env);
  return {
    port: subgraphPort('partners', env),
    /** Its serving role (`PARTNERS_DATABASE_URL`) and its schema owner for migrations (`PARTNERS_MIGRATION_DATABASE_URL`). */
    database: subgraphDatabaseOf('partners', env),
    /** How long an MoU or a passing periodic evaluation lasts before the platform is due for review again. */
    reviewIntervalMonths: read.int('PARTNER_REVIEW_INTERVAL_MONTHS', 12, 1, 120),
    /** AES-256 key that encrypts partner signing keys at rest. */
    credentialKey: deriveCredentialKey(readSecret('CREDENTIAL_ENCRYPTION_KEY', env)),
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
