import { requireRole } from '../../../common/auth';
import { forbidden } from '../../../common/errors';
import type { Identity, Role } from '../../../common/identity';

/**
 * Staff in `roles` may read any platform's restricted fields; a partner may read only its own. Anonymous
 * callers get UNAUTHENTICATED, anyone else FORBIDDEN.
 */
export function requireStaffOrOwnPartner(identity: Identity, partnerId: string, ...roles: Role[]): void {
  if (identity.role === 'partner') {
    if (identity.partnerId === partnerId) return;
    throw forbidden('A partner may only read its own record');
  }
  requireRole(identity, ...roles);
}
