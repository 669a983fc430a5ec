import type { Browser, Page } from 'playwright-core';
import { db, gatewayQuery } from '../support/client';
import { createPartner } from '../courses/fixtures';
import { cardholder, type Cardholder } from '../support/partner';
import { completedEnrollment, newAccountNumber, providerAccount, someoneElsesNik, transfersTo } from '../incentive/support';
import {
  DEMO_PASSWORD,
  horizontalOverflow,
  launchChromium,
  phonePage,
  seriousViolations,
  signInAt,
  snapshot,
  startWebClient,
} from './support';

/*
 * What follows a completed course, in the browser through the gateway and the real stack (the simulated
 * disbursement provider and the participants subgraph's payout sender included): the review that makes the
 * incentive owed, the payout account checked against the NIK, the payout paid, a survey answered once, the inbox.
 */
jest.setTimeout(180_000);

let web: Awaited<ReturnType<typeof startWebClient>>;
let browser: Browser;
let holder: Cardholder;
let enrollmentId: string;

beforeAll(async () => {
  holder = await cardholder();
  enrollmentId = await completedEnrollment(holder, await createPartner());
  web = await startWebClient([{ id: holder.participantId, email: holder.email, name: holder.fullName }]);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await web?.stop();
});

const incentiveStatus = (page: Page, status: string) =>
  page.locator(`[data-testid="incentive-status"][data-status="${status}"]`).waitFor({ timeout: 30_000 });
const alert = (page: Page, text: string | RegExp) => page.getByRole('alert').filter({ hasText: text }).waitFor();
const payoutAccounts = async () =>
  (await db().query(`select count(*)::int as n from participants.payout_account where participant_id = $1`, [holder.participantId])).rows[0]
    .n as number;

it('reviews the completed course, registers an account (a stranger’s refused), is paid, answers a survey once, reads the inbox', async () => {
  const page = await phonePage(browser);
  await signInAt(page, web.url, holder.email, DEMO_PASSWORD);
  await page.getByRole('heading', { name: `Halo, ${holder.fullName}` }).waitFor();
  const enrollment = page.getByTestId('enrollment').filter({ hasText: 'Selesai' });
  await enrollment.getByText('Kehadiran 1 dari 1 sesi').waitFor();
  await incentiveStatus(page, 'AWAITING_REVIEW');
  expect(await page.getByTestId('incentive-amount').textContent()).toBe('Rp600.000');
  await page.getByText('Survei dibuka setelah insentif pelatihan jatuh tempo.').waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await snapshot(page, '10-awaiting-review');

  // The API's rule, in the person's language; nothing stored.
  await enrollment.getByLabel('5 bintang').check();
  await enrollment.getByLabel('Ulasan Anda (10–2000 karakter)').fill('Bagus');
  await enrollment.getByRole('button', { name: 'Kirim ulasan' }).click();
  await alert(page, 'Ulasan harus 10 sampai 2000 karakter.');
  expect((await db().query(`select 1 from courses.review where enrollment_id = $1`, [enrollmentId])).rowCount).toBe(0);
  await enrollment.getByLabel('Ulasan Anda (10–2000 karakter)').fill('Materinya jelas dan langsung bisa dipraktikkan.');
  await enrollment.getByRole('button', { name: 'Kirim ulasan' }).click();
  await enrollment.getByTestId('review').filter({ hasText: 'Ulasan Anda: 5 dari 5 bintang' }).waitFor();
  // The participants subgraph hears of the review from the courses feed; the page reads the incentive until then.
  await incentiveStatus(page, 'DUE');
  await page.getByTestId('payout').filter({ hasText: 'Menunggu dikirim' }).filter({ hasText: 'Rp600.000' }).waitFor();
  await page.getByText('Daftarkan rekening atau dompet digital agar insentif bisa dikirim.').waitFor();

  // An e-wallet in someone else's name: refused with the reason, nothing stored, nothing sent.
  const strangers = newAccountNumber();
  await providerAccount(strangers, someoneElsesNik());
  await page.getByLabel('Jenis').selectOption('EWALLET');
  await page.getByLabel('Penyedia').selectOption('GOPAY');
  await page.getByLabel('Nomor rekening atau nomor HP dompet digital').fill(strangers);
  await page.getByRole('button', { name: 'Daftarkan rekening' }).click();
  await alert(page, 'NIK pemilik rekening tidak sama dengan NIK Anda. Rekening tidak disimpan.');
  expect(await payoutAccounts()).toBe(0);
  expect(await transfersTo(strangers)).toEqual([]);
  await page.getByText('Belum ada rekening terdaftar.').waitFor();
  await snapshot(page, '11-nik-mismatch');

  // Their own account: stored masked, and the sender pays the payout to it; the page follows it to PAID.
  const own = newAccountNumber();
  await providerAccount(own, holder.nik, 'DANA');
  await page.getByLabel('Penyedia').selectOption('DANA');
  await page.getByLabel('Nomor rekening atau nomor HP dompet digital').fill(own);
  await page.getByRole('button', { name: 'Daftarkan rekening' }).click();
  await page
    .getByTestId('payout-account-number')
    .filter({ hasText: own.slice(-4) })
    .waitFor();
  expect(await page.getByTestId('payout-account-number').textContent()).not.toContain(own.slice(0, 6));
  expect(await payoutAccounts()).toBe(1);
  await page.locator('[data-testid="payout"][data-status="PAID"]').filter({ hasText: 'Percobaan: 1' }).waitFor({ timeout: 30_000 });
  await incentiveStatus(page, 'PAID');
  expect(await page.getByTestId('incentive-paid').textContent()).toBe('Rp600.000');
  const [paid] = await transfersTo(own);
  expect(paid).toMatchObject({ executions: 1, amount: 600_000 });
  expect(await page.getByTestId('payout').getByText(paid.reference).count()).toBe(1);
  await snapshot(page, '12-paid');

  // A survey answered once: a second tab still showing the form is refused, with the reason shown.
  const second = await page.context().newPage();
  await second.goto(web.url);
  await second.getByRole('button', { name: 'Masuk' }).click(); // still signed in at the provider: straight back
  const stale = second.locator('form[data-survey="TRAINING_EVALUATION"]');
  await stale.waitFor();
  const form = page.locator('form[data-survey="TRAINING_EVALUATION"]');
  const questions = form.locator('select');
  expect(await questions.count()).toBe(3);
  for (const [i, score] of ['5', '4', '5'].entries()) await questions.nth(i).selectOption(score);
  await form.getByRole('button', { name: 'Kirim jawaban Evaluasi pelatihan' }).click();
  await page
    .locator('[data-survey="TRAINING_EVALUATION"]')
    .getByTestId('survey-answered')
    .filter({ hasText: 'Sudah dijawab: 5, 4, 5' })
    .waitFor();
  for (let i = 0; i < 3; i++) await stale.locator('select').nth(i).selectOption('1');
  await stale.getByRole('button', { name: 'Kirim jawaban Evaluasi pelatihan' }).click();
  await alert(second, 'Anda sudah menjawab survei ini; setiap survei dibayar sekali.');
  await snapshot(second, '13-survey-refused');
  await second.close();
  const { rows: responses } = await db().query(`select answers from participants.survey_response where participant_id = $1`, [
    holder.participantId,
  ]);
  expect(responses.map((r) => r.answers)).toEqual([[5, 4, 5]]);
  await page
    .locator('[data-testid="payout"][data-status="PAID"]')
    .filter({ hasText: 'Survei: Evaluasi pelatihan' })
    .waitFor({ timeout: 30_000 });
  expect(await page.getByTestId('incentive-paid').textContent()).toBe('Rp650.000');

  // The inbox says what is unread; marking all read reads them all.
  await page.getByRole('button', { name: 'Perbarui' }).click();
  await page.getByTestId('inbox-message').filter({ hasText: 'Rp600.000' }).and(page.locator('[data-read="false"]')).first().waitFor();
  expect(await page.getByTestId('inbox-unread').textContent()).toMatch(/^\d+ belum dibaca$/);
  await page.getByRole('button', { name: 'Tandai semua dibaca' }).click();
  await page.getByTestId('inbox-unread').waitFor({ state: 'detached' });
  expect(await page.locator('[data-testid="inbox-message"][data-read="false"]').count()).toBe(0);
  const { rows: unread } = await db().query(
    `select count(*)::int as n from participants.inbox_message where participant_id = $1 and read_at is null`,
    [holder.participantId],
  );
  expect(unread[0].n).toBe(0);
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByText('Post-training incentive').waitFor();
  expect(await page.getByTestId('incentive-status').textContent()).toBe('Paid');
  await snapshot(page, '14-incentive-en');
  await page.context().close();
});

