import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { db } from '../support/client';
import { startGateway } from '../security/support';

const root = resolve(__dirname, '../..');
const dist = <T>(path: string): T => require(`../../dist/${path}`) as T;
const { writeDemoAccounts, DEMO_PASSWORD } = dist<typeof import('../../scripts/dev-oidc/accounts')>('scripts/dev-oidc/accounts');
const { GRAPH_AUDIENCE } = dist<typeof import('../../scripts/dev-oidc/settings')>('scripts/dev-oidc/settings');
const { stopChild } = dist<typeof import('../../scripts/stack')>('scripts/stack');

export { DEMO_PASSWORD };
export const ARTIFACTS = resolve(root, 'test-artifacts/web');

/**
 * The web client as npm start runs it: the development OpenID provider and the web server (one process, ports
 * from TEST_PORT_BASE), and a gateway that trusts that provider's JWKS only, in front of the test stack's
 * subgraphs. Demo accounts: the given participants (password DEMO_PASSWORD).
 */
export async function startWebClient(participants: Array<{ id: string; email: string; name: string }>) {
  const base = Number(process.env.TEST_PORT_BASE ?? 4100);
  const oidcPort = base + 80; // clear of the +20..+69 and +95 other tests take
  const webPort = base + 81;
  const webOrigin = `http://localhost:${webPort}`;
  const issuer = `http://localhost:${oidcPort}`;
  const trustProvider = { JWT_JWKS_URL: `http://127.0.0.1:${oidcPort}/jwks`, JWT_ISSUER: issuer, JWT_AUDIENCE: GRAPH_AUDIENCE };
  const gateway = await startGateway({ ...trustProvider, GATEWAY_CORS_ORIGINS: webOrigin, GATEWAY_WEB_DOCUMENTS_ONLY: 'true' });
  const accountsFile = join(mkdtempSync(join(tmpdir(), 'web-accounts-')), 'accounts.json');
  writeDemoAccounts(accountsFile, participants);
  const child = spawn(process.execPath, [resolve(root, 'dist/scripts/web-main.js')], {
    env: {
      ...process.env,
      DEV_OIDC_PORT: String(oidcPort),
      DEV_OIDC_ISSUER: issuer,
      DEV_OIDC_ACCOUNTS_FILE: accountsFile,
      WEB_PORT: String(webPort),
      WEB_ORIGIN: webOrigin,
      WEB_GATEWAY_URL: gateway.url.replace('127.0.0.1', 'localhost'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await listening(child, 'web client at');
  return {
    url: webOrigin,
    gatewayUrl: gateway.url,
    /** The gateway settings that trust this provider (for a second gateway that accepts ad-hoc documents). */
    trustProvider,
    stop: async () => {
      await stopChild(child);
      await gateway.close();
    },
  };
}

function listening(child: ChildProcess, line: string): Promise<void> {
  return new Promise((done, fail) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(line)) done();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => fail(new Error(`web-main exited (${code}): ${output}`)));
  });
}

/** Debian's Chromium, headless, as a phone-sized page (360 px wide). */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function phonePage(browser: Browser): Promise<Page> {
  // bypassCSP only so that axe-core can be injected; the app itself runs under the web server's policy.
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'id-ID', bypassCSP: true });
  return context.newPage();
}

/** Screenshots kept as test artefacts (test-artifacts/, git-ignored). */
export async function snapshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** axe-core on the current page: the serious and critical violations (none expected). */
export async function seriousViolations(page: Page): Promise<Array<{ id: string; impact: string; nodes: number }>> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const results = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }> } }
    ).axe;
    return (await axe.run()).violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
  });
  return results.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** A page wider than its viewport scrolls sideways: at 360 px nothing may. */
export const horizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** Demo participants holding an ACTIVE card with balance. */
export async function cardholders(count: number) {
  const { rows } = await db().query<{ id: string; email: string; name: string }>(
    `SELECT p.id, p.email, p.full_name AS name FROM participants.participant p JOIN participants.card c ON c.participant_id = p.id
     WHERE c.status = 'ACTIVE' ORDER BY p.created_at LIMIT $1`,
    [count],
  );
  return rows;
}

/** Signs in at the development provider from the app's start page (Bahasa Indonesia). */
export async function signInAt(page: Page, url: string, login: string, password: string) {
  await page.goto(url);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.waitForURL(/\/interaction\//);
  await page.getByLabel('E-mail').fill(login);
  await page.getByLabel('Kata sandi').fill(password);
  await page.getByRole('button', { name: 'Masuk' }).click();
}

/** The access token the app holds in the tab's session storage after signing in. */
export const accessTokenOf = (page: Page) =>
  page.evaluate(() => {
    const key = Object.keys(sessionStorage).find((k) => k.startsWith('oidc.user:'))!;
    return (JSON.parse(sessionStorage.getItem(key)!) as { access_token: string }).access_token;
  });
