import { registerEnumType } from 'type-graphql';

export enum PurchaseStatus {
  AWAITING_OTP = 'AWAITING_OTP',
  CAPTURING = 'CAPTURING',
  AUTHORIZED = 'AUTHORIZED',
  EXPIRED = 'EXPIRED',
  LOCKED = 'LOCKED',
}
registerEnumType(PurchaseStatus, {
  name: 'PurchaseStatus',
  description: 'Where a purchase is: AWAITING_OTP → CAPTURING → AUTHORIZED, or EXPIRED / LOCKED.',
  valuesConfig: {
    AWAITING_OTP: { description: 'The price is held on the balance and an OTP was sent; waiting for purchaseAuthorize.' },
    CAPTURING: {
      description:
        'The OTP was accepted and the debit and enrollment are being finalised. Transient: a retry of purchaseAuthorize, or the server’s reconciler on its next run, makes it AUTHORIZED (or EXPIRED if the hold could no longer be debited).',
    },
    AUTHORIZED: { description: 'The balance was debited once and the enrollment exists.' },
    EXPIRED: {
      description:
        'Ended without a debit: not confirmed in time, the hold could no longer be debited, or the participant was already enrolled in the course; the hold was released. Start again with a new invoice code.',
    },
    LOCKED: { description: 'Too many wrong OTPs; the hold was released. Start again with a new invoice code.' },
  },
});

/** Why a purchase EXPIRED: told to the platform in the `purchase.expired` webhook and on the purchase. */
export enum PurchaseEndReason {
  HOLD_EXPIRED = 'HOLD_EXPIRED',
  ALREADY_ENROLLED = 'ALREADY_ENROLLED',
  COURSE_WITHDRAWN = 'COURSE_WITHDRAWN',
  CARD_REVOKED = 'CARD_REVOKED',
}
registerEnumType(PurchaseEndReason, {
  name: 'PurchaseEndReason',
  description: 'Why a purchase ended EXPIRED without a debit.',
  valuesConfig: {
    HOLD_EXPIRED: {
      description: 'The OTP was not confirmed before the hold on the balance ran out, or the hold could no longer be debited.',
    },
    ALREADY_ENROLLED: { description: 'The participant was enrolled in the course meanwhile, by another purchase.' },
    COURSE_WITHDRAWN: { description: 'The platform’s offering was withdrawn (the platform was terminated) before the OTP was confirmed.' },
    CARD_REVOKED: { description: 'The programme office revoked the card before the OTP was confirmed; the hold was released.' },
  },
});

/** What purchaseStart can refuse with. */
export const PURCHASE_START_ERRORS = {
  INVALID_CARD_NUMBER: 'The card number is not 16 digits with a valid check digit.',
  UNKNOWN_CARD: 'No Kartu Prakerja has this number.',
  NOT_ELIGIBLE:
    'The card cannot buy courses now (not active, or its purchase deadline has passed), its holder is outside the course’s age requirement or below its minimum education (or declared none), or the schedule asked for cannot be bought (missing for a course held on dates, not the course’s, started, or full); the message says which.',
  COURSE_NOT_FOUND: 'No approved course has this id.',
  COURSE_NOT_OFFERED: 'This platform does not sell the course.',
  PRICE_MISMATCH: 'The amount is not this platform’s price for the course.',
  INSUFFICIENT_BALANCE: 'The available balance does not cover the price.',
  ALREADY_ENROLLED: 'The participant already holds an active enrollment in this course, on any platform.',
  INVOICE_CONFLICT: 'This invoice code was already used for another card, course, amount or schedule.',
} as const;
export type PurchaseStartErrorCode = keyof typeof PURCHASE_START_ERRORS;

/** What purchaseAuthorize can refuse with. */
export const PURCHASE_AUTHORIZE_ERRORS = {
  NOT_FOUND: 'This platform has no purchase with this id.',
  INVALID_OTP: 'The OTP is not correct; the attempt was counted.',
  OTP_EXPIRED: 'The OTP has expired; purchaseStart again with the same invoice code sends a new one while the hold lasts.',
  OTP_LOCKED: 'Too many wrong OTPs: the purchase is locked and its hold released; start again with a new invoice code.',
  INSUFFICIENT_BALANCE:
    'The hold on the balance lapsed before it could be debited, or the card was revoked (the purchase’s `endReason` says CARD_REVOKED); start again with a new invoice code, which a revoked card cannot.',
  ALREADY_ENROLLED: 'The participant was enrolled in this course meanwhile (another purchase); this one ended and its hold was released.',
  COURSE_NOT_OFFERED:
    'The platform’s offering was withdrawn since the start (the platform was terminated); the purchase ended and its hold was released.',
} as const;
export type PurchaseAuthorizeErrorCode = keyof typeof PURCHASE_AUTHORIZE_ERRORS;
