import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { Identity } from '../../common/identity';
import { db, signedHeaders } from '../support/client';
import { cardNumber, createCourse, createPartner, offer, partner, startCourses, unique } from './fixtures';

const START = `mutation($input: PurchaseStartInput!) { purchaseStart(input: $input) { purchase { id status } userErrors { code } } }`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A scripted participants subgraph, so that the losing twin of two concurrent starts deterministically sees
 * its hold placement fail while the winner's succeeds. It answers only for the test's card; anything else
 * (the spawned process's reconciler pass) gets a 500 and changes nothing.
 */
function fakeParticipants(card: string) {
  const calls = { walletCard: 0, holdPlace: 0, holdRelease: [] as string[] };
  let winnerPlacing!: () => void;
  const winnerIsPlacing = new Promise<void>((r) => (winnerPlacing = r));
  let twinDone!: () => void;
  const twinIsDone = new Promise<void>((r) => (twinDone = r));
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', async () => {
      const { query, variables } = JSON.parse(raw) as { query: string; variables: Record<string, any> };
      const send = (status: number, body: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (query.includes('walletCard') && variables.cardNumber === card) {
        // The second start gets the card only once the first has inserted its row (and is placing its hold).
        if (calls.walletCard++ > 0) await winnerIsPlacing;
        return send(200, {
          data: {
            walletCard: {
              participantId: PARTICIPANT,
              cardNumber: card,
              status: 'ACTIVE',
              purchaseDeadline: null,
              balance: 3_500_000,
              availableBalance: 3_500_000,
            },
          },
        });
      }
      if (query.includes('walletHoldPlace') && variables.input?.cardNumber === card) {
        if (calls.holdPlace++ > 0) return send(500, { errors: [{ message: 'timeout' }] }); // the twin's call fails
        winnerPlacing();
        await Promise.race([twinIsDone, sleep(10_000)]); // the winner's hold is placed only after the twin has failed and answered
        const { referenceId, amount, expiresAt } = variables.input;
        return send(200, {
          data: {
            walletHoldPlace: { hold: { referenceId, participantId: PARTICIPANT, amount, status: 'ACTIVE', expiresAt }, userErrors: [] },
          },
        });
      }
      if (query.includes('walletHoldRelease')) calls.holdRelease.push(variables.id);
      if (query.includes('inboxMessageDeliver') && variables.input?.participantId === PARTICIPANT)
        return send(200, { data: { inboxMessageDeliver: true } });
      return send(500, { errors: [{ message: 'not scripted' }] });
    });
  });
  return { server, calls, twinDone: () => twinDone() };
}
const PARTICIPANT = randomUUID();

describe('concurrent identical purchaseStart calls', () => {
  let server: Server;
  afterAll(() => new Promise((r) => server?.close(r)));

  it('a twin whose hold placement fails does not undo the winner’s purchase or release its hold', async () => {
    const partnerId = await createPartner();
    const courseId = await createCourse();
    await offer(courseId, partnerId, 500_000);
    const card = cardNumber();
    const fake = fakeParticipants(card);
    server = fake.server;
    const port = Number(process.env.TEST_PORT_BASE ?? 4100) + 95;
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
    const other = await startCourses({ PARTICIPANTS_URL: `http://127.0.0.1:${port}/graphql`, COURSES_RECONCILE_INTERVAL_MS: '3600000' });
    try {
      const as: Identity = partner(partnerId);
      const body = JSON.stringify({
        query: START,
        variables: { input: { cardNumber: card, courseId, invoiceCode: unique('INV'), amount: 500_000 } },
      });
      const post = () => fetch(other.url, { method: 'POST', headers: signedHeaders(as, body), body }).then((r) => r.json());
      const answers = await Promise.all([post(), post()].map((p) => p.then((answer: any) => (answer.errors && fake.twinDone(), answer))));
      const first = answers.find((a) => !a.errors);
      const second = answers.find((a) => a.errors);
      expect(first?.data.purchaseStart).toMatchObject({ purchase: { status: 'AWAITING_OTP' }, userErrors: [] });
      expect(second?.errors[0].extensions.code).toBe('INTERNAL_SERVER_ERROR'); // its wallet call failed
      const rows = (await db().query('select id, status, otp_generation from courses.purchase where partner_id = $1', [partnerId])).rows;
      expect(rows).toEqual([{ id: first.data.purchaseStart.purchase.id, status: 'AWAITING_OTP', otp_generation: 1 }]);
      expect(fake.calls.holdRelease).not.toContain(first.data.purchaseStart.purchase.id);
    } finally {
      other.child.kill('SIGTERM');
      await new Promise((r) => other.child.once('exit', r));
    }
  });
});
