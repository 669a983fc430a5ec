import { createServer, type AddressInfo } from 'node:net';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type { Identity } from '../../common/identity';
import { luhnCheckDigit } from '../../common/luhn';
import { ADMIN, unique } from '../support/catalog';
import { db, subgraphQuery } from '../support/client';

export { ADMIN, codes, createCourse, createInstitution, offer, sharedInstitution, unique, type CourseOptions } from '../support/catalog';

/** Identities the gateway would sign for. */
export const ANONYMOUS: Identity = { role: 'anonymous' };
export const partner = (partnerId: string): Identity => ({ role: 'partner', partnerId, subject: `client-${partnerId.slice(0, 8)}` });
export const participant = (participantId: string): Identity => ({ role: 'participant', subject: participantId });

export const courses = <T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, identity: Identity = ADMIN) =>
  subgraphQuery<T>('courses', query, variables, identity);

/** A random, well-formed (Luhn-valid) card number. */
export function cardNumber(): string {
  const payload = `5${Array.from({ length: 14 }, () => Math.floor(Math.random() * 10)).join('')}`;
  return `${payload}${luhnCheckDigit(payload)}`;
}

/*
 * Courses and offerings name records of the partners subgraph, which the courses subgraph checks before
 * writing: the fixtures create real ones there, as the programme office would.
 */
const partners = <T = Record<string, any>>(query: string, variables: Record<string, unknown>) =>
  subgraphQuery<T>('partners', query, variables, ADMIN);

/** A platform that has just applied (APPLIED: enough to be listed on; the courses subgraph trusts the partner identity itself); returns its id. */
export async function createPartner(): Promise<string> {
  const slug = unique('courses-test');
  const res = await partners(
    `mutation($input: PartnerApplyInput!) { partnerApply(input: $input) { partner { id } userErrors { code } } }`,
    {
      input: { slug, name: `Platform ${slug}`, website: `https://${slug}.example.id`, note: 'courses test' },
    },
  );
  if (!res.data?.partnerApply.partner) throw new Error(`partnerApply failed: ${JSON.stringify(res)}`);
  return res.data.partnerApply.partner.id as string;
}

/** Ends a platform's cooperation (partnerTerminate, allowed from any status). */
export async function terminatePartner(partnerId: string): Promise<void> {
  const res = await partners(
    `mutation($input: PartnerTransitionInput!) { partnerTerminate(input: $input) { partner { status } userErrors { code } } }`,
    { input: { partnerId, reason: 'courses test' } },
  );
  if (res.data?.partnerTerminate.partner?.status !== 'TERMINATED') throw new Error(`partnerTerminate failed: ${JSON.stringify(res)}`);
}

export interface SaleOptions {
  partnerId: string;
  courseId: string;
  participantId?: string;
  amount?: number;
  status?: 'ENROLLED' | 'IN_PROGRESS' | 'COMPLETED' | 'CANCELLED';
  enrolledAt?: Date;
  attendedSessions?: number;
}

/** An authorized purchase and its enrollment, written straight to the tables (no wallet needed). */
export async function insertSale(options: SaleOptions) {
  const purchaseId = randomUUID();
  const enrollmentId = randomUUID();
  const invoiceCode = unique('INV');
  const participantId = options.participantId ?? randomUUID();
  const amount = options.amount ?? 500_000;
  const enrolledAt = options.enrolledAt ?? new Date();
  await db().query(
    `insert into courses.purchase (id, partner_id, invoice_code, card_number, participant_id, course_id, amount, status, otp_generation, otp_attempts, hold_expires_at, hold_released, created_at, updated_at, authorized_at)
     values ($1, $2, $3, $4, $5, $6, $7, 'AUTHORIZED', 1, 0, $8, false, $8, $8, $8)`,
    [purchaseId, options.partnerId, invoiceCode, cardNumber(), participantId, options.courseId, amount, enrolledAt],
  );
  await db().query(
    `insert into courses.enrollment (id, purchase_id, partner_id, participant_id, course_id, invoice_code, transaction_code, amount, status, enrolled_at, attended_sessions, completion_recorded, created_at, cancelled_at, refunded_amount)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, false, $10, $12, $13)`,
    [
      enrollmentId,
      purchaseId,
      options.partnerId,
      participantId,
      options.courseId,
      invoiceCode,
      unique('TRX'),
      amount,
      options.status ?? 'ENROLLED',
      enrolledAt,
      options.attendedSessions ?? 0,
      options.status === 'CANCELLED' ? enrolledAt : null,
      options.status === 'CANCELLED' ? amount : null,
    ],
  );
  return { purchaseId, enrollmentId, invoiceCode, participantId, amount };
}

/** A purchase awaiting its OTP, with a known OTP hash, written straight to the table. */
export async function insertPendingPurchase(options: {
  partnerId: string;
  courseId: string;
  amount: number;
  otpHash: string | null;
  otpExpiresAt: Date;
  holdExpiresAt?: Date;
  card?: string;
  id?: string;
  invoiceCode?: string;
}) {
  const id = options.id ?? randomUUID();
  const invoiceCode = options.invoiceCode ?? unique('INV');
  const card = options.card ?? cardNumber();
  const now = new Date();
  await db().query(
    `insert into courses.purchase (id, partner_id, invoice_code, card_number, participant_id, course_id, amount, status, otp_hash, otp_generation, otp_expires_at, otp_attempts, hold_expires_at, hold_released, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, 'AWAITING_OTP', $8, 1, $9, 0, $10, false, $11, $11)`,
    [
      id,
      options.partnerId,
      invoiceCode,
      card,
      randomUUID(),
      options.courseId,
      options.amount,
      options.otpHash,
      options.otpExpiresAt,
      options.holdExpiresAt ?? new Date(now.getTime() + 600_000),
      now,
    ],
  );
  return { id, invoiceCode, card };
}

/** Starts a courses process of its own (same database, participants and partners), optionally with a crash-test fault. */
/** A TCP port the operating system has just found free on 127.0.0.1. */
async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

export async function startCourses(env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  // A port no process listens on now: a random one beside the suite's could belong to a process another test
  // left behind, whose health answer would then stand for this child's, which had exited on EADDRINUSE.
  const port = await unusedPort();
  const urls = JSON.parse(process.env.TEST_SUBGRAPH_URLS!);
  const child = spawn(process.execPath, [resolve(__dirname, '../../dist/subgraphs/courses/index.js')], {
    env: {
      ...process.env,
      COURSES_PORT: String(port),
      PARTICIPANTS_URL: urls.participants,
      PARTNERS_URL: urls.partners,
      PRAKERJA_LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
      ...env,
    },
    stdio: 'ignore',
  });
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`courses process exited during start-up (code ${child.exitCode})`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return { url: `http://127.0.0.1:${port}/graphql`, child };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('courses process did not start');
}
