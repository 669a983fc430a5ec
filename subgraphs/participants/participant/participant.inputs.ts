import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { PageArgs } from '../../../common/pagination';
import { EducationLevel } from '../../../common/education';
import { EducationStatus, Occupation } from './participant.enums';

@InputType({ description: 'What a person declares to register. The NIK must be valid and agree with the birth date.' })
export class ParticipantRegisterInput {
  @Field({ description: 'NIK from the KTP: 16 digits.' })
  nik: string;

  @Field({ description: 'Kartu Keluarga (family card) number: 16 digits.' })
  familyCardNumber: string;

  @Field({ description: 'Full name as on the KTP.' })
  fullName: string;

  @Field({ description: 'Date of birth, `YYYY-MM-DD`; must match the NIK.' })
  birthDate: string;

  @Field({ description: 'E-mail address.' })
  email: string;

  @Field({ description: 'Mobile number, Indonesian format (`08…` or `+628…`).' })
  phone: string;

  @Field({ description: 'Home address.' })
  address: string;

  @Field({ description: 'Whether the person is an Indonesian citizen (WNI).' })
  citizen: boolean;

  @Field(() => EducationStatus, { description: 'Current education.' })
  educationStatus: EducationStatus;

  @Field(() => Occupation, { description: 'Main occupation.' })
  occupation: Occupation;

  @Field(() => EducationLevel, { nullable: true, description: 'Highest education attained (optional; some courses require a minimum).' })
  educationLevel?: EducationLevel | null;
}

@InputType({ description: 'The caller’s highest education attained.' })
export class ParticipantEducationSetInput {
  @Field(() => EducationLevel, { description: 'Highest education attained.' })
  educationLevel: EducationLevel;
}

/** `participants`: a page, filtered by flat optional arguments (combined with AND), like every list. */
@ArgsType()
export class ParticipantsArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Only participants whose NIK was issued in this province (two-digit code).' })
  provinceCode?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only participants who applied to this cohort.' })
  cohortId?: string | null;
}
