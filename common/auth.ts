import { forbidden, unauthenticated } from './errors';
import type { Identity, Role } from './identity';

/** Throws unless the caller has one of the roles. Anonymous callers get UNAUTHENTICATED, others FORBIDDEN. */
export function requireRole(identity: Identity, ...roles: Role[]): void {
  if (roles.includes(identity.role)) return;
  if (identity.role === 'anonymous') throw unauthenticated();
  throw forbidden(`This operation requires the ${roles.join(' or ')} role`);
}

export const isAdmin = (identity: Identity) => identity.role === 'admin';

/** Whether the caller is this participant. */
export const isSelf = (identity: Identity, participantId: string) => identity.role === 'participant' && identity.subject === participantId;

/** The calling partner's id; throws unless the caller is a verified partner. */
export function requirePartner(identity: Identity): string {
  requireRole(identity, 'partner');
  if (!identity.partnerId) throw unauthenticated();
  return identity.partnerId;
}

/**
 * A platform's own settings (webhooks, test cards): the office (admin) for any platform, a platform's staff
 * (`partnerStaff` token) for their own only. Signed partner API requests never get here: the gateway holds them
 * to the contract's documents.
 */
export function requireOfficeOrOwnStaff(identity: Identity, partnerId: string): void {
  if (identity.role === 'partnerStaff') {
    if (identity.partnerId === partnerId) return;
    throw forbidden("A platform's staff may only act for their own platform");
  }
  requireRole(identity, 'admin', 'partnerStaff');
}
