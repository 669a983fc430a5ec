import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, UserError } from '../../../common/errors';
import { isUuid, newId } from '../../../common/ids';
import { Course } from '../course/course.entity';
import { CurationStatus } from '../course/course.enums';
import type { PartnersPort } from '../shared/partners.client';
import { partnerRefusal } from '../shared/reference-checks';
import { MAX_PRICE, Offering } from './offering.entity';
import type { OfferingSetInput } from './offering.inputs';

export interface OfferingResult {
  offering: Offering | null;
  userErrors: UserError[];
}

/**
 * Creates or updates the one offering of (course, platform); concurrent calls converge on one row. The
 * platform is checked with the partners subgraph last, after the refusals this subgraph can answer alone.
 */
export async function setOffering(em: EntityManager, partners: PartnersPort, input: OfferingSetInput): Promise<OfferingResult> {
  if (!isUuid(input.courseId)) throw badInput('`courseId` is not a valid id', 'courseId');
  if (!isUuid(input.partnerId)) throw badInput('`partnerId` is not a valid id', 'partnerId');
  if (!Number.isSafeInteger(input.price) || input.price < 1 || input.price > MAX_PRICE) {
    return {
      offering: null,
      userErrors: [UserError.of('INVALID_PRICE', `The price must be a whole rupiah amount from 1 to ${MAX_PRICE}`, ['input', 'price'])],
    };
  }
  const course = await em.findOne(Course, { id: input.courseId });
  if (!course) return { offering: null, userErrors: [UserError.of('COURSE_NOT_FOUND', 'No such course', ['input', 'courseId'])] };
  if (course.curationStatus !== CurationStatus.APPROVED) {
    return {
      offering: null,
      userErrors: [UserError.of('COURSE_NOT_APPROVED', 'Only APPROVED courses can be sold', ['input', 'courseId'])],
    };
  }
  const active = input.active ?? true;
  const refusal = await partnerRefusal(partners, input.partnerId, active);
  if (refusal) return { offering: null, userErrors: [refusal] };
  // Timestamps come from here, in milliseconds like every cursor, never from now() (microseconds).
  const now = new Date();
  const rows = await em.execute<Array<{ id: string }>>(
    `insert into courses.offering (id, course_id, partner_id, price, active, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?)
     on conflict (course_id, partner_id) do update set price = excluded.price, active = excluded.active, updated_at = excluded.updated_at
     returning id`,
    [newId(), input.courseId, input.partnerId, input.price, active, now, now],
  );
  const offering = await em.findOneOrFail(Offering, { id: rows[0].id }, { refresh: true });
  return { offering, userErrors: [] };
}
