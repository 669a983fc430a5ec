import { createHmac } from 'node:crypto';

/**
 * A platform's name for one participant: HMAC-SHA256 of platform id and participant id under a key only this
 * subgraph holds. The same on every enrollment of that platform, different on every other platform, and no
 * platform can compute another's or recover the participant id from it.
 */
export const participantReference = (secret: string, partnerId: string, participantId: string) =>
  `pr_${createHmac('sha256', secret).update(`${partnerId}:${participantId}`).digest('base64url').slice(0, 32)}`;
