import { gatewayQuery } from '../support/client';
import { courses, createCourse, createPartner, insertSale, partner, unique } from './fixtures';

/* Anyone (an employer) checks a certificate number through the gateway and learns only course, platform and date. */

const COMPLETE = `mutation($input: CompletionReportInput!) { completionReport(input: $input) { enrollment { status } userErrors { code } } }`;
const VERIFY = `query($number: String!) { certificateVerification(number: $number) { number genuine certificates { number issuedAt course { title } platform { name } } } }`;

/** A sale of `courseId` by `partnerId`, every session attended, completed with `number`. */
async function certify(partnerId: string, courseId: string, number: string) {
  const sale = await insertSale({
    partnerId,
    courseId,
    status: 'IN_PROGRESS',
    attendedSessions: 2,
    enrolledAt: new Date(Date.now() - 3_600_000),
  });
  const input = { enrollmentId: sale.enrollmentId, completedAt: new Date().toISOString(), score: 88, certificateNumber: number };
  const done = await courses(COMPLETE, { input }, partner(partnerId));
  expect(done.data!.completionReport).toEqual({ enrollment: { status: 'COMPLETED' }, userErrors: [] });
  return sale;
}

describe('certificate verification', () => {
  it('tells anyone a genuine number’s course, platform and date, and nothing about its holder', async () => {
    const [platform, other] = [await createPartner(), await createPartner()];
    const title = unique('Pelatihan Bersertifikat');
    const courseId = await createCourse({ title, sessionCount: 2 });
    const number = unique('CERT');
    const sale = await certify(platform, courseId, number);

    const res = await gatewayQuery(VERIFY, { number: `  ${number} ` });
    expect(res.errors).toBeUndefined();
    expect(res.data!.certificateVerification).toEqual({
      number,
      genuine: true,
      certificates: [
        { number, issuedAt: expect.any(String), course: { title }, platform: { name: expect.stringMatching(/^Platform courses-test/) } },
      ],
    });
    expect(JSON.stringify(res)).not.toContain(sale.participantId);
    // No path from a certificate to a person: the type has no such field.
    const asked = await gatewayQuery(`query($n: String!) { certificateVerification(number: $n) { certificates { participant { id } } } }`, {
      n: number,
    });
    expect(asked.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

    // Two platforms may issue the same number: both are listed, each with its platform.
    await certify(other, courseId, number);
    const both = await gatewayQuery(VERIFY, { number });
    expect(both.data!.certificateVerification.certificates).toHaveLength(2);
  });

  it('answers not genuine for an unknown number or one not yet issued, and refuses an empty or huge one', async () => {
    const unknown = await gatewayQuery(VERIFY, { number: unique('NOPE') });
    expect(unknown.data!.certificateVerification).toEqual({ number: expect.any(String), genuine: false, certificates: [] });
    for (const number of ['   ', 'x'.repeat(101)]) {
      const refused = await gatewayQuery(VERIFY, { number });
      expect(refused.data?.certificateVerification ?? null).toBeNull();
      expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
  });
});
