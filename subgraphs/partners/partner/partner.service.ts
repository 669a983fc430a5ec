import { LockMode, UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import { UserError } from '../../../common/errors';
import { Partner, PartnerStatus, PartnerStatusChange } from './partner.entity';
import { isUuid } from '../../../common/ids';

/** Allowed lifecycle transitions: from → the statuses it may move to. */
const TRANSITIONS: Record<PartnerStatus, PartnerStatus[]> = {
  APPLIED: [PartnerStatus.UNDER_EVALUATION, PartnerStatus.TERMINATED],
  UNDER_EVALUATION: [PartnerStatus.MOU_SIGNED, PartnerStatus.TERMINATED],
  MOU_SIGNED: [PartnerStatus.ACTIVE, PartnerStatus.TERMINATED],
  ACTIVE: [PartnerStatus.SUSPENDED, PartnerStatus.TERMINATED],
  SUSPENDED: [PartnerStatus.ACTIVE, PartnerStatus.TERMINATED],
  TERMINATED: [],
};

/** What every lifecycle transition can refuse with. */
export const PARTNER_TRANSITION_ERRORS = {
  REASON_REQUIRED: 'A reason is required: it is recorded in the status history.',
  NOT_FOUND: 'No platform has this id.',
  INVALID_TRANSITION: 'The platform’s current status does not lead to this one.',
} as const;

/** What partnerApply can refuse with. */
export const PARTNER_APPLY_ERRORS = {
  INVALID_SLUG: 'The slug is not lowercase letters, digits and single dashes (at most 64).',
  NAME_REQUIRED: 'A name is required.',
  INVALID_WEBSITE: 'The website is not an http(s) URL.',
  SLUG_TAKEN: 'Another platform already has this slug.',
} as const;

/** What partnerMouSign can refuse with: a transition's refusals, the MoU's own, and the evaluation rule. */
export const PARTNER_MOU_SIGN_ERRORS = {
  ...PARTNER_TRANSITION_ERRORS,
  MOU_NUMBER_REQUIRED: 'An MoU number is required.',
  INVALID_REVIEW_DATE: 'The next review must come after the signing.',
  MOU_NUMBER_TAKEN: 'This MoU number is already recorded for a platform.',
  EVALUATION_NOT_PASSED: 'The latest evaluation did not pass every criterion, or there is none.',
} as const;

export interface TransitionResult {
  partner: Partner | null;
  userErrors: UserError[];
}

export interface TransitionHooks {
  /** The only status the move may start from, where two mutations share a target (activate vs reinstate). */
  from?: PartnerStatus;
  /** A business rule checked after the status rule, inside the lock; a UserError refuses the transition. */
  precondition?: (em: EntityManager, partner: Partner) => Promise<UserError | null>;
  /** Further changes made in the same transaction (MoU details, revoking a terminated platform's credentials). */
  effect?: (em: EntityManager, partner: Partner, changedAt: Date) => void | Promise<void>;
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
  hooks: TransitionHooks = {},
): Promise<TransitionResult> {
  if (!reason.trim()) return { partner: null, userErrors: [UserError.of('REASON_REQUIRED', 'A reason is required', ['input', 'reason'])] };
  return em.transactional(async (tx) => {
    const partner = isUuid(partnerId) ? await tx.findOne(Partner, { id: partnerId }, { lockMode: LockMode.PESSIMISTIC_WRITE }) : null;
    if (!partner) return { partner: null, userErrors: [UserError.of('NOT_FOUND', 'No such partner', ['input', 'partnerId'])] };
    if (!TRANSITIONS[partner.status].includes(to) || (hooks.from && partner.status !== hooks.from)) {
      return { partner, userErrors: [UserError.of('INVALID_TRANSITION', `A ${partner.status} partner cannot become ${to}`)] };
    }
    const refused = hooks.precondition ? await hooks.precondition(tx, partner) : null;
    if (refused) return { partner, userErrors: [refused] };
    const changedAt = await recordTransition(tx, partner, to, actor, reason);
    await hooks.effect?.(tx, partner, changedAt);
    return { partner, userErrors: [] };
  });
}

/** Moves a partner the caller has locked to `to` and records the change (who, why, when); returns its time. */
export async function recordTransition(
  tx: EntityManager,
  partner: Partner,
  to: PartnerStatus,
  actor: string,
  reason: string,
): Promise<Date> {
  const changedAt = await nextChangeTime(tx, partner.id);
  tx.create(PartnerStatusChange, { partner, fromStatus: partner.status, toStatus: to, actor, reason: reason.trim(), changedAt });
  partner.status = to;
  return changedAt;
}

/**
 * Now, or 1 ms after `last`: a partner's history and evaluations are ordered by time, and two written in the
 * same millisecond must still list in the order they happened (the partner row lock serialises writers).
 */
export function afterLatest(last: Date | undefined): Date {
  const now = Date.now();
  return new Date(last && last.getTime() >= now ? last.getTime() + 1 : now);
}

async function nextChangeTime(em: EntityManager, partnerId: string): Promise<Date> {
  const last = await em.findOne(PartnerStatusChange, { partner: partnerId }, { orderBy: { changedAt: 'desc' }, fields: ['changedAt'] });
  return afterLatest(last?.changedAt);
}

export interface PartnerApplication {
  slug: string;
  name: string;
  website: string;
  note: string;
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Registers a platform's application: a new partner in APPLIED, with the application as its first history entry. */
export async function applyPartner(em: EntityManager, input: PartnerApplication, actor: string): Promise<TransitionResult> {
  const errors: UserError[] = [];
  if (!SLUG.test(input.slug) || input.slug.length > 64)
    errors.push(
      UserError.of('INVALID_SLUG', 'The slug must be lowercase letters, digits and single dashes (at most 64)', ['input', 'slug']),
    );
  if (!input.name.trim()) errors.push(UserError.of('NAME_REQUIRED', 'A name is required', ['input', 'name']));
  if (!isHttpUrl(input.website)) errors.push(UserError.of('INVALID_WEBSITE', 'The website must be an http(s) URL', ['input', 'website']));
  if (errors.length) return { partner: null, userErrors: errors };
  try {
    return await em.transactional(async (tx) => {
      const partner = tx.create(Partner, { slug: input.slug, name: input.name.trim(), website: input.website });
      tx.create(PartnerStatusChange, {
        partner,
        fromStatus: null,
        toStatus: PartnerStatus.APPLIED,
        actor,
        reason: input.note.trim() || 'Application received',
        changedAt: partner.createdAt,
      });
      await tx.flush();
      return { partner, userErrors: [] };
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) {
      return {
        partner: null,
        userErrors: [UserError.of('SLUG_TAKEN', `A platform with slug "${input.slug}" already exists`, ['input', 'slug'])],
      };
    }
    throw error;
  }
}

function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** Adds whole calendar months (review periods are counted in months from the signing date). */
export function addMonths(date: Date, months: number): Date {
  const d = new Date(date.getTime());
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
}

export interface MouDetails {
  partnerId: string;
  number: string;
  signedAt: Date;
  nextReviewAt?: Date | null;
  reason: string;
}

/** UNDER_EVALUATION → MOU_SIGNED, recording the MoU; `requirePassed` refuses unless the latest evaluation passed. */
export async function signMou(
  em: EntityManager,
  input: MouDetails,
  actor: string,
  reviewIntervalMonths: number,
  requirePassed: NonNullable<TransitionHooks['precondition']>,
): Promise<TransitionResult> {
  const number = input.number.trim();
  if (!number)
    return { partner: null, userErrors: [UserError.of('MOU_NUMBER_REQUIRED', 'An MoU number is required', ['input', 'number'])] };
  const nextReviewAt = input.nextReviewAt ?? addMonths(input.signedAt, reviewIntervalMonths);
  if (nextReviewAt <= input.signedAt) {
    return {
      partner: null,
      userErrors: [UserError.of('INVALID_REVIEW_DATE', 'The next review must come after the signing', ['input', 'nextReviewAt'])],
    };
  }
  try {
    return await transitionPartner(em, input.partnerId, PartnerStatus.MOU_SIGNED, actor, input.reason, {
      precondition: requirePassed,
      effect: (_tx, partner) => void Object.assign(partner, { mouNumber: number, mouSignedAt: input.signedAt, nextReviewAt }),
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) {
      return {
        partner: null,
        userErrors: [UserError.of('MOU_NUMBER_TAKEN', `MoU number ${number} is already recorded`, ['input', 'number'])],
      };
    }
    throw error;
  }
}
