import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { db } from '../support/client';
import { post, startGateway } from '../security/support';
import { asAdmin, offeredCourse, partnerRequest, partnerWithCredential } from '../support/partner';
import {
  accessTokenOf,
  cardholders,
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
 * The participant's web client in real headless Chromium at 360 px: sign-in through the development OpenID
 * provider (authorization code + PKCE), the gateway verifying its tokens by JWKS and accepting only the app's
 * persisted documents; the dashboard; sign-up, registration and applying to the open cohort.
 */
let web: Awaited<ReturnType<typeof startWebClient>>;
let browser: Browser;
let holder: { id: string; email: string; name: string };
let other: { id: string; email: string; name: string };

beforeAll(async () => {
  [holder, other] = await cardholders(2);
  web = await startWebClient([holder, other]);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await web?.stop();
});

const signIn = (page: Page, login: string, password: string) => signInAt(page, web.url, login, password);

it('a demo participant signs in through the provider and sees card, balance and ledger at 360 px', async () => {
  const page = await phonePage(browser);
  await signIn(page, holder.email, DEMO_PASSWORD);
  await page.getByRole('heading', { name: `Halo, ${holder.name}` }).waitFor();
  const { rows } = await db().query<{ number: string }>('SELECT number FROM participants.card WHERE participant_id = $1', [holder.id]);
  const masked = await page.getByTestId('card-number').textContent();
  expect(masked).toMatch(/\*{4,}/);
  expect(masked).not.toContain(rows[0].number);
  expect(await page.getByTestId('card-status').textContent()).toBe('Aktif');
  expect(await page.getByTestId('balance').textContent()).toMatch(/^Rp\d{1,3}(\.\d{3})*$/);
  expect(await page.getByTestId('ledger-entry').count()).toBeGreaterThan(0);
  await snapshot(page, '1-dashboard-id');
  await page.getByRole('button', { name: 'Tampilkan nomor' }).click();
  await page.getByTestId('card-number').filter({ hasText: rows[0].number }).waitFor();
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: `Hello, ${holder.name}` }).waitFor();
  expect(await page.getByText('Available balance').count()).toBe(1);
  await snapshot(page, '2-dashboard-en');
  await page.context().close();
});

it('anyone, signed out, searches the public catalogue with prices per platform', async () => {
  const page = await phonePage(browser);
  await page.goto(web.url);
  await page.getByRole('button', { name: 'Katalog' }).click();
  await page.getByTestId('course').first().waitFor();
  const courses = page.getByTestId('course');
  expect(await courses.first().textContent()).toMatch(/Rp\d{1,3}(\.\d{3})+/);
  const title = (await courses.first().locator('strong').first().textContent())!;
  const before = await courses.count();
  await page.getByLabel('Cari judul, lembaga atau platform').fill(title);
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="course"]').length < n, before);
  for (const text of await courses.allTextContents()) expect(text.toLowerCase()).toContain(title.toLowerCase());
  await page.getByLabel('Cari judul, lembaga atau platform').fill('');
  await page.getByLabel('Kategori').selectOption('TECHNOLOGY');
  await page.getByText(/ dari \d+ pelatihan$/).waitFor();
  await page.waitForFunction(() =>
    [...document.querySelectorAll('[data-testid="course"]')].every((c) => c.textContent!.includes('Teknologi')),
  );
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  expect(await seriousViolations(page)).toEqual([]);
  await snapshot(page, '0-catalogue');
  await page.context().close();
});

it('the web server answers the app for its routes, its run-time config, and 404 for a missing asset', async () => {
  const route = await fetch(`${web.url}/callback?code=x`);
  expect(route.status).toBe(200);
  expect(await route.text()).toContain('<div id="root">');
  expect(route.headers.get('content-security-policy')).toContain("default-src 'self'");
  const config = (await (await fetch(`${web.url}/config.json`)).json()) as { gatewayUrl: string; authority: string };
  expect(config.gatewayUrl.replace('localhost', '127.0.0.1')).toBe(web.gatewayUrl);
  expect((await fetch(`${web.url}/assets/index-missing.js`)).status).toBe(404);
  // An encoded ../ decodes to a path outside the build: the app's page, never the repository's file.
  expect(await (await fetch(`${web.url}/%2e%2e/package.json`)).text()).toContain('<div id="root">');
});

it('a wrong password is refused at the provider', async () => {
  const page = await phonePage(browser);
  await signIn(page, holder.email, 'not-the-password');
  await page.getByRole('alert').filter({ hasText: 'E-mail atau kata sandi salah' }).waitFor();
  expect(page.url()).toContain('/interaction/');
  await page.context().close();
});

