import { registerEnumType } from 'type-graphql';

export enum PayoutStatus {
  PENDING = 'PENDING',
  SENDING = 'SENDING',
  PAID = 'PAID',
  FAILED_RETRYING = 'FAILED_RETRYING',
  FAILED = 'FAILED',
}
registerEnumType(PayoutStatus, {
  name: 'PayoutStatus',
  description: 'Where a payout stands. Every attempt sends the same reference, so the provider never pays it twice.',
  valuesConfig: {
    PENDING: { description: 'Waiting to be sent (a verified payout account is needed first).' },
    SENDING: { description: 'Sent to the disbursement provider; its answer is awaited.' },
    PAID: { description: 'The provider confirmed the transfer; the incentive ledger has its entry.' },
    FAILED_RETRYING: { description: 'The last attempt failed or timed out; it is retried at `nextAttemptAt` with the same reference.' },
    FAILED: { description: 'Every attempt failed; the programme office may retry it (`payoutRetry`).' },
  },
});

export enum PayoutKind {
  TRAINING = 'TRAINING',
  SURVEY = 'SURVEY',
}
registerEnumType(PayoutKind, {
  name: 'PayoutKind',
  description: 'What a payout pays.',
  valuesConfig: {
    TRAINING: { description: 'The post-training incentive: a first course completed and reviewed.' },
    SURVEY: { description: 'The small extra for answering one of the programme’s surveys.' },
  },
});

export enum PayoutAccountKind {
  EWALLET = 'EWALLET',
  BANK = 'BANK',
}
registerEnumType(PayoutAccountKind, {
  name: 'PayoutAccountKind',
  description: 'E-wallet or bank account.',
  valuesConfig: { EWALLET: { description: 'An e-wallet (dompet digital).' }, BANK: { description: 'A bank account (rekening).' } },
});

export enum PayoutProvider {
  GOPAY = 'GOPAY',
  OVO = 'OVO',
  DANA = 'DANA',
  LINKAJA = 'LINKAJA',
  SHOPEEPAY = 'SHOPEEPAY',
  BNI = 'BNI',
  BRI = 'BRI',
  MANDIRI = 'MANDIRI',
  BCA = 'BCA',
}
registerEnumType(PayoutProvider, {
  name: 'PayoutProvider',
  description: 'The e-wallet or bank that holds a payout account.',
  valuesConfig: {
    GOPAY: { description: 'GoPay (e-wallet).' },
    OVO: { description: 'OVO (e-wallet).' },
    DANA: { description: 'DANA (e-wallet).' },
    LINKAJA: { description: 'LinkAja (e-wallet).' },
    SHOPEEPAY: { description: 'ShopeePay (e-wallet).' },
    BNI: { description: 'Bank Negara Indonesia.' },
    BRI: { description: 'Bank Rakyat Indonesia.' },
    MANDIRI: { description: 'Bank Mandiri.' },
    BCA: { description: 'Bank Central Asia.' },
  },
});

export const EWALLETS: ReadonlySet<PayoutProvider> = new Set([
  PayoutProvider.GOPAY,
  PayoutProvider.OVO,
  PayoutProvider.DANA,
  PayoutProvider.LINKAJA,
  PayoutProvider.SHOPEEPAY,
]);

/** What payoutAccountRegister can refuse with. */
export const PAYOUT_ACCOUNT_REGISTER_ERRORS = {
  INVALID_ACCOUNT_NUMBER: 'The account number is not 8 to 20 digits (an e-wallet: the phone number it is registered to, 08…).',
  PROVIDER_KIND_MISMATCH: 'The provider is not of the kind given (GoPay, OVO, DANA, LinkAja, ShopeePay are e-wallets; the rest banks).',
  ACCOUNT_NOT_FOUND: 'The provider knows no such account.',
  NIK_MISMATCH: 'The account holder’s NIK, as the provider’s KYC reports it, is not the participant’s. Nothing was stored as verified.',
  PROVIDER_UNAVAILABLE: 'The provider’s KYC lookup did not answer; try again later.',
} as const;
export type PayoutAccountRegisterErrorCode = keyof typeof PAYOUT_ACCOUNT_REGISTER_ERRORS;

/** What payoutRetry can refuse with. */
export const PAYOUT_RETRY_ERRORS = {
  NOT_FOUND: 'No payout has this id.',
  NOT_FAILED: 'Only a FAILED payout can be retried; the others are retried automatically or are paid.',
} as const;
export type PayoutRetryErrorCode = keyof typeof PAYOUT_RETRY_ERRORS;
