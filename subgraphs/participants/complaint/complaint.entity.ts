import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { newId } from '../../../common/ids';
import { Participant } from '../participant/participant.entity';

export enum ComplaintStatus {
  OPEN = 'OPEN',
  IN_PROGRESS = 'IN_PROGRESS',
  RESOLVED = 'RESOLVED',
  REJECTED = 'REJECTED',
}
registerEnumType(ComplaintStatus, {
  name: 'ComplaintStatus',
  description: 'Where a complaint case is.',
  valuesConfig: {
    OPEN: { description: 'Received, not yet worked on.' },
    IN_PROGRESS: { description: 'The office is handling it.' },
    RESOLVED: { description: 'Closed with a resolution.' },
    REJECTED: { description: 'Closed without action (unfounded, duplicate, outside the programme); the resolution says why.' },
  },
});

@ObjectType({
  description:
    'A complaint case record of the programme office about one participant. A read of personal data whose `x-purpose` is `complaint:<number>` is tied to it.',
})
@Entity({ tableName: 'complaint_case' })
export class ComplaintCase {
  [OptionalProps]?: 'id' | 'notes' | 'resolution' | 'openedBy' | 'resolvedAt';

  @Field(() => ID, { description: 'Opaque id of the case.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Field({ description: 'Case number, for example `ADU-2026-000117`; name it in `x-purpose: complaint:ADU-2026-000117`.' })
  @Property({ type: 'text', unique: true })
  number: string;

  @ManyToOne(() => Participant, { deleteRule: 'cascade' })
  @Index()
  participant: Participant;

  @Field({ description: 'What the complaint is about, in a line; the participant sees it beside the reads it served.' })
  @Property({ type: 'text' })
  subject: string;

  @Field(() => ComplaintStatus, { description: 'Where the case is.' })
  @Enum({ items: () => ComplaintStatus, nativeEnumName: 'complaint_status' })
  status: ComplaintStatus;

  @Field(() => String, { nullable: true, description: "The office's internal notes; never shown to the participant." })
  @Property({ type: 'text', nullable: true })
  notes: string | null = null;

  @Field(() => String, { nullable: true, description: 'How the case was closed; null while open.' })
  @Property({ type: 'text', nullable: true })
  resolution: string | null = null;

  @Field(() => String, { nullable: true, description: 'Staff user id that opened the case.' })
  @Property({ type: 'text', nullable: true })
  openedBy: string | null = null;

  @Field({ description: 'When the case was opened.' })
  @Property({ type: 'timestamptz' })
  openedAt: Date;

  @Field({ description: 'When the case last changed.' })
  @Property({ type: 'timestamptz' })
  updatedAt: Date;

  @Field(() => Date, { nullable: true, description: 'When the case was closed (RESOLVED or REJECTED); null while open.' })
  @Property({ type: 'timestamptz', nullable: true })
  resolvedAt: Date | null = null;
}
