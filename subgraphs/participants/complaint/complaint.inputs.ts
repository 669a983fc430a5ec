import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { PageArgs } from '../../../common/pagination';
import { ComplaintStatus } from './complaint.entity';

@InputType({ description: 'A new complaint case.' })
export class ComplaintCaseOpenInput {
  @Field(() => ID, { description: 'The participant the complaint concerns (find them with participantLookup).' })
  participantId: string;

  @Field({ description: 'What the complaint is about, in a line (at most 200 characters); the participant sees it.' })
  subject: string;

  @Field(() => String, { nullable: true, description: 'Internal notes (at most 5,000 characters); never shown to the participant.' })
  notes?: string | null;
}

@InputType({ description: 'A change to a complaint case; fields left out stay as they are.' })
export class ComplaintCaseUpdateInput {
  @Field({ description: 'The case number, for example `ADU-2026-000117`.' })
  number: string;

  @Field(() => ComplaintStatus, { nullable: true, description: 'The new status; RESOLVED and REJECTED need a resolution.' })
  status?: ComplaintStatus | null;

  @Field(() => String, { nullable: true, description: 'Replaces the internal notes.' })
  notes?: string | null;

  @Field(() => String, { nullable: true, description: 'How the case was closed (at most 5,000 characters).' })
  resolution?: string | null;
}

@ArgsType()
export class ComplaintCasesArgs extends PageArgs {
  @Field(() => ComplaintStatus, { nullable: true, description: 'Only cases in this status.' })
  status?: ComplaintStatus | null;

  @Field(() => ID, { nullable: true, description: 'Only cases about this participant.' })
  participantId?: string | null;
}

@ArgsType()
export class ParticipantLookupArgs {
  @Field(() => String, { nullable: true, description: 'The Kartu Prakerja number (16 digits).' })
  cardNumber?: string | null;

  @Field(() => String, { nullable: true, description: 'The NIK (16 digits).' })
  nik?: string | null;

  @Field(() => String, { nullable: true, description: 'The mobile number, in any usual form (`0812…`, `+62812…`, with spaces or dashes).' })
  phone?: string | null;
}
