import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { badInput, refuser, UserError } from '../../../common/errors';
import { isUuid } from '../../../common/ids';
import { SCHEMA, sql } from '../sql';
import { ComplaintCase, ComplaintStatus } from './complaint.entity';

const MAX_SUBJECT = 200;
const MAX_TEXT = 5_000;
const CLOSED = new Set([ComplaintStatus.RESOLVED, ComplaintStatus.REJECTED]);

/** `complaint:<case number>` in x-purpose names a case; any other purpose is free text. */
const CASE_PURPOSE = /^\s*complaint:\s*(\S+)\s*$/i;
export const caseNumberOfPurpose = (purpose: string | undefined): string | null => (purpose && CASE_PURPOSE.exec(purpose)?.[1]) || null;

/** The case a purpose names, as the recorder checks it: null when no such case exists. */
export async function caseForPurpose(em: EntityManager, number: string): Promise<{ id: string; participantId: string } | null> {
  const [row] = await sql<{ id: string; participant_id: string }>(
    em,
    `SELECT id, participant_id FROM ${SCHEMA}.complaint_case WHERE number = ?`,
    [number.toUpperCase()],
  );
  return row ? { id: row.id, participantId: row.participant_id } : null;
}

function text(value: string | null | undefined, field: string, max: number): string | null | undefined {
  if (value == null) return value;
  const trimmed = value.trim();
  if (trimmed.length > max) throw badInput(`${field} is longer than ${max} characters`, field);
  return trimmed || null;
}

export interface CaseResult {
  complaintCase: ComplaintCase | null;
  userErrors: UserError[];
}
const refuse = refuser<CaseResult>({ complaintCase: null });

/** Opens a case about a participant, numbered `ADU-<year>-<serial>` from a sequence (no two alike, whatever the concurrency). */
export async function openCase(
  em: EntityManager,
  input: { participantId: string; subject: string; notes?: string | null },
  openedBy: string | null,
): Promise<CaseResult> {
  if (!isUuid(input.participantId)) throw badInput('participantId is not an id', 'participantId');
  const subject = text(input.subject, 'subject', MAX_SUBJECT);
  if (!subject) throw badInput('subject is required', 'subject');
  const notes = text(input.notes, 'notes', MAX_TEXT) ?? null;
  const [row] = await sql<{ id: string }>(
    em,
    `INSERT INTO ${SCHEMA}.complaint_case (id, number, participant_id, subject, status, notes, opened_by, opened_at, updated_at)
     SELECT gen_random_uuid(), 'ADU-' || to_char(now() AT TIME ZONE 'Asia/Jakarta', 'YYYY') || '-' || lpad(nextval('${SCHEMA}.complaint_case_serial')::text, 6, '0'),
            p.id, ?, 'OPEN', ?, ?, now(), now()
       FROM ${SCHEMA}.participant p WHERE p.id = ? RETURNING id`,
    [subject, notes, openedBy, input.participantId],
  );
  if (!row) return refuse('PARTICIPANT_NOT_FOUND', 'No such participant', { field: 'participantId' });
  return { complaintCase: await em.findOneOrFail(ComplaintCase, { id: row.id }), userErrors: [] };
}

/**
 * Moves a case and edits its notes or resolution. Closing (RESOLVED, REJECTED) needs a resolution; a closed
 * case reopens only to IN_PROGRESS. The row is locked, so two concurrent updates apply one after the other.
 */
export async function updateCase(
  em: EntityManager,
  input: { number: string; status?: ComplaintStatus | null; notes?: string | null; resolution?: string | null },
): Promise<CaseResult> {
  const notes = text(input.notes, 'notes', MAX_TEXT);
  const resolution = text(input.resolution, 'resolution', MAX_TEXT);
  return em.transactional(async (tx) => {
    const found = await tx.findOne(ComplaintCase, { number: input.number.trim().toUpperCase() }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!found) return refuse('CASE_NOT_FOUND', 'No complaint case with this number', { field: 'number' });
    const status = input.status ?? found.status;
    if (CLOSED.has(found.status) && input.status && input.status !== found.status && input.status !== ComplaintStatus.IN_PROGRESS)
      return refuse('INVALID_TRANSITION', `A ${found.status} case can only be reopened (IN_PROGRESS)`, {
        field: 'status',
        complaintCase: found,
      });
    const nextResolution = resolution === undefined ? found.resolution : resolution;
    if (CLOSED.has(status) && !nextResolution)
      return refuse('RESOLUTION_REQUIRED', 'Closing a case needs its resolution text', { field: 'resolution', complaintCase: found });
    const now = new Date();
    if (status !== found.status) found.resolvedAt = CLOSED.has(status) ? now : null;
    found.status = status;
    if (notes !== undefined) found.notes = notes;
    found.resolution = nextResolution;
    found.updatedAt = now;
    return { complaintCase: found, userErrors: [] };
  });
}
