import { db, tokenFor } from '../support/client';
import { cardholders } from '../support/partner';
import { codeOf, post } from './support';

/*
 * Complaint case records: the office finds the complainant by card number, NIK or phone, opens and works a
 * case, and reads personal data with `x-purpose: complaint:<number>`; the participant sees which complaint
 * each read served.
 */

const office = async (purpose?: string) => ({
  authorization: `Bearer ${await tokenFor('admin', 'officer-7')}`,
  ...(purpose ? { 'x-purpose': purpose } : {}),
});

const LOOKUP = `query Lookup($cardNumber: String, $nik: String, $phone: String) { participantLookup(cardNumber: $cardNumber, nik: $nik, phone: $phone) { id } }`;
const OPEN = `mutation Open($input: ComplaintCaseOpenInput!) { complaintCaseOpen(input: $input) { complaintCase { id number status subject openedAt resolvedAt participant { id } } userErrors { code } } }`;
const UPDATE = `mutation Update($input: ComplaintCaseUpdateInput!) { complaintCaseUpdate(input: $input) { complaintCase { number status resolution notes resolvedAt } userErrors { code } } }`;
const READ = `query CaseRead($id: ID!) { participant(id: $id) { id fullName nik } }`;
const LOG = `{ me { personalDataAccessLog(first: 20) { totalCount edges { node { purpose fields complaint { number subject } } } } } }`;

async function openCase(participantId: string, subject: string) {
  const res = await post(OPEN, { input: { participantId, subject, notes: 'Called twice; internal only.' } }, await office());
  expect(res.json.errors).toBeUndefined();
  return res.json.data.complaintCaseOpen.complaintCase;
}

const accessCount = async (participantId: string) =>
  Number(
    (await db().query(`SELECT count(*) AS n FROM participants.personal_data_access WHERE participant_id = $1`, [participantId])).rows[0].n,
  );

describe('complaint cases', () => {
  it('finds a participant by card number, NIK or phone (any usual form), only for the office and with a purpose, recorded', async () => {
    const [holder] = await cardholders(1);
    const intake = await office('Complaint intake call');
    for (const vars of [{ cardNumber: holder.cardNumber }, { nik: holder.nik }, { phone: holder.phone.replace(/^0/, '+62') }]) {
      const res = await post(LOOKUP, vars, intake);
      expect(res.json.errors).toBeUndefined();
      expect(res.json.data.participantLookup.map((p: { id: string }) => p.id)).toContain(holder.participantId);
    }
    expect(codeOf(await post(LOOKUP, { nik: holder.nik }, await office()))).toBe('PURPOSE_REQUIRED');
    expect(codeOf(await post(LOOKUP, { nik: holder.nik, phone: holder.phone }, intake))).toBe('BAD_USER_INPUT');
    const participant = { authorization: `Bearer ${await tokenFor('participant', holder.participantId)}` };
    expect(codeOf(await post(LOOKUP, { nik: holder.nik }, participant))).toBe('FORBIDDEN');
    const log = (await post(LOG, {}, participant)).json.data.me.personalDataAccessLog;
    expect(log.edges.filter((e: { node: { fields: string[] } }) => e.node.fields.includes('lookup'))).toHaveLength(3);
  });

  it('opens and works a case: numbered, resolved only with a resolution, reopened only to IN_PROGRESS', async () => {
    const [holder] = await cardholders(1);
    const opened = await openCase(holder.participantId, 'Saldo berkurang tanpa pembelian');
    expect(opened).toMatchObject({ status: 'OPEN', resolvedAt: null, participant: { id: holder.participantId } });
    expect(opened.number).toMatch(/^ADU-\d{4}-\d{6}$/);
    const admin = await office();
    const update = async (input: Record<string, unknown>) =>
      (await post(UPDATE, { input: { number: opened.number, ...input } }, admin)).json.data.complaintCaseUpdate;
    expect((await update({ status: 'RESOLVED' })).userErrors).toEqual([{ code: 'RESOLUTION_REQUIRED' }]);
    expect((await update({ status: 'IN_PROGRESS' })).complaintCase).toMatchObject({ status: 'IN_PROGRESS', resolvedAt: null });
    const resolved = await update({ status: 'RESOLVED', resolution: 'Hold expired; balance restored.' });
    expect(resolved.complaintCase).toMatchObject({
      status: 'RESOLVED',
      resolution: 'Hold expired; balance restored.',
      resolvedAt: expect.any(String),
    });
    expect((await update({ status: 'OPEN' })).userErrors).toEqual([{ code: 'INVALID_TRANSITION' }]);
    expect(
      (await post(UPDATE, { input: { number: 'ADU-1999-000000', status: 'OPEN' } }, admin)).json.data.complaintCaseUpdate.userErrors,
    ).toEqual([{ code: 'CASE_NOT_FOUND' }]);
    expect(codeOf(await post(OPEN, { input: { participantId: holder.participantId, subject: '  ' } }, admin))).toBe('BAD_USER_INPUT');
    const unknown = await post(OPEN, { input: { participantId: '00000000-0000-4000-8000-000000000000', subject: 'x' } }, admin);
    expect(unknown.json.data.complaintCaseOpen.userErrors).toEqual([{ code: 'PARTICIPANT_NOT_FOUND' }]);
    const participant = { authorization: `Bearer ${await tokenFor('participant', holder.participantId)}` };
    expect(codeOf(await post(UPDATE, { input: { number: opened.number, status: 'OPEN' } }, participant))).toBe('FORBIDDEN');
  });

  it('ties a read to the case its purpose names; a wrong or unknown case is refused and leaves no record', async () => {
    const [person, other] = await cardholders(2);
    const mine = await openCase(person.participantId, 'Kartu tidak bisa dipakai');
    const theirs = await openCase(other.participantId, 'Sertifikat belum terbit');

    const read = await post(READ, { id: person.participantId }, await office(`complaint:${mine.number}`));
    expect(read.json.errors).toBeUndefined();
    expect(read.json.data.participant.nik).toBe(person.nik);

    const before = await accessCount(person.participantId);
    for (const purpose of [`complaint:${theirs.number}`, 'complaint:ADU-1999-999999']) {
      const refused = await post(READ, { id: person.participantId }, await office(purpose));
      expect(codeOf(refused)).toBe('PURPOSE_INVALID');
      expect(refused.json.data?.participant?.nik ?? null).toBeNull();
      expect(refused.text).not.toContain(person.nik);
    }
    expect(await accessCount(person.participantId)).toBe(before);

    const log = (await post(LOG, {}, { authorization: `Bearer ${await tokenFor('participant', person.participantId)}` })).json.data.me
      .personalDataAccessLog;
    const served = log.edges.map((e: { node: unknown }) => e.node).filter((n: { complaint: unknown }) => n.complaint);
    expect(served).toEqual([
      {
        purpose: `complaint:${mine.number}`,
        fields: ['fullName', 'nik'],
        complaint: { number: mine.number, subject: 'Kartu tidak bisa dipakai' },
      },
    ]);
    // The participant cannot reach the case record (internal notes) at all.
    const notes = await post(
      `query($n: String!) { complaintCase(number: $n) { notes } }`,
      { n: mine.number },
      {
        authorization: `Bearer ${await tokenFor('participant', person.participantId)}`,
      },
    );
    expect(codeOf(notes)).toBe('FORBIDDEN');
  });
});
