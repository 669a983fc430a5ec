import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { newId } from '../../../common/ids';
import { Partner } from '../partner/partner.entity';

@ObjectType({ description: 'A training institution (Lembaga Pelatihan) that provides the courses platforms sell.' })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'training_institution' })
export class TrainingInstitution {
  [OptionalProps]?: 'id' | 'createdAt';

  @Field(() => ID, { description: 'Opaque id of the institution.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Field({ description: 'Name of the institution.' })
  @Property({ type: 'text' })
  name: string;

  @Field({ description: 'City of its head office.' })
  @Property({ type: 'text' })
  city: string;

  @Field({ description: 'When it was registered with the programme.' })
  @Property({ type: 'timestamptz' })
  @Index()
  createdAt: Date = new Date();
}

/**
 * A tie between an institution and a platform in the same group of companies. The KPK review of 2020
 * found that 5 of 8 platforms sold their own group's courses: these rows make that visible.
 */
@Entity({ tableName: 'institution_affiliation' })
@Unique({ properties: ['institution', 'partner'] })
export class InstitutionAffiliation {
  [OptionalProps]?: 'id' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => TrainingInstitution, { deleteRule: 'cascade' })
  institution: TrainingInstitution;

  @ManyToOne(() => Partner, { deleteRule: 'cascade' })
  @Index()
  partner: Partner;

  /** How they are related, for example "subsidiary of the same holding". */
  @Property({ type: 'text' })
  relationship: string;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
