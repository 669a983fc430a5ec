import type { EntityManager } from '@mikro-orm/postgresql';
import { childrenLoader } from '../../../common/loaders';
import { connectionLoader } from '../../../common/batched-connection';
import { Offering } from './offering.entity';

/** Active offerings of many courses, cheapest first, in one query. */
export const courseOfferingsLoader = (em: EntityManager) =>
  childrenLoader(em, Offering, {
    parentKey: 'course',
    parentOf: (row) => row.course.id,
    where: { active: true },
    orderBy: { price: 'asc', id: 'asc' },
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
