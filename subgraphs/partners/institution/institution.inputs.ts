import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'A training institution to register.' })
export class TrainingInstitutionRegisterInput {
  @Field({ description: 'Name of the institution.' })
  name: string;

  @Field({ description: 'City of its head office.' })
  city: string;
}

@InputType({ description: 'Records that an institution belongs to the same group as a platform.' })
export class TrainingInstitutionAffiliationAddInput {
  @Field(() => ID, { description: 'The institution.' })
  institutionId: string;

  @Field(() => ID, { description: 'The platform it is affiliated with.' })
  partnerId: string;

  @Field({ description: 'How they are related, for example "subsidiary of the same holding".' })
  relationship: string;
}
