import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { CoursesContext } from '../context';
import { Course } from './course.entity';

@Resolver(() => Course)
export class CourseResolver {
  @Query(() => Course, { nullable: true, description: 'One course by id.' })
  course(@Arg('id', () => ID, { description: 'Id of the course.' }) id: string, @Ctx() { em }: CoursesContext) {
    return em.findOne(Course, { id });
  }
}
