import { randomBytes } from 'node:crypto';
import type { Identity } from '../../common/identity';
import { subgraphQuery } from '../support/client';

export const ADMIN: Identity = { role: 'admin', subject: 'pmo-admin-1' };
export const ANALYST: Identity = { role: 'analyst', subject: 'analyst-1' };
export const PARTICIPANT: Identity = { role: 'participant', subject: 'participant-1' };
export const ANONYMOUS: Identity = { role: 'anonymous' };
export const SERVICE: Identity = { role: 'service', subject: 'gateway' };

export const q = (query: string, variables: Record<string, unknown> = {}, identity: Identity = ADMIN) =>
  subgraphQuery('partners', query, variables, identity);

export const uniqueSlug = (prefix = 'test') => `${prefix}-${randomBytes(4).toString('hex')}`;

export const CRITERIA = ['NATIONAL_REACH', 'PAYMENT_INTEGRATION', 'OWN_PORTAL', 'INSTITUTION_COOPERATION'] as const;
export const allPassing = () => CRITERIA.map((criterion) => ({ criterion, passed: true, note: 'verified' }));

const PAYLOAD = 'partner { id status } userErrors { code message field }';

export async function apply(slug = uniqueSlug()): Promise<string> {
  const res = await q(`mutation($input: PartnerApplyInput!) { partnerApply(input: $input) { ${PAYLOAD} } }`, {
    input: { slug, name: `Platform ${slug}`, website: `https://${slug}.example.id`, note: 'Letter 12/2020' },
  });
  expect(res.errors).toBeUndefined();
  expect(res.data!.partnerApply.userErrors).toEqual([]);
  return res.data!.partnerApply.partner.id;
}

/** Runs a transition mutation (`partnerEvaluationStart`, `partnerActivate`, ...) and returns its payload. */
export async function move(mutation: string, partnerId: string, reason = `test ${mutation}`, identity: Identity = ADMIN) {
  const res = await q(
    `mutation($input: PartnerTransitionInput!) { ${mutation}(input: $input) { ${PAYLOAD} } }`,
    { input: { partnerId, reason } },
    identity,
  );
  return res;
}

export async function recordEvaluation(
  partnerId: string,
  provincesReached = 30,
  criteria: Array<{ criterion: string; passed: boolean; note?: string }> = allPassing(),
) {
  return q(
    `mutation($input: PartnerEvaluationRecordInput!) { partnerEvaluationRecord(input: $input) {
      evaluation { id kind passed provincesReached criteria { criterion passed note } evaluator }
      partner { id mou { nextReviewAt } } userErrors { code message field } } }`,
    { input: { partnerId, provincesReached, criteria } },
  );
}

export async function signMou(
  partnerId: string,
  number = `MOU-TEST-${randomBytes(3).toString('hex')}/2024`,
  signedAt = '2024-03-20T00:00:00.000Z',
  nextReviewAt?: string,
) {
  return q(
    `mutation($input: PartnerMouSignInput!) { partnerMouSign(input: $input) { partner { id status mou { number signedAt nextReviewAt } } userErrors { code message } } }`,
    { input: { partnerId, number, signedAt, nextReviewAt, reason: 'MoU signed' } },
  );
}

/** A new platform taken all the way to ACTIVE. */
export async function activePartner(slug = uniqueSlug(), nextReviewAt?: string, signedAt?: string): Promise<string> {
  const id = await apply(slug);
  expect((await move('partnerEvaluationStart', id)).data!.partnerEvaluationStart.userErrors).toEqual([]);
  expect((await recordEvaluation(id)).data!.partnerEvaluationRecord.userErrors).toEqual([]);
  expect((await signMou(id, undefined, signedAt, nextReviewAt)).data!.partnerMouSign.userErrors).toEqual([]);
  expect((await move('partnerActivate', id)).data!.partnerActivate.userErrors).toEqual([]);
  return id;
}

export const codeOf = (res: { errors?: Array<{ extensions?: { code?: string } }> }) => res.errors?.[0]?.extensions?.code;

/** Every platform partnerReviewsDue lists at `asOf`, paging through the whole list (most overdue first). */
export async function reviewsDue(asOf: string, selection = 'id'): Promise<Array<Record<string, any>>> {
  const all: Array<Record<string, any>> = [];
  let after: string | null = null;
  for (;;) {
    const res = await q(
      `query($asOf: DateTime, $after: String) { partnerReviewsDue(first: 100, after: $after, asOf: $asOf) { edges { node { ${selection} } } pageInfo { hasNextPage endCursor } } }`,
      { asOf, after },
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    const page = res.data!.partnerReviewsDue;
    all.push(...page.edges.map((e: { node: Record<string, any> }) => e.node));
    if (!page.pageInfo.hasNextPage) return all;
    after = page.pageInfo.endCursor;
  }
}
