import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType } from 'type-graphql';
import { newId } from '../../../common/ids';

/**
 * One read of a participant's personal data by someone other than that participant (UU PDP record of
 * processing), a platform's check of their card included. Append-only: the database refuses UPDATE, DELETE and TRUNCATE, and the graph has no
 * mutation that touches it.
 */
@ObjectType({
  description: "One read of the participant's personal data by someone other than the participant: who, which fields, why and when.",
})
@Entity({ tableName: 'personal_data_access' })
@Index({ properties: ['participantId', 'accessedAt'] })
export class PersonalDataAccess {
  @Field(() => ID, { description: 'Opaque id of the record.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  /** Whose data was read. */
  @Property({ type: 'uuid' })
  participantId: string;

  @Field({ description: 'Role of the reader, for example `admin`.' })
  @Property({ type: 'text' })
  accessorRole: string;

  @Field(() => String, { nullable: true, description: 'Staff user id (or partner client id) of the reader.' })
  @Property({ type: 'text', nullable: true })
  accessorSubject: string | null;

  /** The platform that read, when a partner did (shown as `platform`). */
  @Property({ type: 'uuid', nullable: true })
  accessorPartnerId: string | null = null;

  @Field(() => [String], {
    description:
      'The personal fields read, for example `nik`, `fullName`; for a card lookup by a platform, `cardStatus`, `availableBalance`, `purchaseDeadline`.',
  })
  @Property({ type: 'text[]' })
  fields: string[];

  @Field(() => String, { nullable: true, description: 'Purpose the reader declared (`x-purpose` header), when one was.' })
  @Property({ type: 'text', nullable: true })
  purpose: string | null;

  @Field(() => String, { nullable: true, description: 'Name of the GraphQL operation that read the data.' })
  @Property({ type: 'text', nullable: true })
  operation: string | null;

  /** The complaint case the purpose named (`complaint:<number>`), shown as `complaint`. */
  @Property({ type: 'uuid', nullable: true })
  complaintCaseId: string | null = null;

  @Field({ description: 'When the data was read.' })
  @Property({ type: 'timestamptz' })
  accessedAt: Date;
}
