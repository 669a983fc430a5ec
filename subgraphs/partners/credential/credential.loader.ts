import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { PartnerCredential, PartnerCredentialKey } from './credential.entity';

/** Each partner's credentials, oldest first, in one query per response. */
export function credentialsByPartnerLoader(em: EntityManager) {
  return new DataLoader<string, PartnerCredential[]>(async (partnerIds) => {
    const rows = await em.find(PartnerCredential, { partner: { $in: [...partnerIds] } }, { orderBy: { createdAt: 'asc', id: 'asc' } });
    const byPartner = new Map<string, PartnerCredential[]>(partnerIds.map((id) => [id, []]));
    for (const row of rows) byPartner.get(row.partner.id)?.push(row);
    return partnerIds.map((id) => byPartner.get(id)!);
  });
}

/** Each credential's keys (metadata: the encrypted column is lazy, so not even selected), oldest first. */
export function keysByCredentialLoader(em: EntityManager) {
  return new DataLoader<string, PartnerCredentialKey[]>(async (credentialIds) => {
    const rows = await em.find(PartnerCredentialKey, { credential: { $in: [...credentialIds] } }, { orderBy: { createdAt: 'asc', id: 'asc' } });
    const byCredential = new Map<string, PartnerCredentialKey[]>(credentialIds.map((id) => [id, []]));
    for (const row of rows) byCredential.get(row.credential.id)?.push(row);
    return credentialIds.map((id) => byCredential.get(id)!);
  });
}
