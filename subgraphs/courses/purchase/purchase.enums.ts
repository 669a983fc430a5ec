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
