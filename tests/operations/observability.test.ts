import { randomUUID } from 'node:crypto';
import { db, tokenFor } from '../support/client';
import { insertSale } from '../courses/fixtures';
import { startOtlpReceiver, type ReceivedSpan } from './otlp-receiver';
import { freePort, kill, startProcess, type Started } from './processes';

/*
 * A stack of our own, traced into a collector of our own: the gateway, the partners and courses subgraphs as
 * real processes with OTEL_EXPORTER_OTLP_ENDPOINT pointing at the receiver and metrics ports of their own.
 * The gateway's participants subgraph is a closed port, so a request that needs it fails and is logged.
 */

const port = () => freePort(3);
const CLOSED = `http://127.0.0.1:${port()}/graphql`;

let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
const running: Started[] = [];
let gateway: Started, courses: Started;
const metricsPorts = { gateway: port(), courses: port(), partners: port() };

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  const traced = { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: '100', PRAKERJA_LOG_LEVEL: 'info' };
  const partnersPort = port();
  const partners = await startProcess('subgraphs/partners/index.js', partnersPort, '/ready', {
    ...traced,
    PARTNERS_PORT: String(partnersPort),
    PARTNERS_METRICS_PORT: String(metricsPorts.partners),
  });
  running.push(partners);
  const coursesPort = port();
  courses = await startProcess('subgraphs/courses/index.js', coursesPort, '/ready', {
    ...traced,
    COURSES_PORT: String(coursesPort),
    COURSES_METRICS_PORT: String(metricsPorts.courses),
    PARTNERS_URL: partners.url,
  });
  running.push(courses);
  const gatewayPort = port();
  gateway = await startProcess('gateway/index.js', gatewayPort, '/readiness', {
    ...traced,
    GATEWAY_PORT: String(gatewayPort),
    GATEWAY_METRICS_PORT: String(metricsPorts.gateway),
    PARTNERS_URL: partners.url,
    COURSES_URL: courses.url,
    PARTICIPANTS_URL: CLOSED,
    GATEWAY_PERSON_FIELDS_PER_MINUTE: '5',
  });
  running.push(gateway);
}, 120_000);

afterAll(async () => {
  if (process.env.TEST_DUMP_SPANS) console.log([...new Set(receiver.spans.map((s) => `${s.service} ${s.kind} ${s.name}`))].join('\n'));
  running.forEach(kill);
  await receiver?.close();
});

async function send(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, json: (await response.json()) as { data?: any; errors?: Array<{ extensions?: { code?: string } }> } };
}

const spansOf = (traceId: string) => receiver.spans.filter((s) => s.traceId === traceId);
const byId = (spans: ReceivedSpan[]) => new Map(spans.map((s) => [s.spanId, s]));
/** The services on the way from `span` up to the trace's root, nearest first; throws if a parent is missing. */
function ancestry(span: ReceivedSpan, spans: ReceivedSpan[]): string[] {
  const index = byId(spans);
  const path: string[] = [];
  for (let at: ReceivedSpan | undefined = span; at; at = at.parentSpanId ? index.get(at.parentSpanId) : undefined) {
    path.push(at.service);
    if (at.parentSpanId && !index.has(at.parentSpanId)) throw new Error(`${at.service}:${at.name} has a parent that was not exported`);
  }
  return path;
}
const isSql = (s: ReceivedSpan) => typeof (s.attributes['db.statement'] ?? s.attributes['db.query.text']) === 'string';

