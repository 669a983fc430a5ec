import { db, subgraphQuery } from '../support/client';
import { ADMIN, asParticipant, makeKk, makeNik, REGISTER, registerPerson, SERVICE } from './fixtures';

const base = () => ({
  nik: makeNik('1992-02-29'),
  familyCardNumber: makeKk(),
  fullName: 'Budi Santoso',
  birthDate: '1992-02-29',
  email: 'budi@example.com',
  phone: '+62 812-3456-7890',
  address: 'Jl. Merdeka 5, Bandung',
  citizen: true,
  educationStatus: 'NOT_IN_EDUCATION',
  occupation: 'LAID_OFF',
});
const register = (input: Record<string, unknown>) => subgraphQuery('participants', REGISTER, { input }, { role: 'anonymous' });
const codes = (res: Awaited<ReturnType<typeof register>>) => res.data?.participantRegister.userErrors.map((e: { code: string }) => e.code);

const PERSONAL = `id nik nikMasked familyCardNumber fullName birthDate email phone address gender provinceCode provinceName`;

describe('participantRegister', () => {
  it('registers anyone with a valid NIK, deriving sex and province from it', async () => {
    const input = base();
    const res = await register(input);
    expect(codes(res)).toEqual([]);
    expect(res.data?.participantRegister.participant).toMatchObject({
      gender: 'MALE',
      provinceCode: '31',
      provinceName: 'Daerah Khusus Ibukota Jakarta',
      nikMasked: `${input.nik.slice(0, 4)}********${input.nik.slice(-4)}`,
    });
  });

  it('refuses invalid data with one userError per problem and changes nothing', async () => {
    expect(codes(await register({ ...base(), nik: '1001011708850001' }))).toEqual(['INVALID_NIK']);
    expect(codes(await register({ ...base(), birthDate: '1992-03-01' }))).toEqual(['BIRTH_DATE_MISMATCH']);
    expect(codes(await register({ ...base(), familyCardNumber: '3171010000000000' }))).toEqual(['INVALID_FAMILY_CARD']);
    expect(codes(await register({ ...base(), email: 'not-an-email', phone: '12345' }))).toEqual(['INVALID_EMAIL', 'INVALID_PHONE']);
  });

  it('refuses a second registration of the same NIK, also when concurrent', async () => {
    const input = base();
    const results = await Promise.all(Array.from({ length: 8 }, () => register(input)));
    expect(results.filter((r) => codes(r)!.length === 0)).toHaveLength(1);
    expect(results.filter((r) => codes(r)![0] === 'NIK_ALREADY_REGISTERED')).toHaveLength(7);
  });
});

