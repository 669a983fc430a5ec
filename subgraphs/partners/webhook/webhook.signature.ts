import { createHmac } from 'node:crypto';

/** Headers of a webhook request; the names are the partner request's, plus the delivery id and event type. */
export const WEBHOOK_HEADERS = {
  clientId: 'x-client-id',
  timestamp: 'x-timestamp',
  signature: 'x-signature',
  deliveryId: 'x-delivery-id',
  eventType: 'x-event-type',
} as const;

/**
 * The partner request signature reversed (docs/partner-guide.md): lowercase hex
 * HMAC-SHA256(signingKey, clientId + timestamp + "POST" + path + rawBody), where path is the endpoint URL's
 * path (and query, if it has one) and the body carries the delivery id, so a replay is recognisable.
 */
export function webhookSignature(signingKey: string, clientId: string, timestamp: string, path: string, rawBody: string): string {
  return createHmac('sha256', signingKey)
    .update(clientId + timestamp + 'POST' + path + rawBody)
    .digest('hex');
}
