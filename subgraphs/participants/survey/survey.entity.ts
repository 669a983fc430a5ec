import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { newId } from '../../../common/ids';
import { SurveyCode } from './survey.catalog';

@ObjectType({ description: 'A participant’s answers to one survey (once per survey).' })
@Entity({ tableName: 'survey_response' })
export class SurveyResponse {
  @Field(() => ID, { description: 'Opaque id of the response.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Property({ type: 'uuid' })
  participantId: string;

  @Field(() => SurveyCode, { description: 'The survey answered.' })
  @Enum({ items: () => SurveyCode })
  survey: SurveyCode;

  @Field(() => [Int], { description: 'One score (1 to 5) per question, in the order of the survey’s questions.' })
  @Property({ type: 'json' })
  answers: number[];

  @Field({ description: 'When it was answered.' })
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