it('the catalogue shows a scheduled course’s upcoming sessions with the seats left, as the API counts them', async () => {
  const title = 'Las Listrik Dasar (Kelas Tatap Muka)'; // the demo seed's workshop: classes of 2 and 16 seats
  const res = await gatewayQuery(
    `{ courses(first: 100, category: AUTOMOTIVE) { edges { node { title schedules(first: 5) { edges { node { startsAt seatQuota seatsAvailable } } } } } } }`,
  );
  const course = res.data!.courses.edges.map((e: any) => e.node).find((c: any) => c.title === title);
  const expected = course.schedules.edges
    .map((e: any) => e.node)
    .filter((s: any) => Date.parse(s.startsAt) > Date.now())
    .map((s: any) => (s.seatsAvailable > 0 ? `${s.seatsAvailable} dari ${s.seatQuota} kursi tersisa` : 'Penuh'));
  expect(expected.length).toBe(2);
  const page = await phonePage(browser);
  // The answer to the unfiltered catalogue arrives only after the AUTOMOTIVE one has been shown: the page must
  // keep the latest request's answer, not the last to arrive (the workshop is not on the unfiltered first page).
  let filteredShown!: () => void;
  const shown = new Promise<void>((r) => (filteredShown = r));
  let staleDelivered!: () => void;
  const delivered = new Promise<void>((r) => (staleDelivered = r));
  await page.route('**/graphql*', async (route) => {
    const variables = JSON.parse(route.request().postData() ?? '{}').variables ?? {};
    if (!('category' in variables)) return route.continue();
    const response = await route.fetch();
    if (variables.category === 'AUTOMOTIVE') {
      await route.fulfill({ response });
      return filteredShown();
    }
    await shown;
    await page.getByTestId('course').filter({ hasText: title }).waitFor();
    await route.fulfill({ response });
    staleDelivered();
  });
  await page.goto(web.url);
  await page.getByRole('button', { name: 'Katalog' }).click();
  await page.getByLabel('Kategori').selectOption('AUTOMOTIVE');
  await delivered;
  await page.waitForTimeout(300); // time for a wrongly kept stale answer to render
  const card = page.getByTestId('course').filter({ hasText: title });
  await card.waitFor();
  expect((await card.getByTestId('schedule').locator('strong').allTextContents()).map((s) => s.trim())).toEqual(expected);
  await card.getByText('Pilih jadwal di platform saat membeli.').waitFor();
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  expect(await seriousViolations(page)).toEqual([]);
  await snapshot(page, '15-schedules');
  await page.context().close();
});
