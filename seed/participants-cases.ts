import type { EntityManager } from '@mikro-orm/postgresql';
import { PersonalDataRecorder } from '../subgraphs/participants/access-log/access-log.recorder';
import { openCohort } from '../subgraphs/participants/cohort/cohort.service';
import { caseForPurpose, openCase, updateCase } from '../subgraphs/participants/complaint/complaint.service';
import { ComplaintStatus } from '../subgraphs/participants/complaint/complaint.entity';
import { revokeLapsedCards } from '../subgraphs/participants/wallet/wallet.service';
import { SCHEMA, sql } from '../subgraphs/participants/sql';

const DAY = 86_400_000;
/** Cards of Gelombang 1 the demo lets lapse, so that their seats are recycled. */
export const SEED_REVOKED_CARDS = 5;

/**
 * After Gelombang 1's draw (which wrote every applicant's result and each card's notice): half of the
 * cardholders have read their inbox; five cards lapsed and were revoked, and Gelombang 3 (upcoming) took
 * their seats; one complaint is open and one resolved, with an office read that served it.
 */
export async function seedNoticesAndCases(em: EntityManager, now: Date): Promise<void> {
  await sql(
    em,
    `UPDATE ${SCHEMA}.inbox_message m SET read_at = m.created_at
      WHERE m.participant_id IN (SELECT participant_id FROM ${SCHEMA}.card ORDER BY id LIMIT (SELECT count(*) / 2 FROM ${SCHEMA}.card))`,
  );

  await sql(
    em,
    `UPDATE ${SCHEMA}.card SET purchase_deadline = now() - interval '1 day'
      WHERE id IN (SELECT id FROM ${SCHEMA}.card ORDER BY id DESC LIMIT ?)`,
    [SEED_REVOKED_CARDS],
  );
  await revokeLapsedCards(em);
  const opened = await openCohort(em, {
    name: 'Gelombang 3',
    quota: 500,
    opensAt: new Date(now.getTime() + 13 * DAY),
    closesAt: new Date(now.getTime() + 20 * DAY),
    trainingBalance: 3_500_000,
    purchaseWindowDays: 15,
    incentiveAmount: 600_000,
    surveyAmount: 50_000,
    includeRecycledQuota: true,
  });
  if (!opened.cohort) throw new Error(`seed: Gelombang 3 refused: ${opened.userErrors.map((e) => e.code).join()}`);

  const [first, second] = await sql<{ participant_id: string }>(
    em,
    `SELECT participant_id FROM ${SCHEMA}.card WHERE status = 'ACTIVE' ORDER BY id LIMIT 2`,
  );
  const open = await openCase(
    em,
    { participantId: first.participant_id, subject: 'Saldo berkurang tanpa pembelian', notes: 'Peserta menelepon call center.' },
    'officer-demo',
  );
  const resolved = await openCase(em, { participantId: second.participant_id, subject: 'Kode OTP tidak diterima' }, 'officer-demo');
  await updateCase(em, {
    number: resolved.complaintCase!.number,
    status: ComplaintStatus.RESOLVED,
    resolution: 'Nomor HP peserta diperbarui; OTP terkirim ulang.',
  });
  // The office read that served the resolved complaint, as the participants subgraph records it.
  const purpose = `complaint:${resolved.complaintCase!.number}`;
  const recorder = new PersonalDataRecorder(
    { role: 'admin', subject: 'officer-demo', purpose, operation: 'ComplaintReview' },
    { number: resolved.complaintCase!.number, case: await caseForPurpose(em, resolved.complaintCase!.number) },
  );
  recorder.allow(second.participant_id, 'phone');
  recorder.allow(second.participant_id, 'fullName');
  await recorder.flush(em);
  if (!open.complaintCase) throw new Error('seed: complaint refused');
}
