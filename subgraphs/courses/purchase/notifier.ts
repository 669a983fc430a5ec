import type { ParticipantsPort } from '../shared/participants.client';

export interface OtpMessage {
  purchaseId: string;
  /** Which OTP of the purchase this is; with the purchase id it makes delivery idempotent. */
  generation: number;
  participantId: string;
  otp: string;
  courseTitle: string;
  amount: number;
  partnerInvoiceCode: string;
  expiresAt: Date;
}

/** How the OTP reaches the participant. Production plugs an SMS gateway in here. */
export interface Notifier {
  sendOtp(message: OtpMessage): Promise<void>;
}

const rupiah = (amount: number) => `Rp${amount.toLocaleString('id-ID')}`;

/** Development and test delivery: the participant's in-app inbox in the participants subgraph. */
export class InboxNotifier implements Notifier {
  constructor(private readonly participants: ParticipantsPort) {}

  async sendOtp(m: OtpMessage): Promise<void> {
    await this.participants.inboxMessageDeliver({
      participantId: m.participantId,
      referenceId: `otp:${m.purchaseId}:${m.generation}`,
      subject: 'Kode OTP pembelian pelatihan Kartu Prakerja',
      body:
        `Kode OTP Anda: ${m.otp}. Berlaku sampai ${m.expiresAt.toISOString()} untuk pembelian "${m.courseTitle}" ` +
        `seharga ${rupiah(m.amount)} (invoice ${m.partnerInvoiceCode}). JANGAN berikan kode ini kepada siapa pun selain di halaman pembayaran.`,
    });
  }
}
