import { BigIntType, Check, Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { newId } from '../../../common/ids';
import { Course } from '../course/course.entity';
import { OfferingWithdrawalReason } from './withdrawal';

registerEnumType(OfferingWithdrawalReason, {
  name: 'OfferingWithdrawalReason',
  description: 'Why the programme withdrew an offering.',
  valuesConfig: { PARTNER_TERMINATED: { description: 'The selling platform was TERMINATED.' } },
});

/** Highest price of one course: the whole training balance of a participant. */
export const MAX_PRICE = 3_500_000;

/** Fields `course`, `platform` and `price` are resolved in offering.resolver.ts. */
@ObjectType({ description: 'A course sold by one platform at that platform’s price.' })
@Entity({ tableName: 'offering' })
@Unique({ name: 'offering_course_partner_unique', properties: ['course', 'partnerId'] })
@Index({ name: 'offering_partner_idx', properties: ['partnerId', 'createdAt', 'id'] })
@Check({ name: 'offering_price_check', expression: `price between 1 and ${MAX_PRICE}` })
export class Offering {
  [OptionalProps]?: 'id' | 'active' | 'createdAt' | 'updatedAt' | 'withdrawnAt' | 'withdrawalReason';

  @Field(() => ID, { description: 'Opaque id of the offering.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => Course, { deleteRule: 'cascade' })
  course: Course;

  /** Selling platform, a Partner of the partners subgraph. */
  @Property({ type: 'uuid' })
  partnerId: string;

  /** Whole rupiah. */
  @Property({ type: new BigIntType('number') })
  price: number;

  @Field({ description: 'Whether the platform currently sells the course.' })
  @Property({ type: 'boolean' })
  active: boolean = true;

  @Field({ description: 'When the platform first listed the course.' })
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Field({ description: 'When price or availability last changed.' })
  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();

  /** When the programme withdrew the offering (its platform was terminated); null while it was not (exposed as `withdrawal`). */
  @Property({ type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null = null;

  @Enum({ items: () => OfferingWithdrawalReason, nullable: true })
  withdrawalReason: OfferingWithdrawalReason | null = null;
}

@ObjectType({ description: 'Why and when the programme withdrew an offering.' })
export class OfferingWithdrawal {
  @Field({ description: 'When it was withdrawn.' })
  at: Date;

  @Field(() => OfferingWithdrawalReason, { description: 'Why.' })
  reason: OfferingWithdrawalReason;
}
