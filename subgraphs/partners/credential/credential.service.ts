import { randomBytes } from 'node:crypto';
import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { badInput, UserError } from '../../../common/errors';
import { isUuid, newId } from '../../../common/ids';
import { Partner, PartnerStatus, PartnerStatusChange } from '../partner/partner.entity';
import { decryptSigningKey, encryptSigningKey, newSigningKey } from './credential.crypto';
import { CredentialEnvironment, PartnerCredential, PartnerCredentialKey } from './credential.entity';
import type { PartnerCredentialRevokeInput } from './credential.inputs';

export interface IssuedKey {
  credential: PartnerCredential | null;
  key: PartnerCredentialKey | null;
  /** The plaintext key: returned to the caller once and never stored or shown again. */
  signingKey: string | null;
  userErrors: UserError[];
}

/** Platforms that may hold credentials: from the MoU (integration) until termination. */
export const CREDENTIAL_STATUSES = [PartnerStatus.MOU_SIGNED, PartnerStatus.ACTIVE, PartnerStatus.SUSPENDED];

function addKey(em: EntityManager, encryptionKey: Buffer, credential: PartnerCredential) {
  const signingKey = newSigningKey();
  const id = newId();
  const key = em.create(PartnerCredentialKey, { id, credential, encryptedKey: encryptSigningKey(encryptionKey, signingKey, id) });
  return { key, signingKey };
}

export async function issueCredential(
  em: EntityManager,
  encryptionKey: Buffer,
  partnerId: string,
  environment = CredentialEnvironment.PRODUCTION,
): Promise<IssuedKey> {
  const partner = isUuid(partnerId) ? await em.findOne(Partner, { id: partnerId }) : null;
  if (!partner)
    return {
      credential: null,
      key: null,
      signingKey: null,
      userErrors: [UserError.of('NOT_FOUND', 'No such partner', ['input', 'partnerId'])],
    };
  if (!CREDENTIAL_STATUSES.includes(partner.status)) {
    return {
      credential: null,
      key: null,
      signingKey: null,
      userErrors: [UserError.of('NOT_ADMITTED', `A ${partner.status} partner cannot hold credentials`, ['input', 'partnerId'])],
    };
  }
  // A sandbox client id says so at a glance (logs, support tickets): `sk_` instead of `pk_`.
  const prefix = environment === CredentialEnvironment.SANDBOX ? 'sk' : 'pk';
  const credential = em.create(PartnerCredential, {
    partner,
    environment,
    clientId: `${prefix}_${partner.slug}_${randomBytes(8).toString('hex')}`,
  });
  const { key, signingKey } = addKey(em, encryptionKey, credential);
  await em.flush();
  return { credential, key, signingKey, userErrors: [] };
}

/** Adds a new key under the same client id; the old key keeps verifying until it is revoked. */
export async function rotateCredential(em: EntityManager, encryptionKey: Buffer, credentialId: string): Promise<IssuedKey> {
  return em.transactional(async (tx) => {
    const credential = isUuid(credentialId)
      ? await tx.findOne(PartnerCredential, { id: credentialId }, { lockMode: LockMode.PESSIMISTIC_WRITE })
      : null;
    if (!credential)
      return {
        credential: null,
        key: null,
        signingKey: null,
        userErrors: [UserError.of('NOT_FOUND', 'No such credential', ['input', 'credentialId'])],
      };
    if (credential.revokedAt)
      return {
        credential,
        key: null,
        signingKey: null,
        userErrors: [UserError.of('REVOKED', 'The credential is revoked', ['input', 'credentialId'])],
      };
    const { key, signingKey } = addKey(tx, encryptionKey, credential);
    return { credential, key, signingKey, userErrors: [] };
  });
}

export interface RevokeResult {
  credential: PartnerCredential | null;
  userErrors: UserError[];
}