it("a provider-issued token reads its holder's data only, and is refused once tampered with; the app then asks to sign in again", async () => {
  const page = await phonePage(browser);
  await signIn(page, holder.email, DEMO_PASSWORD);
  await page.getByRole('heading', { name: `Halo, ${holder.name}` }).waitFor();
  const token = await accessTokenOf(page);
  // The web client's gateway runs persisted documents only; a second one trusting the same provider takes any.
  const adHoc = await post('{ me { id } }', {}, { authorization: `Bearer ${token}` }, web.gatewayUrl);
  expect(adHoc.json.errors[0].extensions.code).toBe('PERSISTED_DOCUMENT_REQUIRED');
  const explorer = await startGateway(web.trustProvider);
  try {
    const read = await post(
      'query($id: ID!) { me { id } participant(id: $id) { id fullName } }',
      { id: other.id },
      { authorization: `Bearer ${token}` },
      explorer.url,
    );
    expect(read.json.data).toEqual({ me: { id: holder.id }, participant: null });
    const tampered = `${token.slice(0, -4)}${token.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    const refused = await post('{ me { id } }', {}, { authorization: `Bearer ${tampered}` }, explorer.url);
    expect(refused.status).toBe(401);
  } finally {
    await explorer.close();
  }
  // The same tampering in the browser: the gateway refuses it and the app says to sign in again, not a blank page.
  await page.evaluate(() => {
    const key = Object.keys(sessionStorage).find((k) => k.startsWith('oidc.user:'))!;
    const user = JSON.parse(sessionStorage.getItem(key)!) as { access_token: string };
    user.access_token = `${user.access_token.slice(0, -4)}${user.access_token.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    sessionStorage.setItem(key, JSON.stringify(user));
  });
  await page.reload();
  await page.getByRole('alert').filter({ hasText: 'Sesi Anda telah berakhir' }).waitFor();
  await snapshot(page, '8-session-expired');
  await page.getByRole('alert').getByRole('button', { name: 'Masuk' }).click();
  // Still signed in at the provider: it sends the person straight back with a fresh token.
  await page.getByRole('heading', { name: `Halo, ${holder.name}` }).waitFor();
  await page.context().close();
});

it('a network failure says so and offers a retry that works', async () => {
  const page = await phonePage(browser);
  await signIn(page, holder.email, DEMO_PASSWORD);
  await page.getByRole('heading', { name: `Halo, ${holder.name}` }).waitFor();
  const gatewayPattern = `${web.gatewayUrl.replace('127.0.0.1', 'localhost')}*`;
  await page.route(gatewayPattern, (route) => route.abort('internetdisconnected'));
  await page.getByRole('button', { name: 'Perbarui' }).click();
  await page.getByRole('alert').filter({ hasText: 'Tidak dapat terhubung ke server' }).waitFor();
  await snapshot(page, '9-network-down');
  await page.unroute(gatewayPattern);
  await page.getByRole('button', { name: 'Coba lagi' }).click();
  await page.getByRole('heading', { name: `Halo, ${holder.name}` }).waitFor();
  await page.context().close();
});

