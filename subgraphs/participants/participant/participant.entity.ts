import { Collection, Entity, Enum, Index, OneToMany, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { newId } from '../../../common/ids';
import type { Application } from '../cohort/cohort.entity';
import { EducationLevel } from '../../../common/education';
import { EducationStatus, Gender, IncentiveStatus, Occupation } from './participant.enums';

/**
 * A registered person. Personal fields (NIK, KK, name, birth date, contacts, address) carry no `@Field`
 * here: the resolver exposes each through a guard (self or admin only).
 */
@ObjectType({
  description:
    'A person registered with Kartu Prakerja. Personal fields are visible only to the person themself and to the programme office.',
})
@Directive('@key(fields: "id")')
@Entity({ tableName: 'participant' })
@Index({ properties: ['provinceCode', 'createdAt'] })
// The office's list pages by (createdAt, id): without it every page sorted the whole table.
@Index({ properties: ['createdAt', 'id'] })
export class Participant {
  [OptionalProps]?: 'id' | 'createdAt' | 'incentiveStatus' | 'firstCompletedAt' | 'incentiveEnrollmentId' | 'educationLevel';

  @Field(() => ID, { description: 'Opaque id of the participant.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  /** 16 digits; unique: one registration per person. */
  @Property({ type: 'text', unique: true })
  nik: string;

  /** Kartu Keluarga number; indexed for the per-family cap. */
  @Property({ type: 'text' })
  @Index()
  familyCardNumber: string;

  @Property({ type: 'text' })
  fullName: string;

  /** `YYYY-MM-DD`, agrees with the NIK. */
  @Property({ type: 'date' })
  birthDate: string;

  @Field(() => Gender, { description: 'Sex, derived from the NIK.' })
  @Enum({ items: () => Gender, nativeEnumName: 'gender' })
  gender: Gender;

  @Field({ description: 'Two-digit province code, derived from the NIK (for example `31` for DKI Jakarta).' })
  @Property({ type: 'text' })
  provinceCode: string;

  @Field({ description: 'Province name, derived from the NIK.' })
  @Property({ type: 'text' })
  provinceName: string;

  /** Six-digit district code from the NIK (not personal on its own, but not needed by anyone but the office). */
  @Property({ type: 'text' })
  districtCode: string;

  @Property({ type: 'text' })
  email: string;

  @Property({ type: 'text' })
  phone: string;

  @Property({ type: 'text' })
  address: string;

  @Field({ description: 'Whether the person declared Indonesian citizenship (WNI).' })
  @Property({ type: 'boolean' })
  citizen: boolean;

  @Field(() => EducationStatus, { description: 'Current education, as declared at registration.' })
  @Enum({ items: () => EducationStatus, nativeEnumName: 'education_status' })
  educationStatus: EducationStatus;

  @Field(() => EducationLevel, {
    nullable: true,
    description:
      'Highest education attained, as declared (at registration or later); null when not declared. Courses may require a minimum.',
  })
  @Enum({ items: () => EducationLevel, nullable: true })
  educationLevel: EducationLevel | null = null;

  @Field(() => Occupation, { description: 'Main occupation, as declared at registration.' })
  @Enum({ items: () => Occupation, nativeEnumName: 'occupation' })
  occupation: Occupation;

  @Enum({ items: () => IncentiveStatus, nativeEnumName: 'incentive_status' })
  incentiveStatus: IncentiveStatus = IncentiveStatus.NOT_DUE;

  @Property({ type: 'timestamptz', nullable: true })
  firstCompletedAt: Date | null = null;

  /** The enrollment (courses subgraph) whose completion made the incentive due. */
  @Property({ type: 'text', nullable: true })
  incentiveEnrollmentId: string | null = null;

  /** Not a GraphQL field: lets the participant list filter by cohort with a join. */
  @OneToMany('Application', 'participant')
  applications = new Collection<Application>(this);

  @Field({ description: 'When the person registered.' })
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
