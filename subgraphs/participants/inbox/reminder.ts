import type { EntityManager } from '@mikro-orm/postgresql';
import { NOW_MS, SCHEMA, sql } from '../sql';

/**
 * Reminds, once per card, the holder of an ACTIVE card that has bought nothing yet, still has balance and whose
 * purchase deadline falls within `days`. The reference `deadline-reminder:<card id>` is unique, so a second run,
 * or another process running at the same moment, writes nothing more. One statement per run.
 */
export async function remindPurchaseDeadlines(em: EntityManager, days: number): Promise<number> {
  const rows = await sql(
    em,
    `INSERT INTO ${SCHEMA}.inbox_message (id, participant_id, reference_id, kind, subject, body, created_at)
     SELECT gen_random_uuid(), c.participant_id, 'deadline-reminder:' || c.id, 'PURCHASE_DEADLINE_REMINDER',
            'Segera beli pelatihan pertama Anda',
            'Batas waktu pembelian pelatihan pertama Kartu Prakerja Anda adalah '
              || to_char(c.purchase_deadline AT TIME ZONE 'Asia/Jakarta', 'DD-MM-YYYY HH24:MI') || ' WIB. Sisa saldo Anda Rp'
              || replace(to_char(w.balance, 'FM999,999,999,999,999'), ',', '.')
              || '. Setelah batas waktu itu kartu dicabut dan saldonya kembali ke negara.',
            ${NOW_MS}
       FROM ${SCHEMA}.card c JOIN ${SCHEMA}.wallet w ON w.id = c.id
      WHERE c.status = 'ACTIVE' AND c.first_purchase_at IS NULL AND w.balance > 0
        AND c.purchase_deadline > now() AND c.purchase_deadline <= now() + make_interval(days => ?)
        AND NOT EXISTS (SELECT 1 FROM ${SCHEMA}.inbox_message m WHERE m.reference_id = 'deadline-reminder:' || c.id)
     ON CONFLICT (reference_id) DO NOTHING RETURNING id`,
    [days],
  );
  return rows.length;
}
