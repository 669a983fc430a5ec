import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { connectionLoader } from '../shared/batched-connection';
import { Offering } from './offering.entity';

/** Active offerings of many courses, cheapest first, in one query. */
export function courseOfferingsLoader(em: EntityManager) {
  return new DataLoader<string, Offering[]>(async (courseIds) => {
    const rows = await em.find(Offering, { course: { $in: [...courseIds] }, active: true }, { orderBy: { price: 'asc', id: 'asc' } });
    return courseIds.map((id) => rows.filter((o) => o.course.id === id));
  });
}

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
