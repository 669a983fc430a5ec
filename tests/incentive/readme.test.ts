import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gatewayQuery, tokenFor } from '../support/client';

/** The queries of the README's Incentives section, against the demo data, each as the role its comment names. */
function examples(): string[] {
  const readme = readFileSync(resolve(__dirname, '../../README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Incentives'), readme.indexOf('## The web client'));
  return [...section.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]).filter((d) => !d.startsWith('mutation'));
}

describe('README incentive examples', () => {
  it('answer the office and a paid demo participant with the demo’s failed, paid and pending incentives', async () => {
    const [failed, states, mine] = examples();
    const admin = { token: await tokenFor('admin'), headers: { 'x-purpose': 'Incentive follow-up' } };
    const a = await gatewayQuery(failed, {}, admin);
    expect(a.errors).toBeUndefined();
    expect(a.data!.payouts.totalCount).toBeGreaterThanOrEqual(2);
    const b = await gatewayQuery(states, {}, admin);
    expect(b.errors).toBeUndefined();
    const paid = b.data!.paid.edges.map((e: any) => e.node.participant);
    expect(paid.length).toBeGreaterThan(0);
    expect(b.data!.pending.edges.length).toBeGreaterThan(0);
    const holder = paid.find((p: any) => p.incentive.status === 'PAID');
    const c = await gatewayQuery(mine, {}, { token: await tokenFor('participant', holder.id) });
    expect(c.errors).toBeUndefined();
    expect(c.data!.me.incentive.status).toBe('PAID');
    expect(c.data!.me.incentive.paidAmount.amount).toBeGreaterThan(0);
    expect(c.data!.me.incentive.ledger.length).toBeGreaterThan(0);
  });
});