it('a new person signs up, registers, applies, is selected, and buys a course with the OTP read from their inbox', async () => {
  // The office opens a short cohort (through the API) that closes while the test runs, so that it can be drawn.
  const cohortName = `Gelombang Web ${randomBytes(3).toString('hex')}`;
  const closesAt = new Date(Date.now() + 20_000);
  const opened = await asAdmin<{ cohortOpen: { cohort: { id: string }; userErrors: unknown[] } }>(
    `mutation($input: CohortOpenInput!) { cohortOpen(input: $input) { cohort { id } userErrors { code message } } }`,
    { input: { name: cohortName, quota: 5, opensAt: new Date(Date.now() - 60_000).toISOString(), closesAt: closesAt.toISOString() } },
  );
  expect(opened.cohortOpen.userErrors).toEqual([]);
  const cohortId = opened.cohortOpen.cohort.id as string;

  const page = await phonePage(browser);
  await page.goto(web.url);
  await page.getByRole('button', { name: 'Daftar akun baru' }).click();
  await page.waitForURL(/\/interaction\//);
  const email = `web-${randomBytes(4).toString('hex')}@example.id`;
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Kata sandi').fill('rahasia-sekali');
  await page.getByRole('button', { name: 'Buat akun' }).click();
  await page.getByRole('heading', { name: 'Pendaftaran peserta' }).waitFor();
  await snapshot(page, '3-registration');

  const { rows } = await db().query<{ nik: string }>('SELECT nik FROM participants.participant ORDER BY created_at LIMIT 1');
  const district = rows[0].nik.slice(0, 6);
  const nik = `${district}170595${String(1000 + Math.floor(Math.random() * 8999))}`;
  const fill = (label: string, value: string) => page.getByLabel(label, { exact: true }).fill(value);
  await fill('NIK (16 digit)', '1234');
  await fill('Nomor Kartu Keluarga (16 digit)', `${district}${String(Date.now()).slice(-10)}`);
  await fill('Nama lengkap sesuai KTP', 'Sari Web Pendaftar');
  await fill('Tanggal lahir', '1995-05-17');
  await fill('E-mail', email);
  await fill('Nomor HP (08… atau +628…)', '081234567890');
  await fill('Alamat', 'Jl. Merdeka No. 1');
  await page.getByRole('button', { name: 'Daftar', exact: true }).click();
  // The API's own rule and message, beside the field; nothing stored.
  await page.getByText(/^Invalid NIK/).waitFor();
  expect(await db().query('SELECT 1 FROM participants.participant WHERE email = $1', [email])).toMatchObject({ rowCount: 0 });
  await fill('NIK (16 digit)', nik);
  await page.getByRole('button', { name: 'Daftar', exact: true }).click();
  await page.getByRole('heading', { name: 'Halo, Sari Web Pendaftar' }).waitFor();

  await page.getByRole('button', { name: `Ikut gelombang ${cohortName}`, exact: true }).click();
  await page.getByTestId('application').filter({ hasText: cohortName }).filter({ hasText: 'Terdaftar' }).waitFor();
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  expect(await seriousViolations(page)).toEqual([]);
  await snapshot(page, '4-applied');

  // The office draws the closed cohort; the participant then sees an active card and the training balance.
  await new Promise((r) => setTimeout(r, Math.max(0, closesAt.getTime() - Date.now() + 500)));
  const selected = await asAdmin(`mutation($input: CohortSelectInput!) { cohortSelect(input: $input) { userErrors { code message } } }`, {
    input: { cohortId },
  });
  expect(selected.cohortSelect.userErrors).toEqual([]);
  await page.getByRole('button', { name: 'Perbarui' }).click();
  await page.getByTestId('card-status').filter({ hasText: 'Aktif' }).waitFor();
  expect(await page.getByTestId('balance').textContent()).toBe('Rp3.500.000');
  expect(await page.getByTestId('countdown').textContent()).toMatch(/^\d+ hari \d+ jam \d+ menit lagi$/);
  await page.getByRole('button', { name: 'Tampilkan nomor' }).click();
  const cardNumber = (await page
    .getByTestId('card-number')
    .filter({ hasText: /^\d{16}$/ })
    .textContent())!;
  await snapshot(page, '5-selected');

  // A platform's checkout (the contract's documents, signed): the OTP arrives in the inbox, read on the page.
  const partner = await partnerWithCredential();
  const courseId = await offeredCourse(partner.partnerId, 750_000, { title: 'Dasar Pemasaran Digital' });
  const checked = await partnerRequest(partner, 'CheckEligibility', { cardNumber });
  expect(checked.data!.eligibility.eligible).toBe(true);
  const started = await partnerRequest(partner, 'StartPurchase', {
    input: { cardNumber, courseId, invoiceCode: `INV-WEB-${randomBytes(4).toString('hex')}`, amount: 750_000 },
  });
  expect(started.data!.purchaseStart.userErrors).toEqual([]);
  await page.getByRole('button', { name: 'Perbarui' }).click();
  const message = await page
    .getByTestId('inbox-message')
    .filter({ hasText: /\b\d{6}\b/ })
    .first()
    .textContent();
  const otp = /\b(\d{6})\b/.exec(message!)![1];
  await snapshot(page, '6-otp');
  const authorized = await partnerRequest(partner, 'AuthorizePurchase', {
    input: { purchaseId: started.data!.purchaseStart.purchase.id, otp },
  });
  expect(authorized.data!.purchaseAuthorize.userErrors).toEqual([]);

  await page.getByRole('button', { name: 'Perbarui' }).click();
  await page.getByTestId('enrollment').filter({ hasText: 'Dasar Pemasaran Digital' }).waitFor();
  await page.getByTestId('ledger-entry').filter({ hasText: 'Pembelian pelatihan' }).filter({ hasText: 'Rp750.000' }).waitFor();
  expect(await page.getByTestId('balance').textContent()).toBe('Rp2.750.000');
  // The platform's card check is in the record of who read their data (UU PDP).
  await page.getByTestId('access-entry').filter({ hasText: '(platform mitra)' }).first().waitFor();
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  expect(await seriousViolations(page)).toEqual([]);
  await snapshot(page, '7-enrolled');
  await page.context().close();
}, 120_000);
