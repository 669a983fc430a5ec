import { REVIEW_TEXT_MAX, REVIEW_TEXT_MIN } from './review.entity';

/** What reviewSubmit can refuse with. */
export const REVIEW_SUBMIT_ERRORS = {
  NOT_FOUND: 'The caller has no enrollment with this id.',
  NOT_COMPLETED: 'Only a COMPLETED enrollment can be reviewed.',
  ALREADY_REVIEWED: 'The enrollment was already reviewed; a review cannot be changed.',
  INVALID_RATING: 'The rating is not a whole number from 1 to 5.',
  INVALID_TEXT: `The review text is not ${REVIEW_TEXT_MIN} to ${REVIEW_TEXT_MAX} characters.`,
} as const;
export type ReviewSubmitErrorCode = keyof typeof REVIEW_SUBMIT_ERRORS;
