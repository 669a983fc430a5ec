import type { EntityManager } from '@mikro-orm/postgresql';
import { childrenLoader } from '../../../common/loaders';
import { PartnerCredential, PartnerCredentialKey } from './credential.entity';

/** Each partner's credentials, oldest first, in one query per response. */
export const credentialsByPartnerLoader = (em: EntityManager) =>
  childrenLoader(em, PartnerCredential, {
    parentKey: 'partner',
    parentOf: (row) => row.partner.id,
    orderBy: { createdAt: 'asc', id: 'asc' },
  });

/** Each credential's keys (metadata: the encrypted column is lazy, so not even selected), oldest first. */
export const keysByCredentialLoader = (em: EntityManager) =>
  childrenLoader(em, PartnerCredentialKey, {
    parentKey: 'credential',
    parentOf: (row) => row.credential.id,
    orderBy: { createdAt: 'asc', id: 'asc' },
  });
