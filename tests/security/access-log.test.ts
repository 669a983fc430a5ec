import { db, tokenFor } from '../support/client';
import { codeOf, post, registerThroughGateway } from './support';
import { asAdmin, cardholder, partnerRequest, partnerWithCredential } from '../support/partner';

const LOG = `query MyAccessLog { me { personalDataAccessLog(first: 10) { totalCount edges { node { accessorRole accessorSubject fields purpose operation accessedAt } } } } }`;

describe('personal-data access record (UU PDP)', () => {
  it('records an office read (who, whose, which fields, purpose, operation, when) and shows it to the participant only', async () => {
    const person = await registerThroughGateway();
    const bystander = await registerThroughGateway();
    const admin = { authorization: `Bearer ${await tokenFor('admin', 'officer-12')}`, 'x-purpose': 'Complaint 2024/117 verification' };
    const read = await post(`query CaseReview($id: ID!) { participant(id: $id) { id nik fullName gender } }`, { id: person.id }, admin);
    expect(read.json.data?.participant.nik).toBe(person.nik);

    const own = { authorization: `Bearer ${await tokenFor('participant', person.id)}` };
    await post(`{ me { nik fullName phone } }`, {}, own); // reading one's own data is not recorded
    const log = await post(LOG, {}, own);
    expect(log.json.errors).toBeUndefined();
    const history = log.json.data?.me.personalDataAccessLog;
    expect(history.totalCount).toBe(1);
    expect(history.edges[0].node).toMatchObject({
      accessorRole: 'admin',
      accessorSubject: 'officer-12',
      fields: ['fullName', 'nik'],
      purpose: 'Complaint 2024/117 verification',
      operation: 'CaseReview',
    });
    expect(Date.now() - Date.parse(history.edges[0].node.accessedAt)).toBeLessThan(60_000);

    const theirs = await post(LOG, {}, { authorization: `Bearer ${await tokenFor('participant', bystander.id)}` });
    expect(theirs.json.data?.me.personalDataAccessLog.totalCount).toBe(0);
    const officeReadsLog = await post(
      `query($id: ID!) { participant(id: $id) { personalDataAccessLog(first: 5) { totalCount } } }`,
      { id: person.id },
      admin,
    );
    expect(codeOf(officeReadsLog)).toBe('FORBIDDEN');
  });

  it('records a platform’s eligibility check of a card: which platform, when, for which operation; shown to the holder', async () => {
    const holder = await cardholder(1_000_000);
    const platform = await partnerWithCredential();
    const { partner } = await asAdmin(`query($id: ID!) { partner(id: $id) { name } }`, { id: platform.partnerId });
    const own = { authorization: `Bearer ${await tokenFor('participant', holder.participantId)}` };
    const logOf = async () =>
      (
        await post(
          `{ me { personalDataAccessLog(first: 10) { totalCount edges { node { accessorRole accessorSubject fields operation accessedAt platform { id name } } } } } }`,
          {},
          own,
        )
      ).json.data?.me.personalDataAccessLog;
    const before = (await logOf()).totalCount;

    const checked = await partnerRequest(platform, 'CheckEligibility', { cardNumber: holder.cardNumber });
    expect(checked.data!.eligibility.eligible).toBe(true);
    const after = await logOf();
    expect(after.totalCount).toBe(before + 1);
    expect(after.edges[0].node).toMatchObject({
      accessorRole: 'partner',
      accessorSubject: platform.clientId,
      fields: ['availableBalance', 'cardStatus', 'purchaseDeadline'],
      operation: 'CheckEligibility',
      platform: { id: platform.partnerId, name: partner.name },
    });
    expect(Date.now() - Date.parse(after.edges[0].node.accessedAt)).toBeLessThan(60_000);

    // A number that is no card, or is malformed, touches nobody's record.
    const rows = async () => (await db().query(`SELECT count(*)::int AS n FROM participants.personal_data_access`)).rows[0].n;
    const total = await rows();
    await partnerRequest(platform, 'CheckEligibility', { cardNumber: '4111111111111111' });
    await partnerRequest(platform, 'CheckEligibility', { cardNumber: '1234' });
    expect(await rows()).toBe(total);
  });

  it('refuses an office read of personal data that declares no purpose, and records nothing', async () => {
    const person = await registerThroughGateway();
    const token = `Bearer ${await tokenFor('admin', 'officer-14')}`;
    for (const purpose of [undefined, '', '   ', '<<>>']) {
      const headers: Record<string, string> = { authorization: token, ...(purpose === undefined ? {} : { 'x-purpose': purpose }) };
      const res = await post(
        `query($id: ID!) { participant(id: $id) { id nik wallet { balance { amount } } } }`,
        { id: person.id },
        headers,
      );
      expect([purpose, codeOf(res)]).toEqual([purpose, 'PURPOSE_REQUIRED']);
      expect(res.text).not.toContain(person.nik);
    }
    // What is not personal data needs no purpose.
    const plain = await post(`query($id: ID!) { participant(id: $id) { id provinceName } }`, { id: person.id }, { authorization: token });
    expect(plain.json.errors).toBeUndefined();
    expect(plain.json.data?.participant.id).toBe(person.id);
    const { rows } = await db().query(`SELECT count(*)::int AS n FROM participants.personal_data_access WHERE participant_id = $1`, [
      person.id,
    ]);
    expect(rows[0].n).toBe(0);
  });

  it('writes one record per person per request, however many fields are read', async () => {
    const people = await Promise.all([registerThroughGateway(), registerThroughGateway()]);
    const admin = { authorization: `Bearer ${await tokenFor('admin', 'officer-13')}`, 'x-purpose': 'Data quality audit' };
    const res = await post(
      `query Two($a: ID!, $b: ID!) { a: participant(id: $a) { nik email address } b: participant(id: $b) { birthDate phone } }`,
      { a: people[0].id, b: people[1].id },
      admin,
    );
    expect(res.json.errors).toBeUndefined();
    const { rows } = await db().query(
      `SELECT participant_id, fields FROM participants.personal_data_access WHERE participant_id = ANY($1) ORDER BY fields`,
      [people.map((p) => p.id)],
    );
    expect(rows.map((r) => [r.participant_id, r.fields])).toEqual(
      expect.arrayContaining([
        [people[0].id, ['address', 'email', 'nik']],
        [people[1].id, ['birthDate', 'phone']],
      ]),
    );
    expect(rows).toHaveLength(2);
  });

  it('withholds the data when the access record cannot be written (fail closed)', async () => {
    const person = await registerThroughGateway();
    const admin = { authorization: `Bearer ${await tokenFor('admin', 'officer-15')}`, 'x-purpose': 'Fail-closed check' };
    // Make this one person's access record impossible to write, for the length of the test.
    await db().query(`CREATE FUNCTION participants.test_refuse_access_record() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.participant_id = '${person.id}' THEN RAISE EXCEPTION 'access record refused for test'; END IF; RETURN NEW; END $$`);
    await db().query(
      `CREATE TRIGGER test_refuse_access_record BEFORE INSERT ON participants.personal_data_access FOR EACH ROW EXECUTE FUNCTION participants.test_refuse_access_record()`,
    );
    try {
      const res = await post(`query($id: ID!) { participant(id: $id) { id nik } }`, { id: person.id }, admin);
      expect(codeOf(res)).toBe('INTERNAL_SERVER_ERROR');
      expect(res.json.data?.participant ?? null).toBeNull();
      expect(res.text).not.toContain(person.nik);
    } finally {
      await db().query(`DROP TRIGGER test_refuse_access_record ON participants.personal_data_access`);
      await db().query(`DROP FUNCTION participants.test_refuse_access_record()`);
    }
  });

  it('cannot be changed or erased: not through the graph, not with SQL', async () => {
    const sdl = require('node:fs').readFileSync(
      require('node:path').resolve(__dirname, '../../schema/supergraph.graphql'),
      'utf8',
    ) as string;
    const mutation = /type Mutation[^{]*\{([\s\S]*?)\n\}/.exec(sdl)![1];
    const fields = [...mutation.matchAll(/^ {2}(\w+)[(:]/gm)].map((m) => m[1]);
    expect(fields.length).toBeGreaterThan(10);
    expect(fields.filter((f) => /access|personalData/i.test(f))).toEqual([]);
    await expect(db().query(`UPDATE participants.personal_data_access SET purpose = 'rewritten'`)).rejects.toThrow(/append-only/);
    await expect(db().query(`DELETE FROM participants.personal_data_access`)).rejects.toThrow(/append-only/);
    await expect(db().query(`TRUNCATE participants.personal_data_access`)).rejects.toThrow(/append-only/);
  });
});
