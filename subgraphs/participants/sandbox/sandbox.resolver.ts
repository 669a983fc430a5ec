import { Arg, Ctx, Field, Mutation, ObjectType, Resolver } from 'type-graphql';
import { requireOfficeOrOwnStaff } from '../../../common/auth';
import { payloadUserError, UserError } from '../../../common/errors';
import type { ParticipantsContext } from '../context';
import { issueTestCard, SANDBOX_CARD_ISSUE_ERRORS } from './sandbox.service';
import { SandboxCardIssueInput, SandboxCardView } from './sandbox.types';

const SandboxCardIssueUserError = payloadUserError('SandboxCardIssue', SANDBOX_CARD_ISSUE_ERRORS);

@ObjectType({ description: 'Result of sandboxCardIssue.' })
class SandboxCardIssuePayload {
  @Field(() => SandboxCardView, { nullable: true, description: 'The new test card, with its number and OTP; null when refused.' })
  card: SandboxCardView | null;

  @Field(() => [SandboxCardIssueUserError], { description: 'Why the request was refused; empty on success.' })
  userErrors: UserError[];
}

@Resolver()
export class SandboxCardResolver {
  @Mutation(() => SandboxCardIssuePayload, {
    nullable: true,
    description:
      "Issues a test card to a platform's sandbox: it works only with that platform's SANDBOX credentials, never in production, and moves no real balance. The office, or the platform's own staff.",
  })
  sandboxCardIssue(
    @Arg('input', () => SandboxCardIssueInput, { description: 'The platform and the simulated balance.' }) input: SandboxCardIssueInput,
    @Ctx() { em, identity }: ParticipantsContext,
  ) {
    requireOfficeOrOwnStaff(identity, input.partnerId);
    return issueTestCard(em, input.partnerId, input.balance ?? undefined);
  }
}
