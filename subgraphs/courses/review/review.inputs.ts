import { Field, ID, InputType, Int } from 'type-graphql';

@InputType({ description: 'A rating and review of one of the caller’s completed enrollments.' })
export class ReviewSubmitInput {
  @Field(() => ID, { description: 'The completed enrollment.' })
  enrollmentId: string;

  @Field(() => Int, { description: 'Stars, 1 to 5.' })
  rating: number;

  @Field({ description: 'The review, 10 to 2000 characters (surrounding spaces are trimmed).' })
  text: string;
}
