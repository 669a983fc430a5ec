import type { EntityManager } from '@mikro-orm/postgresql';
import { refuser, type UserError } from '../../../common/errors';
import { isUuid } from '../../../common/ids';
import { log } from '../../../common/logger';
import { SCHEMA, sql } from '../sql';
import type { DisbursementProvider } from './disbursement-provider';
import { PayoutAccount } from './payout.entity';
import { EWALLETS, PayoutAccountKind, type PayoutAccountRegisterErrorCode } from './payout.enums';
import type { PayoutAccountRegisterInput } from './payout.inputs';

export interface PayoutAccountResult {
  payoutAccount: PayoutAccount | null;
  userErrors: UserError[];
}

const refuse = refuser<PayoutAccountResult, PayoutAccountRegisterErrorCode>({ payoutAccount: null });

/**
 * payoutAccountRegister: the provider's KYC lookup names the holder, and the holder's NIK must be the
 * participant's. The comparison happens here, against the NIK this subgraph already keeps: the provider's
 * NIK is never stored. A match replaces any earlier account (payouts already sent keep their destination).
 */
export async function registerPayoutAccount(
  em: EntityManager,
  provider: DisbursementProvider,
  participantId: string,
  input: PayoutAccountRegisterInput,
): Promise<PayoutAccountResult> {
  const accountNumber = input.accountNumber.replace(/[\s-]/g, '');
  if (!/^\d{8,20}$/.test(accountNumber))
    return refuse('INVALID_ACCOUNT_NUMBER', 'The account number must be 8 to 20 digits', { field: 'accountNumber' });
  if (EWALLETS.has(input.provider) !== (input.kind === PayoutAccountKind.EWALLET))
    return refuse(
      'PROVIDER_KIND_MISMATCH',
      `${input.provider} is not a ${input.kind === PayoutAccountKind.EWALLET ? 'e-wallet' : 'bank'}`,
      {
        field: 'provider',
      },
    );
  // A signed-up caller without a record may hold any token subject, not only a uuid.
  const [person] = isUuid(participantId)
    ? await sql<{ nik: string }>(em, `SELECT nik FROM ${SCHEMA}.participant WHERE id = ?`, [participantId])
    : [];
  if (!person) return refuse('ACCOUNT_NOT_FOUND', 'Register as a participant first');
  let lookup;
  try {
    lookup = await provider.lookupAccount(input.provider, accountNumber);
  } catch (error) {
    log.warn('payout account: KYC lookup failed', { error: String(error) });
    return refuse('PROVIDER_UNAVAILABLE', 'The provider did not answer; try again later');
  }
  if (!lookup.found) return refuse('ACCOUNT_NOT_FOUND', `${input.provider} knows no account ${accountNumber}`, { field: 'accountNumber' });
  if (lookup.holderNik !== person.nik)
    return refuse('NIK_MISMATCH', 'The account is registered to someone else’s NIK: use an account in your own name', {
      field: 'accountNumber',
    });
  await sql(
    em,
    `INSERT INTO ${SCHEMA}.payout_account (participant_id, kind, provider, account_number, holder_name, nik_matched, checked_at, created_at)
     VALUES (?, ?, ?, ?, ?, true, now(), now())
     ON CONFLICT (participant_id) DO UPDATE SET kind = excluded.kind, provider = excluded.provider, account_number = excluded.account_number,
       holder_name = excluded.holder_name, nik_matched = true, checked_at = excluded.checked_at`,
    [participantId, input.kind, input.provider, accountNumber, lookup.holderName],
  );
  return { payoutAccount: await em.findOneOrFail(PayoutAccount, { participantId }, { refresh: true }), userErrors: [] };
}

/** `08123456789` → `•••••••6789`: enough for the holder to recognise it. */
export const maskAccountNumber = (number: string) => `${'•'.repeat(Math.max(0, number.length - 4))}${number.slice(-4)}`;
