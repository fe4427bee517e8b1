/**
 * report.html from a real rehearsal, opened in a real browser: Debian's Chromium, driven
 * headless through playwright-core, kept off the network by its flags. The charts must be drawn
 * with data, the console free of errors, and no request may leave the page. Chromium missing is
 * a failure that says what to install, never a skip. Needs `npm run build` (npm test does it).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { journalSchema } from '../../lib/runner/journal-schema';
import { drills, evidenceFolder, type RehearseSummary } from '../cli/drills-cli';
import { expectEvery } from '../helpers/expect-every';

jest.setTimeout(180_000);

const CHROMIUM = process.env.DRILLS_CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SCREENSHOTS = path.join(os.tmpdir(), 'fis-drills-report-screenshots');
const out = evidenceFolder('report-in-browser-');

interface Seen {
  readonly requests: string[];
  readonly problems: string[];
}

let context: BrowserContext | undefined;
let userDataDir = '';
let evidence = '';
let summary: RehearseSummary;

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `this test opens report.html in Debian's Chromium and did not find it at ${CHROMIUM}. ` +
        'Install it with: apt-get update && apt-get install -y --no-install-recommends chromium (or point DRILLS_CHROMIUM at a Chromium binary).',
    );
  }
  const run = await drills(['rehearse', 'task-hard-kill', '--json', '--out', out(), '--junit', path.join(out(), 'junit.xml')], 150_000).done;
  summary = JSON.parse(run.stdout) as RehearseSummary;
  evidence = summary.runs[0].evidence;
  userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'drills-chromium-profile-'));
  context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, headless: true, args: FLAGS, offline: true });
});

afterAll(async () => {
  await context?.close();
  if (userDataDir) fs.rmSync(userDataDir, { recursive: true, force: true });
});

/** Opens a file in a new page, recording every request and every console error or page error. */
async function open(file: string, viewport: { width: number; height: number }): Promise<{ page: Page; seen: Seen }> {
  const page = await (context as BrowserContext).newPage();
  await page.setViewportSize(viewport);
  const seen: Seen = { requests: [], problems: [] };
  page.on('request', (r) => seen.requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') seen.problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => seen.problems.push(`page error: ${e.message}`));
  await page.route('**/*', (route) => (route.request().url().startsWith('file://') ? route.continue() : route.abort()));
  await page.goto(`file://${file}`, { waitUntil: 'load' });
  return { page, seen };
}

/** Marks of a kind Vega drew for data inside the figure of a chart file. */
const marks = (page: Page, chart: string, kind: string): Promise<number> => page.locator(`figure[data-chart="${chart}"] [aria-roledescription="${kind}"]`).count();

describe('report.html in Chromium', () => {
  it("draws the charts with the run's data, on a phone screen, with no console error and no request leaving the page", async () => {
    const file = path.resolve(evidence, 'report.html');
    const { page, seen } = await open(file, { width: 390, height: 844 });
    const journal = JSON.parse(fs.readFileSync(path.join(evidence, 'journal.json'), 'utf8')) as { samples: { streams: unknown[]; jobs?: unknown[] } };
    // the real rehearsal's journal is what `drills schema journal` describes
    expect(journalSchema.safeParse(journal).error).toBeUndefined();

    expect(await page.locator('h1').count()).toBe(1);
    expect(await page.locator('.verdict').first().textContent()).toBe(summary.runs[0].verdict);
    expect(await page.locator('figure svg').count()).toBe(3);
    expect(await marks(page, 'chart-requests.svg', 'bar')).toBeGreaterThan(10);
    // one bar per stream and per job (the demo's traffic has both)
    expect(await marks(page, 'chart-streams.svg', 'bar')).toBe(journal.samples.streams.length + (journal.samples.jobs?.length ?? 0));
    expect(await marks(page, 'chart-fleet.svg', 'line mark')).toBe(2);
    // the fault and the recovery are marked on every chart's time axis
    for (const chart of ['chart-requests.svg', 'chart-streams.svg', 'chart-fleet.svg']) {
      expect(await page.locator(`figure[data-chart="${chart}"] text`, { hasText: /^fault$/ }).count()).toBe(1);
      expect(await page.locator(`figure[data-chart="${chart}"] text`, { hasText: /^recovered$/ }).count()).toBe(1);
    }
    // every chart is drawn at a size, and fits the phone's width
    const boxes = await page.locator('figure svg').evaluateAll((svgs) => svgs.map((s) => s.getBoundingClientRect().toJSON() as { width: number; height: number }));
    expectEvery(boxes, (b) => b.width > 300 && b.width <= 390 && b.height > 50, 'chart boxes (width 300–390, height over 50)');
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);

    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'report-phone.png'), fullPage: true });
    await page.setViewportSize({ width: 1100, height: 900 });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'report-desktop.png'), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    expectEvery(await page.locator('figure svg').evaluateAll((svgs) => svgs.map((s) => s.getBoundingClientRect().height)), (h) => h > 50, 'chart heights in print');

    expect(seen.problems).toEqual([]);
    expect(seen.requests).toEqual([`file://${file}`]);
  });

  it("opens the evidence root's index.html with its charts and a working link to the report", async () => {
    const file = path.resolve(out(), 'index.html');
    const { page, seen } = await open(file, { width: 1100, height: 900 });
    expect(await page.locator('figure svg').count()).toBe(2);
    expect(await page.locator('figure [aria-roledescription="point"]').count()).toBeGreaterThanOrEqual(1);
    const href = await page.locator('table a').first().getAttribute('href');
    expect(fs.existsSync(path.resolve(out(), href as string))).toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'index.png'), fullPage: true });
    expect(seen.problems).toEqual([]);
    expect(seen.requests).toEqual([`file://${file}`]);
  });

  it('wrote the JUnit file for the same run, naming its evidence folder', () => {
    const xml = fs.readFileSync(path.join(out(), 'junit.xml'), 'utf8');
    expect(xml).toContain(`<property name="evidence" value="${path.resolve(evidence)}"/>`);
    expect(xml).toMatch(/<testcase classname="fis-drills.local" name="task-hard-kill: /);
  });
});