export async function revokeCredential(em: EntityManager, input: PartnerCredentialRevokeInput): Promise<RevokeResult> {
  if (!input.credentialId === !input.keyId) throw badInput('Give exactly one of credentialId and keyId', 'input');
  return em.transactional(async (tx) => {
    const now = new Date();
    if (input.credentialId) {
      const credential = isUuid(input.credentialId)
        ? await tx.findOne(PartnerCredential, { id: input.credentialId }, { lockMode: LockMode.PESSIMISTIC_WRITE })
        : null;
      if (!credential)
        return { credential: null, userErrors: [UserError.of('NOT_FOUND', 'No such credential', ['input', 'credentialId'])] };
      if (credential.revokedAt) return { credential, userErrors: [UserError.of('ALREADY_REVOKED', 'The credential is already revoked')] };
      credential.revokedAt = now;
      await tx.nativeUpdate(PartnerCredentialKey, { credential: credential.id, revokedAt: null }, { revokedAt: now });
      return { credential, userErrors: [] };
    }
    const key = isUuid(input.keyId!) ? await tx.findOne(PartnerCredentialKey, { id: input.keyId! }) : null;
    if (!key) return { credential: null, userErrors: [UserError.of('NOT_FOUND', 'No such key', ['input', 'keyId'])] };
    // Lock the credential so a concurrent rotation or revocation sees this one.
    const credential = await tx.findOneOrFail(PartnerCredential, { id: key.credential.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    await tx.refresh(key);
    if (key.revokedAt) return { credential, userErrors: [UserError.of('ALREADY_REVOKED', 'The key is already revoked')] };
    key.revokedAt = now;
    return { credential, userErrors: [] };
  });
}

/** Revokes every credential of a platform and its keys (termination); part of the caller's transaction. */
export async function revokeAllCredentials(em: EntityManager, partnerId: string, now: Date): Promise<void> {
  const ids = (await em.find(PartnerCredential, { partner: partnerId, revokedAt: null }, { fields: ['id'] })).map((c) => c.id);
  if (ids.length === 0) return;
  await em.nativeUpdate(PartnerCredentialKey, { credential: { $in: ids }, revokedAt: null }, { revokedAt: now });
  await em.nativeUpdate(PartnerCredential, { id: { $in: ids } }, { revokedAt: now });
}

/**
 * Changes whenever a platform's status or a revocation could change what partnerCredentialVerification answers.
 * Counts, not times: status history rows and revocations are never undone, so every such commit raises a count,
 * whatever order concurrent transactions commit in. Gateways poll it and drop their credential cache on a change.
 */
export async function accessVersion(em: EntityManager): Promise<string> {
  const [statusChanges, revokedKeys, revokedCredentials] = await Promise.all([
    em.count(PartnerStatusChange, {}),
    em.count(PartnerCredentialKey, { revokedAt: { $ne: null } }),
    em.count(PartnerCredential, { revokedAt: { $ne: null } }),
  ]);
  return `${statusChanges}.${revokedKeys}.${revokedCredentials}`;
}

export interface Verification {
  partnerId: string;
  partnerStatus: PartnerStatus;
  environment: CredentialEnvironment;
  signingKeys: string[];
}

/** The partner and the usable (non-revoked) signing keys of a client id; null when unknown, revoked or keyless. */
export async function verificationFor(em: EntityManager, encryptionKey: Buffer, clientId: string): Promise<Verification | null> {
  const credential = await em.findOne(PartnerCredential, { clientId, revokedAt: null }, { populate: ['partner'] });
  if (!credential) return null;
  const keys = await em.find(
    PartnerCredentialKey,
    { credential: credential.id, revokedAt: null },
    { orderBy: { createdAt: 'desc', id: 'asc' }, populate: ['encryptedKey'] },
  );
  if (keys.length === 0) return null;
  return {
    partnerId: credential.partner.id,
    partnerStatus: credential.partner.status,
    environment: credential.environment,
    signingKeys: keys.map((k) => decryptSigningKey(encryptionKey, k.encryptedKey, k.id)),
  };
}
