import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { newId } from '../../../common/ids';

@ObjectType({ description: 'A training course owned by a training institution.' })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'course' })
export class Course {
  [OptionalProps]?: 'id';

  @Field(() => ID, { description: 'Opaque id of the course.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Field({ description: 'Title of the course.' })
  @Property({ type: 'text' })
  title: string;
}
