import { Field, ObjectType } from 'type-graphql';
import { Money } from '../../../common/scalars';
import { ELIGIBILITY_MESSAGES, type EligibilityCode } from './eligibility.rules';

@ObjectType({ description: 'Why someone or something is not eligible.' })
export class EligibilityReason {
  @Field({ description: 'Stable machine-readable code, for example `AGE_OUT_OF_RANGE` or `NO_BALANCE`.' })
  code: string;

  @Field({ description: 'Human-readable explanation in English.' })
  message: string;

  static of(code: string, message: string): EligibilityReason {
    return Object.assign(new EligibilityReason(), { code, message });
  }
}

/** Programme eligibility codes as reasons with their messages (an unknown stored code keeps itself as message). */
export const reasonsOf = (codes: readonly string[]) =>
  codes.map((c) => EligibilityReason.of(c, ELIGIBILITY_MESSAGES[c as EligibilityCode] ?? c));

@ObjectType({ description: "A person's eligibility under the programme rules, evaluated now." })
export class ParticipantEligibility {
  @Field({ description: 'True when no rule excludes the person.' })
  eligible: boolean;

  @Field(() => [EligibilityReason], {
    description:
      'Every rule that excludes the person; empty when eligible. Codes: NOT_CITIZEN, AGE_OUT_OF_RANGE, IN_FORMAL_EDUCATION, EXCLUDED_OCCUPATION, FAMILY_CARD_LIMIT, ALREADY_PARTICIPATED.',
  })
  reasons: EligibilityReason[];
}

@ObjectType({ description: 'Whether a card can pay for a course now. Carries no personal data.' })
export class CardEligibility {
  @Field({ description: 'True when the card can buy a course now.' })
  eligible: boolean;

  @Field(() => [EligibilityReason], {
    description:
      'Why not; empty when eligible. Codes: INVALID_CARD_NUMBER, UNKNOWN_CARD, NOT_ACTIVE, PURCHASE_DEADLINE_PASSED, NO_BALANCE.',
  })
  reasons: EligibilityReason[];

  @Field(() => Money, { nullable: true, description: 'Balance that can be spent now; null for an invalid or unknown card.' })
  availableBalance: Money | null;

  @Field(() => Date, { nullable: true, description: 'Until when a first course can be bought; null for an invalid or unknown card.' })
  purchaseDeadline: Date | null;
}
