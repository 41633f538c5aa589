import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { loadConfig } from '../../src/config';
import { createContainer } from '../../src/container';
import { openDatabase, type OpenDatabase } from '../../src/platform/database';
import { openPostgres, type PostgresDatabase } from '../../src/platform/postgres';
import { templateCopy } from './postgres';
import { systemClock } from '../../src/platform/time';
import { freePort, startServerProcess } from '../../scripts/server-process';

/** Screenshots of every page the browser tests check, for people to look at (git-ignored). */
export const SCREENSHOTS = path.join(__dirname, '..', '..', 'test-results', 'screenshots');
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const PHONE = { width: 360, height: 780 };
export const DESKTOP = { width: 1280, height: 900 };

/**
 * The real server (compiled, as `npm start` runs it) on a fresh database file (in the
 * PostgreSQL project: a copy of its template database), after `prepare` has written what the
 * test needs through the services; and a headless Chromium (test/helpers/chromium.js found it
 * before the run).
 */
export async function startSite<T>(
  prepare: (services: ReturnType<typeof createContainer>, baseUrl: string, site: { config: ReturnType<typeof loadConfig>; database: OpenDatabase | PostgresDatabase }) => T | Promise<T>,
  options: { env?: Record<string, string> } = {},
) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-browser-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const databaseUrl = (globalThis as { testOnPostgres?: boolean }).testOnPostgres === true ? await templateCopy() : undefined;
  /** Where the server and the scripts find the database. */
  const databaseEnv: Record<string, string> = databaseUrl ? { DATABASE_URL: databaseUrl } : { DATABASE_PATH: path.join(dir, 'sop.db') };
  /** The site's database, opened beside the running server (close it after use). */
  const openSiteDatabase = async () => (databaseUrl ? await openPostgres(databaseUrl, { poolSize: 2 }) : openDatabase(path.join(dir, 'sop.db')));
  const env = { PUBLIC_BASE_URL: baseUrl, DOCUMENTS_PATH: path.join(dir, 'documents'), DEFAULT_TIMEZONE: 'WITA', ...options.env };
  const database = await openSiteDatabase();
  const config = loadConfig({ ...env, ...databaseEnv, DATABASE_PATH: path.join(dir, 'sop.db') });
  const world = await prepare(createContainer({ database, clock: systemClock, config }), baseUrl, { config, database });
  await database.close();
  const server = await startServerProcess(path.join(dir, 'sop.db'), { port, env: { ...env, ...databaseEnv } });
  const executablePath = process.env.CHROMIUM_PATH;
  if (!executablePath) throw new Error('CHROMIUM_PATH is not set: test/global-setup.js finds Chromium before the tests run');
  const browser = await chromium.launch({ executablePath });
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    baseUrl,
    browser,
    world,
    databaseEnv,
    openDatabase: openSiteDatabase,
    serverOutput: server.output,
    async stop() {
      await browser.close();
      server.child.kill('SIGTERM');
      await server.exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Tab {
  page: Page;
  context: BrowserContext;
  /** Console errors and uncaught exceptions (a blocked script or style shows here). */
  errors: string[];
}

/** A new browser profile (its own cookies) with one tab, answering confirm() dialogs with OK. */
export async function newTab(browser: Browser, baseURL: string, options: { viewport?: { width: number; height: number }; locale?: string } = {}): Promise<Tab> {
  const context = await browser.newContext({ baseURL, viewport: options.viewport ?? DESKTOP, locale: options.locale ?? 'id-ID', timezoneId: 'Asia/Makassar' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    // A refusal page comes with its 4xx status on purpose; anything else failing to load is an error.
    const refusalPage = message.location().url === page.url() && /status of 4\d\d/.test(message.text());
    if (message.type() === 'error' && !refusalPage) errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('dialog', (dialog) => void dialog.accept());
  return { page, context, errors };
}

type Violation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

/**
 * Checks the page as it stands at 360 px and 1280 px: no serious or critical axe-core
 * violation, nothing wider than the screen, no console error; writes a screenshot of each.
 */
export async function checkPage(tab: Tab, name: string) {
  const { page } = tab;
  const original = page.viewportSize() ?? DESKTOP;
  for (const viewport of [PHONE, DESKTOP]) {
    await page.setViewportSize(viewport);
    // Evaluated through DevTools, so the page's content security policy stays on.
    if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
    const violations = (await page.evaluate(() => (window as unknown as { axe: { run: (o: object) => Promise<{ violations: unknown[] }> } }).axe.run({ resultTypes: ['violations'] }))).violations as Violation[];
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect({ page: name, width: viewport.width, serious }).toEqual({ page: name, width: viewport.width, serious: [] });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect({ page: name, width: viewport.width, overflow }).toEqual({ page: name, width: viewport.width, overflow: 0 });
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${viewport.width}.png`), fullPage: true });
  }
  await page.setViewportSize(original);
  expect({ page: name, errors: tab.errors }).toEqual({ page: name, errors: [] });
}

/** Opens a one-time link, sets the password and signs in; the tab ends on the person's home page. */
export async function setPasswordAndSignIn(tab: Tab, link: string, email: string, password: string) {
  const { page } = tab;
  await page.goto(link);
  await page.getByLabel('Kata sandi baru', { exact: true }).fill(password);
  await page.getByLabel('Ulangi kata sandi baru').fill(password);
  await page.getByRole('button', { name: 'Simpan kata sandi' }).click();
  await page.waitForURL('**/masuk?ok=sandi');
  await signIn(tab, email, password);
}

export async function signIn(tab: Tab, email: string, password: string) {
  const { page } = tab;
  if (!page.url().includes('/masuk')) await page.goto('/masuk');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Kata sandi', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  await page.waitForLoadState();
}

/** The visible text of the page's main content, in one line. */
export const mainText = async (page: Page) => ((await page.locator('main').innerText()) ?? '').replace(/\s+/g, ' ');
