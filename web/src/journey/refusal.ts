import type { TFunction } from 'i18next';

/** A mutation's user errors in the person's language (by code), the API's English message for a code not translated. */
export function refusalText(t: TFunction, group: string, errors: ReadonlyArray<{ code: string; message: string }>): string {
  return errors.map((e) => t(`${group}.codes.${e.code}`, { defaultValue: e.message })).join(' ');
}

/** The e-wallets and banks by kind, as the API's PayoutProvider groups them; brand names are the same in both languages. */
export const PROVIDERS = {
  EWALLET: { GOPAY: 'GoPay', OVO: 'OVO', DANA: 'DANA', LINKAJA: 'LinkAja', SHOPEEPAY: 'ShopeePay' },
  BANK: { BNI: 'BNI', BRI: 'BRI', MANDIRI: 'Bank Mandiri', BCA: 'BCA' },
} as const;
export type AccountKind = keyof typeof PROVIDERS;
export const providerName = (provider: string): string =>
  (Object.values(PROVIDERS) as Array<Record<string, string>>).map((p) => p[provider]).find(Boolean) ?? provider;
