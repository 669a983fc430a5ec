import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { UserError } from '../../../common/errors';
import { Partner, PartnerStatus, PartnerStatusChange } from './partner.entity';

/** Allowed lifecycle transitions: from → the statuses it may move to. */
const TRANSITIONS: Record<PartnerStatus, PartnerStatus[]> = {
  APPLIED: [PartnerStatus.UNDER_EVALUATION, PartnerStatus.TERMINATED],
  UNDER_EVALUATION: [PartnerStatus.MOU_SIGNED, PartnerStatus.TERMINATED],
  MOU_SIGNED: [PartnerStatus.ACTIVE, PartnerStatus.TERMINATED],
  ACTIVE: [PartnerStatus.SUSPENDED, PartnerStatus.TERMINATED],
  SUSPENDED: [PartnerStatus.ACTIVE, PartnerStatus.TERMINATED],
  TERMINATED: [],
};

export interface TransitionResult {
  partner: Partner | null;
  userErrors: UserError[];
}

/**
 * Moves a partner to `to`, recording who and why. The row is locked so that two concurrent transitions
 * cannot both start from the same status.
 */
export async function transitionPartner(
  em: EntityManager,
  partnerId: string,
  to: PartnerStatus,
  actor: string,
  reason: string,
  precondition?: (em: EntityManager, partner: Partner) => Promise<UserError | null>,
): Promise<TransitionResult> {
  if (!reason.trim()) return { partner: null, userErrors: [UserError.of('REASON_REQUIRED', 'A reason is required', ['input', 'reason'])] };
  return em.transactional(async (tx) => {
    const partner = await tx.findOne(Partner, { id: partnerId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!partner) return { partner: null, userErrors: [UserError.of('NOT_FOUND', 'No such partner', ['input', 'partnerId'])] };
    if (!TRANSITIONS[partner.status].includes(to)) {
      return { partner, userErrors: [UserError.of('INVALID_TRANSITION', `A ${partner.status} partner cannot become ${to}`)] };
    }
    const refused = precondition ? await precondition(tx, partner) : null;
    if (refused) return { partner, userErrors: [refused] };
    tx.create(PartnerStatusChange, { partner, fromStatus: partner.status, toStatus: to, actor, reason: reason.trim() });
    partner.status = to;
    return { partner, userErrors: [] };
  });
}
