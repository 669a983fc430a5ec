import type { EntityManager } from '@mikro-orm/postgresql';
import { connectionLoader } from '../../../common/batched-connection';
import { Offering } from './offering.entity';

/** `Course.offerings`: active offerings of many courses, one page each, cheapest first, in two queries. */
export const courseOfferingsLoader = (em: EntityManager) =>
  connectionLoader(em, {
    entity: Offering,
    table: 'courses.offering',
    parentColumn: 'course_id',
    sortColumn: 'price',
    sortProperty: 'price',
    sortKind: 'integer',
    direction: 'asc',
    where: 't.active',
  });

/** `Partner.offerings`: active offerings of APPROVED courses for many platforms, one page each, in two queries. */
export const partnerOfferingsLoader = (em: EntityManager) =>
  connectionLoader(em, {
    entity: Offering,
    table: 'courses.offering',
    parentColumn: 'partner_id',
    sortColumn: 'created_at',
    sortProperty: 'createdAt',
    direction: 'asc',
    where: "t.active and exists (select 1 from courses.course c where c.id = t.course_id and c.curation_status = 'APPROVED')",
  });
