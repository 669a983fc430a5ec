import { Arg, Ctx, Field, Mutation, ObjectType, Resolver } from 'type-graphql';
import { requireRole } from '../../../common/auth';
import { payloadUserError, UserError } from '../../../common/errors';
import type { ParticipantsContext } from '../context';
import { Payout } from '../payout/payout.entity';
import { SurveyResponse } from './survey.entity';
import { SurveyResponseSubmitInput } from './survey.inputs';
import { SURVEY_RESPONSE_SUBMIT_ERRORS, submitSurveyResponse } from './survey.service';

const SurveyResponseSubmitUserError = payloadUserError('SurveyResponseSubmit', SURVEY_RESPONSE_SUBMIT_ERRORS);

@ObjectType({ description: 'Result of surveyResponseSubmit.' })
class SurveyResponseSubmitPayload {
  @Field(() => SurveyResponse, { nullable: true, description: 'The response (the earlier one when ALREADY_ANSWERED).' })
  response: SurveyResponse | null;

  @Field(() => Payout, {
    nullable: true,
    description: 'The survey’s payout; null when refused or when the cohort pays nothing for surveys.',
  })
  payout: Payout | null;

  @Field(() => [SurveyResponseSubmitUserError], { description: 'Why the answers were refused; empty on success.' })
  userErrors: UserError[];
}

@Resolver(() => SurveyResponse)
export class SurveyResolver {
  @Mutation(() => SurveyResponseSubmitPayload, {
    nullable: true,
    description:
      'Answers one of the programme’s surveys, once; each pays the cohort’s survey amount into the incentive. Open once the training incentive is due. Participants only.',
  })
  surveyResponseSubmit(
    @Arg('input', () => SurveyResponseSubmitInput, { description: 'Survey and answers.' }) input: SurveyResponseSubmitInput,
    @Ctx() { identity, em }: ParticipantsContext,
  ) {
    requireRole(identity, 'participant');
    return submitSurveyResponse(em, identity.subject!, input);
  }
}
