import { randomUUID } from 'node:crypto';
import { gatewayUrl, subgraphQuery, tokenFor } from '../support/client';
import { activePartnerCredential, codeOf, partnerPost, post, registerThroughGateway } from './support';

const PERSONAL = ['nik', 'familyCardNumber', 'fullName', 'birthDate', 'email', 'phone', 'address'];
const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Participant { id gender provinceCode ${PERSONAL.join(' ')} } } }`;

describe('authorization, field by field', () => {
  it('refuses an analyst asking for NIKs: FORBIDDEN, no data', async () => {
    const { id } = await registerThroughGateway();
    const analyst = { authorization: `Bearer ${await tokenFor('analyst', 'analyst-7')}` };
    const one = await post(`query($id: ID!) { participant(id: $id) { nik fullName } }`, { id }, analyst);
    expect(codeOf(one)).toBe('FORBIDDEN');
    expect(one.json.data?.participant ?? null).toBeNull();
    const list = await post(`{ participants(first: 5) { edges { node { nik } } } }`, {}, analyst);
    expect(codeOf(list)).toBe('FORBIDDEN');
    expect(list.text).not.toMatch(/\d{16}/);
    // Aggregates are theirs.
    const stats = await post(`{ participantStatistics { total byProvince { provinceCode count } } }`, {}, analyst);
    expect(stats.json.errors).toBeUndefined();
    expect(stats.json.data?.participantStatistics.total).toBeGreaterThan(0);
  });

  it('refuses every personal field through the entity path to an analyst, field by field, and the whole record to a partner', async () => {
    const { id } = await registerThroughGateway();
    const analyst = { role: 'analyst' as const, subject: 'a-1' };
    const res = await subgraphQuery('participants', ENTITIES, { r: [{ __typename: 'Participant', id }] }, analyst);
    const entity = res.data?._entities[0];
    expect(entity).toMatchObject({ id, provinceCode: '31' }); // the pseudonymous id and non-personal fields
    for (const field of PERSONAL) expect([field, entity[field]]).toEqual([field, null]);
    const refused = (res.errors ?? []).filter((e) => e.extensions?.code === 'FORBIDDEN').map((e) => e.path?.at(-1));
    expect(refused.sort()).toEqual([...PERSONAL].sort());
    expect(JSON.stringify(res)).not.toMatch(/\d{16}/);

    // A platform holds a per-platform participantReference instead (issue 14): no programme-wide id, no field at all.
    const partner = { role: 'partner' as const, partnerId: randomUUID(), subject: 'pk_x' };
    const asPartner = await subgraphQuery('participants', ENTITIES, { r: [{ __typename: 'Participant', id }] }, partner);
    expect(asPartner.data?._entities[0]).toBeNull();
    expect(JSON.stringify(asPartner)).not.toContain(id);
    expect(JSON.stringify(asPartner)).not.toMatch(/\d{16}/);
  });

  it("answers another participant's record as not found, through the query and through the entity path", async () => {
    const me = await registerThroughGateway();
    const other = await registerThroughGateway();
    const token = { authorization: `Bearer ${await tokenFor('participant', me.id)}` };
    const snoop = await post(`query($id: ID!) { participant(id: $id) { id nik fullName } }`, { id: other.id }, token);
    const missing = await post(`query($id: ID!) { participant(id: $id) { id nik fullName } }`, { id: randomUUID() }, token);
    expect(snoop.json).toEqual(missing.json); // the same answer whether or not the id exists
    expect(snoop.json.data?.participant).toBeNull();
    const viaEntities = await subgraphQuery(
      'participants',
      ENTITIES,
      {
        r: [
          { __typename: 'Participant', id: other.id },
          { __typename: 'Participant', id: me.id },
        ],
      },
      { role: 'participant', subject: me.id },
    );
    expect(viaEntities.data?._entities[0]).toBeNull();
    expect(viaEntities.data?._entities[1].nik).toBe(me.nik);
    expect(JSON.stringify(viaEntities)).not.toContain(other.nik);
  });

  it('gives a partner no personal data through the gateway', async () => {
    const { id } = await registerThroughGateway();
    const partner = await activePartnerCredential();
    const res = await partnerPost(gatewayUrl(), partner, `query($id: ID!) { participant(id: $id) { nik } }`, { id });
    expect(codeOf(res)).toBe('OPERATION_NOT_IN_CONTRACT'); // refused at the gateway; the subgraph refuses too (FORBIDDEN, tested there)
    expect(res.json.data?.participant ?? null).toBeNull();
  });
});
