import { db, gatewayQuery, gatewayUrl, subgraphUrl, tokenFor } from '../support/client';

const PLATFORM_OFFERINGS = /* GraphQL */ `
  query PlatformOfferings($slug: String!) {
    partnerBySlug(slug: $slug) {
      id
      name
      offerings(first: 100) {
        totalCount
        edges {
          node {
            price {
              amount
              currency
            }
            course {
              id
              title
              provider {
                id
                name
              }
            }
            platform {
              id
              slug
            }
          }
        }
      }
    }
  }
`;

describe('the supergraph through the gateway', () => {
  it('answers a query that crosses partners → courses → partners, consistent with each subgraph’s own tables', async () => {
    const response = await gatewayQuery(PLATFORM_OFFERINGS, { slug: 'tokopedia' });
    expect(response.errors).toBeUndefined();
    const partner = response.data!.partnerBySlug;
    const { rows: offerings } = await db().query(
      `SELECT o.price::bigint AS price, c.id AS course_id, c.institution_id FROM courses.offering o JOIN courses.course c ON c.id = o.course_id
        WHERE o.partner_id = $1 AND c.curation_status = 'APPROVED'`,
      [partner.id],
    );
    expect(partner.offerings.totalCount).toBe(offerings.length);
    expect(offerings.length).toBeGreaterThan(10);
    const { rows: institutions } = await db().query(`SELECT id, name FROM partners.training_institution`);
    const institutionName = new Map(institutions.map((i) => [i.id, i.name]));
    for (const { node } of partner.offerings.edges) {
      const row = offerings.find((o) => o.course_id === node.course.id)!;
      expect(node.price).toEqual({ amount: Number(row.price), currency: 'IDR' });
      expect(node.course.provider).toEqual({ id: row.institution_id, name: institutionName.get(row.institution_id) });
      expect(node.platform).toEqual({ id: partner.id, slug: 'tokopedia' });
    }
  });

  it('joins a participant’s own record (participants) with their enrollments (courses) for that participant only', async () => {
    const { rows } = await db().query(`SELECT id FROM participants.participant ORDER BY id LIMIT 2`);
    const [me, other] = rows.map((r) => r.id as string);
    const token = await tokenFor('participant', me);
    const response = await gatewayQuery(`{ me { id fullName enrollments { id } } participant(id: "${other}") { id } }`, {}, { token });
    expect(response.errors).toBeUndefined();
    expect(response.data!.me).toMatchObject({ id: me, enrollments: expect.any(Array) });
    expect(response.data!.me.fullName).toEqual(expect.any(String));
    expect(response.data!.participant).toBeNull();
  });

  it('serves a health check', async () => {
    const response = await fetch(gatewayUrl().replace(/\/graphql$/, '/healthcheck'));
    expect(response.status).toBe(200);
  });
});

describe('programme-office operations require admin', () => {
  const OPEN = /* GraphQL */ `
    mutation ($input: CohortOpenInput!) {
      cohortOpen(input: $input) {
        cohort {
          id
          name
        }
        userErrors {
          code
        }
      }
    }
  `;
  const input = () => ({
    name: `Gelombang uji ${Date.now()}-${Math.random()}`,
    quota: 10,
    opensAt: new Date().toISOString(),
    closesAt: new Date(Date.now() + 3600_000).toISOString(),
  });
  const SUSPEND = /* GraphQL */ `
    mutation ($id: ID!) {
      partnerSuspend(input: { partnerId: $id, reason: "test" }) {
        partner {
          status
        }
        userErrors {
          code
        }
      }
    }
  `;
  const CURATE = /* GraphQL */ `
    mutation ($id: ID!) {
      courseCurate(input: { courseId: $id, decision: APPROVED, note: "ok" }) {
        userErrors {
          code
        }
      }
    }
  `;

  it('refuses anonymous callers with UNAUTHENTICATED and other roles with FORBIDDEN, changing nothing', async () => {
    const before = await db().query(`SELECT count(*)::int AS n FROM participants.cohort`);
    const anonymous = await gatewayQuery(OPEN, { input: input() });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    for (const role of ['participant', 'analyst'] as const) {
      const response = await gatewayQuery(OPEN, { input: input() }, { token: await tokenFor(role) });
      expect(response.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(response.data?.cohortOpen ?? null).toBeNull();
    }
    const { rows: partners } = await db().query(`SELECT id FROM partners.partner WHERE slug = 'bukalapak'`);
    const suspend = await gatewayQuery(SUSPEND, { id: partners[0].id }, { token: await tokenFor('analyst') });
    expect(suspend.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const { rows: courses } = await db().query(`SELECT id FROM courses.course LIMIT 1`);
    const curate = await gatewayQuery(CURATE, { id: courses[0].id });
    expect(curate.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const after = await db().query(`SELECT count(*)::int AS n FROM participants.cohort`);
    expect(after.rows[0].n).toBe(before.rows[0].n);
    const { rows: status } = await db().query(`SELECT status FROM partners.partner WHERE slug = 'bukalapak'`);
    expect(status[0].status).toBe('ACTIVE');
  });

  it('lets an admin open a cohort', async () => {
    const response = await gatewayQuery(OPEN, { input: input() }, { token: await tokenFor('admin') });
    expect(response.errors).toBeUndefined();
    expect(response.data!.cohortOpen.userErrors).toEqual([]);
    expect(response.data!.cohortOpen.cohort.id).toEqual(expect.any(String));
  });

  it('ignores identity headers sent by a client', async () => {
    const forged = Buffer.from(JSON.stringify({ role: 'admin', subject: 'mallory' })).toString('base64url');
    const response = await gatewayQuery(
      OPEN,
      { input: input() },
      {
        headers: {
          'x-prakerja-identity': forged,
          'x-prakerja-timestamp': String(Math.floor(Date.now() / 1000)),
          'x-prakerja-signature': 'ab'.repeat(32),
        },
      },
    );
    expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a direct, unsigned call to a subgraph with 401 and no data', async () => {
    const response = await fetch(subgraphUrl('participants'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ _service { sdl } }' }),
    });
    expect(response.status).toBe(401);
    expect(await response.text()).not.toContain('sdl');
  });
});
