import { isSelf, requirePartner } from '../../../common/auth';
import type { Identity } from '../../../common/identity';
import { CurationStatus } from '../course/course.enums';

/**
 * Who may see an enrollment or purchase: the selling partner, the participant, staff (admin) and sibling
 * services. Everyone else gets exactly what a missing record gives (null / NOT_FOUND).
 */
export function canSeeSale(identity: Identity, sale: { partnerId: string; participantId: string }): boolean {
  switch (identity.role) {
    case 'admin':
    case 'service':
      return true;
    case 'partner':
      // A sandbox caller sees no production sale, not even its own platform's.
      return !identity.sandbox && !!identity.partnerId && identity.partnerId === sale.partnerId;
    case 'participant':
      return isSelf(identity, sale.participantId);
    default:
      return false;
  }
}

/** Courses outside the public catalogue (submitted, rejected) are visible to staff only. */
export const canSeeCourse = (identity: Identity, course: { curationStatus: CurationStatus }) =>
  course.curationStatus === CurationStatus.APPROVED || identity.role === 'admin' || identity.role === 'service';

/** The nil uuid: never a platform's id, so a production lookup scoped by it finds nothing. */
const NO_PRODUCTION_PARTNER = '00000000-0000-0000-0000-000000000000';

/**
 * The calling partner's id for reading and changing production sales. A sandbox caller (test cards only) gets an
 * id no row has: every production lookup of its answers like a missing record (NOT_FOUND, null, an empty page),
 * so sandbox credentials never see or touch the platform's real purchases and enrollments.
 */
export function productionPartner(identity: Identity): string {
  const partnerId = requirePartner(identity);
  return identity.sandbox ? NO_PRODUCTION_PARTNER : partnerId;
}
