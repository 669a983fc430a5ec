import type { PayoutProvider } from './payout.enums';

/** What a provider's KYC lookup reports of an account; the NIK is compared in this process and never stored. */
export type AccountLookup = { found: false } | { found: true; holderName: string; holderNik: string };

export interface TransferRequest {
  /** The payout's reference: the provider pays a reference once and answers a repeat with the first result. */
  reference: string;
  provider: PayoutProvider;
  accountNumber: string;
  amount: number;
}

export type TransferResult = { status: 'COMPLETED'; transferId: string } | { status: 'REJECTED'; reason: string };

/** The provider did not answer in time: the transfer may or may not have happened (retry with the same reference). */
export class TransferTimeout extends Error {}

/**
 * A disbursement provider (a payment aggregator in production; scripts/disbursement-sim in development and
 * tests). `transfer` resolves with the provider's answer, or rejects (timeout, network, 5xx): the caller
 * then retries with the same reference. An answer that arrives after the caller gave up goes to `lateAnswer`,
 * so a transfer that happened is recorded even if no retry ever asks again.
 */
export interface DisbursementProvider {
  lookupAccount(provider: PayoutProvider, accountNumber: string): Promise<AccountLookup>;
  transfer(request: TransferRequest, lateAnswer: (result: TransferResult) => void): Promise<TransferResult>;
}

/** The provider's HTTP API (as the simulator serves it): JSON over POST, answers within `timeoutMs` or count as a timeout. */
export class HttpDisbursementProvider implements DisbursementProvider {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs: number,
  ) {}

  private async post<T>(path: string, body: unknown): Promise<T> {
    // The hard cap only frees the socket; the caller's timeout is `timeoutMs` (see transfer).
    const response = await fetch(new URL(path, this.baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(this.timeoutMs * 10),
    });
    const text = await response.text();
    if (response.status >= 500) throw new Error(`provider answered ${response.status}: ${text.slice(0, 200)}`);
    return JSON.parse(text) as T;
  }

  private within<T>(work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new TransferTimeout(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
  }

  lookupAccount(provider: PayoutProvider, accountNumber: string): Promise<AccountLookup> {
    return this.within(this.post<AccountLookup>('/kyc/lookup', { provider, accountNumber }));
  }

  async transfer(request: TransferRequest, lateAnswer: (result: TransferResult) => void): Promise<TransferResult> {
    const answer = this.post<TransferResult>('/transfers', request);
    try {
      return await this.within(answer);
    } catch (error) {
      if (error instanceof TransferTimeout) answer.then(lateAnswer, () => undefined);
      throw error;
    }
  }
}
