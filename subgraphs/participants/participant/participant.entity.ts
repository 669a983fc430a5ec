import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { newId } from '../../../common/ids';

@ObjectType({ description: 'A person registered with Kartu Prakerja.' })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'participant' })
export class Participant {
  [OptionalProps]?: 'id';

  @Field(() => ID, { description: 'Opaque id of the participant.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Field({ description: 'Full name as on the KTP.' })
  @Property({ type: 'text' })
  fullName: string;
}