describe('reading participants', () => {
  it('shows personal fields to the person and the programme office only', async () => {
    const id = await registerPerson();
    const other = await registerPerson();
    const self = await subgraphQuery('participants', `{ me { ${PERSONAL} } }`, {}, asParticipant(id));
    expect(self.data?.me).toMatchObject({
      id,
      fullName: 'Siti Rahmawati',
      email: 'siti@example.co.id',
      phone: '081234567890',
      birthDate: '1990-05-17',
    });
    expect(self.data?.me.nik).toMatch(/^\d{16}$/);
    const admin = await subgraphQuery('participants', `query($id: ID!) { participant(id: $id) { ${PERSONAL} } }`, { id }, ADMIN);
    expect(admin.data?.participant).toEqual(self.data?.me);

    const snoop = await subgraphQuery(
      'participants',
      `query($id: ID!) { participant(id: $id) { id fullName } }`,
      { id: other },
      asParticipant(id),
    );
    expect(snoop.errors).toBeUndefined();
    expect(snoop.data?.participant).toBeNull();
    const analyst = await subgraphQuery(
      'participants',
      `query($id: ID!) { participant(id: $id) { id } }`,
      { id },
      { role: 'analyst', subject: 'x' },
    );
    expect(analyst.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const list = await subgraphQuery('participants', `{ participants(first: 5) { totalCount } }`, {}, asParticipant(id));
    expect(list.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('resolves Participant entity references with the same rule', async () => {
    const id = await registerPerson();
    const other = await registerPerson();
    const query = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Participant { id nikMasked fullName nik } } }`;
    const reps = [
      { __typename: 'Participant', id },
      { __typename: 'Participant', id: other },
    ];
    const mine = await subgraphQuery('participants', query, { reps }, asParticipant(id));
    expect(mine.data?._entities[0]).toMatchObject({ id, fullName: 'Siti Rahmawati' });
    expect(mine.data?._entities[1]).toBeNull();
    const partner = await subgraphQuery('participants', query, { reps }, { role: 'partner', partnerId: 'p', subject: 'c' });
    // Platforms know a person only by Enrollment.participantReference: not even the masked NIK.
    expect(partner.data?._entities).toEqual([null, null]);
    const service = await subgraphQuery('participants', query, { reps }, SERVICE);
    expect(service.data?._entities[0].nikMasked).toMatch(/\*{8}/);
  });

  it('lists participants for the office with keyset pagination and a province filter', async () => {
    await registerPerson();
    await registerPerson();
    const page1 = await subgraphQuery(
      'participants',
      `{ participants(first: 1, provinceCode: "31") { totalCount edges { cursor node { id provinceCode } } pageInfo { hasNextPage endCursor } } }`,
      {},
      ADMIN,
    );
    const conn = page1.data?.participants;
    expect(conn.totalCount).toBeGreaterThanOrEqual(2);
    expect(conn.pageInfo.hasNextPage).toBe(true);
    const page2 = await subgraphQuery(
      'participants',
      `query($after: String) { participants(first: 1, after: $after, provinceCode: "31") { edges { node { id } } } }`,
      { after: conn.pageInfo.endCursor },
      ADMIN,
    );
    expect(page2.data?.participants.edges[0].node.id).not.toBe(conn.edges[0].node.id);
    const papua = await subgraphQuery(
      'participants',
      `{ participants(first: 100, provinceCode: "96") { totalCount edges { node { provinceCode } } } }`,
      {},
      ADMIN,
    );
    const { rows } = await db().query(`SELECT count(*)::int AS n FROM participants.participant WHERE province_code = '96'`);
    expect(papua.data?.participants.totalCount).toBe(rows[0].n);
    expect(new Set(papua.data?.participants.edges.map((e: { node: { provinceCode: string } }) => e.node.provinceCode))).toEqual(
      rows[0].n ? new Set(['96']) : new Set(),
    );
  });

  it('gives analysts aggregates only', async () => {
    await registerPerson({ occupation: 'MILITARY' });
    const res = await subgraphQuery(
      'participants',
      `{ participantStatistics { total eligibleCount byProvince { provinceCode count } byGender { gender count } byEligibilityReason { code count } } }`,
      {},
      { role: 'analyst', subject: 'a' },
    );
    const stats = res.data?.participantStatistics;
    expect(stats.total).toBeGreaterThan(0);
    expect(stats.byProvince.reduce((s: number, p: { count: number }) => s + p.count, 0)).toBe(stats.total);
    expect(stats.byEligibilityReason.find((r: { code: string }) => r.code === 'EXCLUDED_OCCUPATION').count).toBeGreaterThan(0);
    const denied = await subgraphQuery('participants', `{ participantStatistics { total } }`, {}, { role: 'partner', partnerId: 'p' });
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('inbox and completion (internal)', () => {
  it('delivers a message once and shows it only to its participant', async () => {
    const id = await registerPerson();
    const deliver = `mutation($input: InboxMessageDeliverInput!) { inboxMessageDeliver(input: $input) }`;
    const input = { participantId: id, referenceId: `otp-${id}`, subject: 'Kode OTP', body: 'Kode OTP Anda: 123456' };
    await Promise.all([1, 2, 3].map(() => subgraphQuery('participants', deliver, { input }, SERVICE)));
    const inbox = `{ me { inbox(first: 10) { totalCount edges { node { subject body createdAt } } } } }`;
    const mine = await subgraphQuery('participants', inbox, {}, asParticipant(id));
    expect(mine.data?.me.inbox.totalCount).toBe(1);
    expect(mine.data?.me.inbox.edges[0].node).toMatchObject({ subject: 'Kode OTP', body: 'Kode OTP Anda: 123456' });
    const admin = await subgraphQuery(
      'participants',
      `query($id: ID!) { participant(id: $id) { inbox(first: 10) { totalCount } } }`,
      { id },
      ADMIN,
    );
    expect(admin.data?.participant.inbox).toBeNull();
    const other = await registerPerson();
    const misrouted = await subgraphQuery('participants', deliver, { input: { ...input, participantId: other } }, SERVICE);
    expect(misrouted.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const theirs = await subgraphQuery('participants', inbox, {}, asParticipant(other));
    expect(theirs.data?.me.inbox.totalCount).toBe(0);
  });

  it('records the first completion once', async () => {
    const id = await registerPerson();
    const record = `mutation($input: ParticipantCompletionRecordInput!) { participantCompletionRecord(input: $input) }`;
    await subgraphQuery(
      'participants',
      record,
      { input: { participantId: id, enrollmentId: 'enr-1', completedAt: '2026-01-02T03:04:05Z' } },
      SERVICE,
    );
    await subgraphQuery(
      'participants',
      record,
      { input: { participantId: id, enrollmentId: 'enr-2', completedAt: '2026-02-02T03:04:05Z' } },
      SERVICE,
    );
    const me = await subgraphQuery(
      'participants',
      `{ me { incentiveStatus incentiveEnrollmentId firstCompletedAt } }`,
      {},
      asParticipant(id),
    );
    expect(me.data?.me).toEqual({
      incentiveStatus: 'AWAITING_REVIEW',
      incentiveEnrollmentId: 'enr-1',
      firstCompletedAt: '2026-01-02T03:04:05.000Z',
    });
    const refused = await subgraphQuery(
      'participants',
      record,
      { input: { participantId: id, enrollmentId: 'x', completedAt: '2026-01-02T03:04:05Z' } },
      ADMIN,
    );
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
