import type { EntityManager } from '@mikro-orm/postgresql';
import { childrenLoader, valueByKeyLoader } from '../../../common/loaders';
import { WebhookAttempt, WebhookEndpoint } from './webhook.entity';

/** Each platform's endpoint (or null), in one query per response. */
export const endpointByPartnerLoader = (em: EntityManager) =>
  valueByKeyLoader<WebhookEndpoint, WebhookEndpoint | null>(
    null,
    (ids) => em.find(WebhookEndpoint, { partner: { $in: ids } }),
    (row) => row.partner.id,
    (row) => row,
  );

/** Each delivery's attempts, oldest first, in one query per response. */
export const attemptsByDeliveryLoader = (em: EntityManager) =>
  childrenLoader(em, WebhookAttempt, {
    parentKey: 'deliveryId',
    parentOf: (row) => row.deliveryId,
    orderBy: { attemptedAt: 'asc', id: 'asc' },
  });
