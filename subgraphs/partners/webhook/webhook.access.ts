import { requireRole } from '../../../common/auth';
import { forbidden } from '../../../common/errors';
import type { Identity } from '../../../common/identity';

/**
 * Webhook settings and the delivery log: the office (admin) for any platform, a platform's staff (`partnerStaff`
 * token) for their own only. Signed partner API requests never get here: the gateway holds them to the contract.
 */
export function requireOfficeOrOwnStaff(identity: Identity, partnerId: string): void {
  if (identity.role === 'partnerStaff') {
    if (identity.partnerId === partnerId) return;
    throw forbidden("A platform's staff may only manage their own platform's webhooks");
  }
  requireRole(identity, 'admin', 'partnerStaff');
}

/** The platforms whose deliveries the caller may see: null for the office (all), else its own only. */
export const ownPartnerOf = (identity: Identity): string | null => (identity.role === 'admin' ? null : identity.partnerId!);
