import { buildFederatedSchema } from '../../common/federation';
import type { CoursesContext } from './context';
import { CourseResolver } from './course/course.resolver';
import { Course } from './course/course.entity';

/** Resolvers for federation `_entities` lookups. */
const referenceResolvers = {
  Course: { __resolveReference: (ref: { id: string }, ctx: CoursesContext) => ctx.em.findOne(Course, { id: ref.id }) },
};

export const buildCoursesSchema = () => buildFederatedSchema({ resolvers: [CourseResolver] }, referenceResolvers);