describe('traces', () => {
  it('follow one request from the gateway through each subgraph it reaches down to SQL, in one trace', async () => {
    const catalogue = await send(`query TracedCatalogue { courses(first: 2) { edges { node { title provider { name } } } } }`);
    expect(catalogue.json.errors).toBeUndefined();
    expect(catalogue.json.data.courses.edges[0].node.provider.name).toEqual(expect.any(String));

    // Wait for the gateway's root span of this operation, then for spans of both subgraphs in its trace.
    const ofOperation = (s: ReceivedSpan) => s.service === 'gateway' && s.name.includes('TracedCatalogue');
    await receiver.until((spans) => spans.some(ofOperation));
    const traceId = receiver.spans.find(ofOperation)!.traceId;
    await receiver.until(() => ['courses', 'partners'].every((service) => spansOf(traceId).some((s) => s.service === service && isSql(s))));
    const trace = spansOf(traceId);
    for (const service of ['courses', 'partners']) {
      const sql = trace.find((s) => s.service === service && isSql(s))!;
      // The statement's span descends from its subgraph's, which descends from the gateway's root.
      const path = ancestry(sql, trace);
      expect(path[0]).toBe(service);
      expect(path[path.length - 1]).toBe('gateway');
      expect(sql.attributes['db.statement'] ?? sql.attributes['db.query.text']).toMatch(/select/i);
    }
    // One trace per request: no other root in it.
    expect(trace.filter((s) => !s.parentSpanId)).toHaveLength(1);
  });

  it('carry the trace context across a signed internal call (courses asks partners), which still verifies', async () => {
    const admin = await tokenFor('admin', `obs-${randomUUID()}`);
    const submitted = await send(
      `mutation TracedSubmit($input: CourseSubmitInput!) { courseSubmit(input: $input) { course { id } userErrors { code } } }`,
      {
        input: {
          institutionId: randomUUID(),
          title: 'Pelatihan Jejak',
          description: 'Kursus untuk pengujian jejak.',
          category: 'TECHNOLOGY',
          mode: 'WEBINAR',
          sessionCount: 1,
          minimumDurationMinutes: 0,
        },
      },
      { authorization: `Bearer ${admin}` },
    );
    // Partners answered the signed call (traceparent attached): an unknown institution, not a failed call.
    expect(submitted.json.data.courseSubmit.userErrors).toEqual([{ code: 'INSTITUTION_NOT_FOUND' }]);

    const isInternal = (s: ReceivedSpan) =>
      s.service === 'partners' && s.kind === 2 && spansOf(s.traceId).some((p) => p.name.includes('TracedSubmit'));
    await receiver.until((spans) => spans.some(isInternal));
    const served = receiver.spans.find(isInternal)!;
    const trace = spansOf(served.traceId);
    // partners' server span ← courses' fetch (client) span ← … ← the gateway's root.
    const client = byId(trace).get(served.parentSpanId!)!;
    expect({ service: client.service, kind: client.kind }).toEqual({ service: 'courses', kind: 3 });
    expect(ancestry(served, trace).at(-1)).toBe('gateway');
  });

  it('start a fresh trace at the gateway whatever traceparent a client sends', async () => {
    const forged = '0af7651916cd43dd8448eb211c80319c';
    await send(`query ForgedParent { courses(first: 1) { totalCount } }`, {}, { traceparent: `00-${forged}-b7ad6b7169203331-01` });
    await receiver.until((spans) =>
      spans.some((s) => s.service === 'courses' && spansOf(s.traceId).some((p) => p.name.includes('ForgedParent'))),
    );
    expect(receiver.spans.filter((s) => s.traceId === forged)).toEqual([]);
  });

  it('export no NIK written into a document or an operation name, nor the document', async () => {
    const nik = '3171014101900001';
    await send(`query LiteralNik { courses(first: 1, after: "${nik}") { totalCount } }`);
    await send(`query Nik${nik} { courses(first: 1) { totalCount } }`);
    // Both operations reached courses (the second under its masked name); then the other batches of that moment.
    await receiver.until((spans) =>
      ['LiteralNik', 'Nik3171********0001'].every((name) => spans.some((s) => s.service === 'courses' && s.name.includes(name))),
    );
    await new Promise((r) => setTimeout(r, 500));
    expect(receiver.bodies.join('\n')).not.toContain(nik);
  });
});

describe('logs', () => {
  it('are JSON lines with a level and, inside a request, its trace id', async () => {
    // The participants subgraph is unreachable: the gateway logs the failure inside the request's trace.
    const answer = await send(`query NeedsParticipants { cohorts(first: 5) { totalCount } }`);
    expect(answer.json.errors?.[0].extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
    await receiver.until((spans) => spans.some((s) => s.service === 'gateway' && s.name.includes('NeedsParticipants')));
    const traceId = receiver.spans.find((s) => s.service === 'gateway' && s.name.includes('NeedsParticipants'))!.traceId;
    const lines = gateway
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { level: string; traceId?: string; message: string });
    expect(lines.every((line) => ['info', 'warn', 'error'].includes(line.level))).toBe(true);
    expect(lines.filter((line) => line.traceId === traceId).map((line) => line.level)).toContain('error');
  });
});

