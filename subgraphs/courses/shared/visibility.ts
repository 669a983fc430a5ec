import { isSelf } from '../../../common/auth';
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
      return !!identity.partnerId && identity.partnerId === sale.partnerId;
    case 'participant':
      return isSelf(identity, sale.participantId);
    default:
      return false;
  }
}

/** Courses outside the public catalogue (submitted, rejected) are visible to staff only. */
export const canSeeCourse = (identity: Identity, course: { curationStatus: CurationStatus }) =>
  course.curationStatus === CurationStatus.APPROVED || identity.role === 'admin' || identity.role === 'service';
