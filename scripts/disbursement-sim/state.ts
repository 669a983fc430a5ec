/** How the simulator handles a transfer request (server.ts). */
export type Mode = 'normal' | 'fail' | 'timeout' | 'twice';

export interface Transfer {
  reference: string;
  provider: string;
  accountNumber: string;
  amount: number;
  transferId: string;
  completedAt: string;
}

export interface TransferRecord {
  /** Requests received for this reference, retries included. */
  requests: number;
  /** Times money moved for it: 0 or 1, however many requests. */
  executions: number;
  transfer: Transfer | null;
}

/** Account numbers that always fail (demo data's failed payouts): the provider's outage for that bank, in effect. */
export const ALWAYS_FAILS = /^0999/;

/** The simulator's memory: KYC records, per-account behaviour, transfers by reference. */
export class SimState {
  private readonly accounts = new Map<string, { holderName: string; holderNik: string }>();
  private readonly behaviour = new Map<string, { mode: Mode; times: number }>();
  readonly transfers = new Map<string, TransferRecord>();
  private serial = 0;

  addAccount(provider: string, accountNumber: string, holderName: string, holderNik: string): void {
    this.accounts.set(`${provider}:${accountNumber}`, { holderName, holderNik });
  }

  lookup(provider: string, accountNumber: string) {
    const account = this.accounts.get(`${provider}:${accountNumber}`);
    return account ? { found: true, ...account } : { found: false };
  }

  /** The next `times` transfer requests to `accountNumber` behave as `mode` (then normally again). */
  setBehaviour(accountNumber: string, mode: Mode, times: number): void {
    this.behaviour.set(accountNumber, { mode, times });
  }

  /** The mode of this request, using up one of its `times`. */
  takeMode(accountNumber: string): Mode {
    if (ALWAYS_FAILS.test(accountNumber)) return 'fail';
    const b = this.behaviour.get(accountNumber);
    if (!b || b.times <= 0) return 'normal';
    b.times -= 1;
    return b.mode;
  }

  /** Performs the transfer of `reference` once; a repeat gets the first transfer back. */
  execute(request: { reference: string; provider: string; accountNumber: string; amount: number }): Transfer {
    const record = this.recordOf(request.reference);
    if (!record.transfer) {
      record.executions += 1;
      record.transfer = {
        ...request,
        transferId: `SIM-${Date.now().toString(36)}-${(++this.serial).toString(36)}`,
        completedAt: new Date().toISOString(),
      };
    }
    return record.transfer;
  }

  recordOf(reference: string): TransferRecord {
    let record = this.transfers.get(reference);
    if (!record) this.transfers.set(reference, (record = { requests: 0, executions: 0, transfer: null }));
    return record;
  }

  /** Every reference that moved money to this account, with its counts. */
  transfersTo(accountNumber: string) {
    return [...this.transfers.entries()]
      .filter(([, r]) => r.transfer?.accountNumber === accountNumber)
      .map(([reference, r]) => ({ reference, requests: r.requests, executions: r.executions, amount: r.transfer!.amount }));
  }
}
