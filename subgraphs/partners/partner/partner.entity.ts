import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { newId } from '../../../common/ids';

export enum PartnerStatus {
  APPLIED = 'APPLIED',
  UNDER_EVALUATION = 'UNDER_EVALUATION',
  MOU_SIGNED = 'MOU_SIGNED',
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
  TERMINATED = 'TERMINATED',
}
registerEnumType(PartnerStatus, {
  name: 'PartnerStatus',
  description: 'Where a platform is in its lifecycle: APPLIED → UNDER_EVALUATION → MOU_SIGNED → ACTIVE ⇄ SUSPENDED → TERMINATED.',
  valuesConfig: {
    APPLIED: { description: 'Asked to join; not yet evaluated.' },
    UNDER_EVALUATION: { description: 'Being evaluated against the Permenko 3/2020 criteria.' },
    MOU_SIGNED: { description: 'Passed evaluation and signed the MoU; integrating.' },
    ACTIVE: { description: 'Integrated and selling courses to participants.' },
    SUSPENDED: { description: 'Temporarily barred from selling; can be reinstated.' },
    TERMINATED: { description: 'Cooperation ended for good.' },
  },
});

@ObjectType({ description: 'A digital platform that sells Prakerja courses (Tokopedia, Ruangguru, ...), admitted under Permenko 3/2020.' })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'partner' })
export class Partner {
  [OptionalProps]?: 'id' | 'status' | 'createdAt' | 'mouNumber' | 'mouSignedAt' | 'nextReviewAt';

  @Field(() => ID, { description: 'Opaque id of the platform.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Field({ description: 'Short stable name used in URLs and credentials, for example `tokopedia`.' })
  @Property({ type: 'text', unique: true })
  slug: string;

  @Field({ description: 'Public name of the platform.' })
  @Property({ type: 'text' })
  name: string;

  @Field({ description: "The platform's own portal where participants buy courses." })
  @Property({ type: 'text' })
  website: string;

  @Field(() => PartnerStatus, { description: 'Current lifecycle status; only ACTIVE platforms may sell.' })
  @Enum({ items: () => PartnerStatus, nativeEnumName: 'partner_status' })
  @Index()
  status: PartnerStatus = PartnerStatus.APPLIED;

  @Field({ description: 'When the platform applied.' })
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  /** MoU number; set once when the MoU is signed (exposed through `Partner.mou`). */
  @Property({ type: 'text', nullable: true, unique: true })
  mouNumber: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  mouSignedAt: Date | null = null;

  /** When the platform is next due for its periodic evaluation; moved forward by each passing one. */
  @Property({ type: 'timestamptz', nullable: true })
  @Index()
  nextReviewAt: Date | null = null;
}

@ObjectType({ description: 'The memorandum of understanding a platform signed with the programme office (PMO), and its periodic review.' })
export class MoU {
  @Field({ description: 'MoU number, for example `MOU-PMO-001/2020`.' })
  number: string;

  @Field({ description: 'When the MoU was signed.' })
  signedAt: Date;

  @Field(() => Date, { nullable: true, description: 'When the platform is next due for its periodic evaluation.' })
  nextReviewAt: Date | null;
}

@ObjectType({ description: 'One recorded lifecycle transition of a platform: who moved it, when and why.' })
@Entity({ tableName: 'partner_status_change' })
export class PartnerStatusChange {
  [OptionalProps]?: 'id' | 'changedAt';

  @Field(() => ID, { description: 'Opaque id of the transition.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => Partner, { deleteRule: 'cascade' })
  @Index()
  partner: Partner;

  @Field(() => PartnerStatus, { nullable: true, description: 'Status before the transition; null for the application itself.' })
  @Enum({ items: () => PartnerStatus, nativeEnumName: 'partner_status', nullable: true })
  fromStatus: PartnerStatus | null;

  @Field(() => PartnerStatus, { description: 'Status after the transition.' })
  @Enum({ items: () => PartnerStatus, nativeEnumName: 'partner_status' })
  toStatus: PartnerStatus;

  @Field({ description: 'Who made the change (the programme-office user id).' })
  @Property({ type: 'text' })
  actor: string;

  @Field({ description: 'Why the change was made.' })
  @Property({ type: 'text' })
  reason: string;

  @Field({ description: 'When the change was made.' })
  @Property({ type: 'timestamptz' })
  changedAt: Date = new Date();
}
