import type { EntityManager } from '@mikro-orm/postgresql';
import { isAdmin, isSelf } from '../../../common/auth';
import { forbidden, graphqlError } from '../../../common/errors';
import type { Identity } from '../../../common/identity';
import { json, SCHEMA, sql } from '../sql';

/**
 * Decides each read of a personal field and remembers the ones that must be recorded: the participant
 * reads their own data unrecorded; the programme office reads anyone's, recorded with the purpose it
 * declared (UU PDP 27/2022: no processing without a purpose); every other caller is refused. A platform's
 * check of a card is recorded too: the participant sees which platforms looked their card up, and when. One INSERT per
 * request, at the end (`flush`), whatever the number of fields and people read.
 */
export class PersonalDataRecorder {
  private readonly reads = new Map<string, Set<string>>();

  /**
   * `complaint`: the case the purpose names (`x-purpose: complaint:<number>`), looked up before the request
   * runs; `case` null when no such case exists. Every read it serves must be of that case's participant.
   */
  constructor(
    private readonly identity: Identity,
    private readonly complaint?: { number: string; case: { id: string; participantId: string } | null },
  ) {}

  /** Refuses a read whose purpose names a complaint case that does not exist or concerns someone else. */
  private checkCase(participantId: string): void {
    if (!this.complaint) return;
    const { number, case: found } = this.complaint;
    if (!found)
      throw graphqlError('PURPOSE_INVALID', `x-purpose names complaint case ${number}, which does not exist`, {
        reason: 'COMPLAINT_CASE_NOT_FOUND',
        http: { status: 403 },
      });
    if (found.participantId !== participantId)
      throw graphqlError(
        'PURPOSE_INVALID',
        `Complaint case ${number} is not about this participant: it cannot be the purpose of this read`,
        {
          reason: 'COMPLAINT_CASE_OF_ANOTHER_PARTICIPANT',
          http: { status: 403 },
        },
      );
  }

  /** Throws FORBIDDEN unless the caller may read this participant's personal field; records the read when it is not their own. */
  allow(participantId: string, field: string): void {
    const { identity } = this;
    if (isSelf(identity, participantId)) return;
    if (!isAdmin(identity)) throw forbidden(`\`${field}\` is personal data: only the participant and the programme office may read it`);
    if (!identity.purpose) {
      throw graphqlError(
        'PURPOSE_REQUIRED',
        `\`${field}\` is personal data: declare why you read it in the x-purpose header (for example a complaint or case number); it is recorded with the read`,
        { http: { status: 403 } },
      );
    }
    this.checkCase(participantId);
    let fields = this.reads.get(participantId);
    if (!fields) this.reads.set(participantId, (fields = new Set()));
    fields.add(field);
  }

  /**
   * Records a lookup by card number (a platform's eligibility check, or the office's): the caller's role was
   * checked by the operation; what it learns of the person (card status, balance, deadline) is recorded.
   */
  recordCardLookup(participantId: string, fields: string[]): void {
    if (isSelf(this.identity, participantId)) return;
    this.checkCase(participantId);
    const known = this.reads.get(participantId) ?? new Set<string>();
    for (const field of fields) known.add(field);
    this.reads.set(participantId, known);
  }

  /** Writes the access records of this request; must succeed before the response carries the data. */
  async flush(em: EntityManager, now = new Date()): Promise<void> {
    if (!this.reads.size) return;
    const rows = [...this.reads].map(([participantId, fields]) => ({ participantId, fields: [...fields].sort() }));
    this.reads.clear();
    const { role, subject, purpose, operation, partnerId } = this.identity;
    await sql(
      em,
      `INSERT INTO ${SCHEMA}.personal_data_access (id, participant_id, accessor_role, accessor_subject, accessor_partner_id, fields, purpose, operation, accessed_at, complaint_case_id)
       SELECT gen_random_uuid(), (r->>'participantId')::uuid, ?, ?, ?, ARRAY(SELECT jsonb_array_elements_text(r->'fields')), ?, ?, ?, ?::uuid
       FROM jsonb_array_elements(?::jsonb) AS r`,
      [role, subject ?? null, partnerId ?? null, purpose ?? null, operation ?? null, now, this.complaint?.case?.id ?? null, json(rows)],
    );
  }
}
