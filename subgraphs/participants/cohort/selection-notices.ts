import { ELIGIBILITY_MESSAGES, type EligibilityCode } from '../eligibility/eligibility.rules';
import { InboxMessageKind } from '../inbox/inbox.entity';
import { rupiah, type Notice } from '../inbox/inbox.service';
import type { Decision } from './selection';

const jakarta = (at: Date) => `${at.toLocaleString('id-ID', { timeZone: 'Asia/Jakarta', dateStyle: 'long', timeStyle: 'short' })} WIB`;

function outcome(d: Decision): string {
  if (d.status === 'SELECTED') return 'Anda terpilih dan Kartu Prakerja Anda telah diterbitkan.';
  const reasons = d.reasons.map((r) => ELIGIBILITY_MESSAGES[r as EligibilityCode] ?? r).join(' ');
  if (d.status === 'INELIGIBLE') return `Anda tidak memenuhi syarat saat seleksi: ${reasons}`;
  return reasons
    ? `Anda belum terpilih: ${reasons}`
    : 'Anda belum terpilih: kuota gelombang ini sudah penuh. Silakan daftar di gelombang berikutnya.';
}

/** The draw's notifications: every applicant's result with its reason, and each new card. No NIK or KK in them. */
export function selectionNotices(
  cohort: { name: string; trainingBalance: number },
  decisions: Decision[],
  cards: Array<{ id: string; participant_id: string }>,
  deadline: Date,
): Notice[] {
  const results = decisions.map((d): Notice => ({
    participantId: d.participantId,
    referenceId: `selection:${d.applicationId}`,
    kind: InboxMessageKind.SELECTION_RESULT,
    subject: `Hasil seleksi ${cohort.name}: ${d.status === 'SELECTED' ? 'terpilih' : 'belum terpilih'}`,
    body: outcome(d),
  }));
  const issued = cards.map((c): Notice => ({
    participantId: c.participant_id,
    referenceId: `card-issued:${c.id}`,
    kind: InboxMessageKind.CARD_ISSUED,
    subject: 'Kartu Prakerja Anda aktif',
    body: `Saldo pelatihan ${rupiah(cohort.trainingBalance)} sudah dapat dipakai. Beli pelatihan pertama sebelum ${jakarta(deadline)}, atau kartu dicabut.`,
  }));
  return [...results, ...issued];
}