describe('metrics', () => {
  const scrape = async (name: keyof typeof metricsPorts) => (await fetch(`http://127.0.0.1:${metricsPorts[name]}/metrics`)).text();
  /** The value of the series `name` whose labels include `labels`, from Prometheus's text format. */
  const value = (text: string, name: string, labels: Record<string, string>) => {
    const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
    const line = text.split('\n').find((l) => {
      const match = /^([a-z_:]+)\{(.*)\} /.exec(l);
      return match?.[1] === name && wanted.every((label) => match[2].split(',').includes(label));
    });
    return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
  };

  it('count requests, latencies and errors by operation, database pools and quota refusals', async () => {
    for (let i = 0; i < 3; i++) await send(`query MeteredCatalogue { courses(first: 1) { totalCount } }`);
    // A person's quota is 5 fields a minute here and this selects 5: the second is refused (the third, if a
    // minute began between the first two) before any subgraph is called.
    const person = { authorization: `Bearer ${await tokenFor('analyst', `obs-${randomUUID()}`)}` };
    const statuses: number[] = [];
    for (let i = 0; i < 3 && !statuses.includes(429); i++)
      statuses.push((await send(`query Greedy { courses(first: 1) { totalCount edges { node { title } } } }`, {}, person)).status);
    expect(statuses.filter((status) => status === 429)).toHaveLength(1);

    const atGateway = await scrape('gateway');
    const gatewayOp = { service: 'gateway', operation: 'MeteredCatalogue' };
    expect(value(atGateway, 'prakerja_graphql_requests_total', gatewayOp)).toBe(3);
    expect(value(atGateway, 'prakerja_graphql_request_duration_seconds_count', gatewayOp)).toBe(3);
    expect(value(atGateway, 'prakerja_graphql_request_duration_seconds_bucket', { ...gatewayOp, le: '+Inf' })).toBe(3);
    expect(value(atGateway, 'prakerja_gateway_quota_refusals_total', { service: 'gateway', caller: 'person' })).toBe(1);
    expect(value(atGateway, 'prakerja_graphql_errors_total', { service: 'gateway', operation: 'Greedy', code: 'RATE_LIMITED' })).toBe(1);

    const atCourses = await scrape('courses');
    const coursesOp = { service: 'courses', operation: 'MeteredCatalogue' };
    expect(value(atCourses, 'prakerja_graphql_requests_total', coursesOp)).toBe(3);
    expect(value(atCourses, 'prakerja_graphql_request_duration_seconds_count', coursesOp)).toBe(3);
    for (const state of ['in_use', 'idle'])
      expect(value(atCourses, 'prakerja_db_pool_connections', { service: 'courses', state })).toEqual(expect.any(Number));
    expect(value(atCourses, 'prakerja_db_pool_connections', { service: 'courses', state: 'idle' })).toBeGreaterThan(0);
    expect(value(atCourses, 'prakerja_db_pool_waiting', { service: 'courses' })).toBe(0);
    expect(value(atCourses, 'prakerja_db_pool_max', { service: 'courses' })).toBeGreaterThan(0);
  });

  it("count the reconciler's backlog per step: a completion it cannot record waits", async () => {
    const [course] = (await db().query('select id from courses.course limit 1')).rows;
    const sale = await insertSale({ partnerId: randomUUID(), courseId: course.id, status: 'COMPLETED' });
    const metricsPort = port();
    const coursesPort = port();
    // Its participants subgraph is a closed port: the completion cannot be recorded, so it stays in the backlog.
    const reconciling = await startProcess('subgraphs/courses/index.js', coursesPort, '/ready', {
      COURSES_PORT: String(coursesPort),
      COURSES_METRICS_PORT: String(metricsPort),
      COURSES_RECONCILE_INTERVAL_MS: '200',
      PARTICIPANTS_URL: CLOSED,
      PRAKERJA_LOG_LEVEL: 'silent',
    });
    running.push(reconciling);
    try {
      const backlog = async (step: string) =>
        value(await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text(), 'prakerja_courses_reconciler_backlog', { step });
      const deadline = Date.now() + 10_000;
      while (((await backlog('completion_record')) ?? 0) < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(await backlog('completion_record')).toBeGreaterThanOrEqual(1);
      for (const step of ['hold_release', 'otp_delivery', 'capture', 'refund']) expect(await backlog(step)).toEqual(expect.any(Number));
      // Recorded (as the participants subgraph would have it), it leaves the backlog at the next pass.
      const before = (await backlog('completion_record'))!;
      await db().query('update courses.enrollment set completion_recorded = true where id = $1', [sale.enrollmentId]);
      await new Promise((r) => setTimeout(r, 600));
      expect(await backlog('completion_record')).toBeLessThan(before);
    } finally {
      await db().query('update courses.enrollment set completion_recorded = true where id = $1', [sale.enrollmentId]);
      kill(reconciling);
    }
  });

  it('are served on their own port only, not on the public GraphQL port', async () => {
    const publicPort = new URL(gateway.url).port;
    const viaPublic = await fetch(`http://127.0.0.1:${publicPort}/metrics`);
    expect(viaPublic.status).toBe(404);
    expect(await viaPublic.text()).not.toContain('prakerja_');
    expect((await fetch(`http://127.0.0.1:${publicPort}/graphql/metrics`)).status).not.toBe(200);
  });

  it('bound client-chosen operation names: digits and names past the cap count as other', async () => {
    await send(`query Nik3171014101900001 { courses(first: 1) { totalCount } }`);
    const atGateway = await scrape('gateway');
    expect(atGateway).not.toContain('3171014101900001');
    expect(value(atGateway, 'prakerja_graphql_requests_total', { service: 'gateway', operation: 'other' })).toBeGreaterThanOrEqual(1);
  });
});
