// The public page in a real browser: Debian's chromium driven by playwright-core (never a
// downloaded browser), against `juris serve` on 127.0.0.1 at a free port with a temporary
// decision log. Each visitor's journey in both languages, keyboard only, at 390 px, printing the
// policy card, axe-core on every page type, and the README's screenshots.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const binary = process.env.JURIS_BIN ?? join(root, 'target/debug/juris');
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const shots = join(root, 'docs/screenshots');

let server;
let base;
let browser;

before(async () => {
  const logDir = mkdtempSync(join(tmpdir(), 'juris-page-'));
  const serverLog = join(logDir, 'server.log');
  server = spawn(binary, ['serve', '--listen', '127.0.0.1:0', '--log', join(logDir, 'decisions.sqlite')], { stdio: ['ignore', 'ignore', 'pipe'] });
  base = await new Promise((ok, fail) => {
    let seen = '';
    const timer = setTimeout(() => fail(new Error(`the server did not start; see ${serverLog}`)), 60_000);
    server.stderr.on('data', (chunk) => {
      appendFileSync(serverLog, chunk);
      seen += chunk;
      const match = / on (http:\/\/127\.0\.0\.1:\d+)/.exec(seen);
      if (match) { clearTimeout(timer); ok(match[1]); }
    });
    server.on('exit', (code) => { clearTimeout(timer); fail(new Error(`the server exited with ${code}; see ${serverLog}`)); });
  });
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  mkdirSync(shots, { recursive: true });
});

after(async () => {
  await browser?.close();
  server?.kill();
});

async function open(path, options = {}) {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 900 } });
  const page = await context.newPage();
  const response = await page.goto(base + path);
  assert.equal(response.status(), 200, path);
  return { page, context };
}

const outcome = (page) => page.locator('[data-outcome]').first().getAttribute('data-outcome');

for (const lang of ['en', 'es']) {
  const p = lang === 'en' ? '' : '/es';

  test(`${lang}: pick a county on the map, change the date with the buttons, switch language`, async () => {
    const { page, context } = await open(`${p}/?date=2017-03-01`);
    assert.equal(await page.getAttribute('html', 'lang'), lang);
    await page.locator('svg.map a:has(path[data-jurisdiction="us-md-howard"])').click();
    await page.waitForURL(/place=us-md-howard/);
    assert.equal(await page.locator('#place-select').inputValue(), 'us-md-howard');
    // The date buttons go to the dates the place's law changed.
    await page.locator('#date a[rel="next"]').click();
    await page.waitForURL(/date=2017-03-06/);
    assert.equal(await page.locator('#date-input').inputValue(), '2017-03-06');
    await page.locator('#s-judicial-warrant').check();
    await page.locator('button[value="answer"]').click();
    await page.waitForURL(new RegExp(`${p}/us-md-howard/2017-03-06/hold\\?situation=judicial-warrant`));
    assert.ok(['required', 'permitted', 'prohibited', 'unregulated', 'uncertain'].includes(await outcome(page)));
    const before = await outcome(page);
    await page.locator('a.lang-switch').click();
    await page.waitForURL(/\/us-md-howard\/2017-03-06\/hold\?situation=judicial-warrant/);
    assert.equal(await page.getAttribute('html', 'lang'), lang === 'en' ? 'es' : 'en');
    assert.equal(await outcome(page), before, 'the other language gives another answer');
    await context.close();
  });

  test(`${lang}: pick a place from the list, then follow the answer's date buttons`, async () => {
    const { page, context } = await open(`${p}/`);
    await page.locator('.place-list a[href*="place=us-md-montgomery"]').click();
    await page.waitForURL(/place=us-md-montgomery/);
    await page.locator('#date-input').fill('2019-07-01');
    await page.locator('#s-misdemeanor-admin-warrant').check();
    await page.locator('button[value="answer"]').click();
    await page.waitForURL(/\/us-md-montgomery\/2019-07-01\/hold/);
    const previous = page.locator('.date-nav a[rel="prev"]');
    if (await previous.count()) {
      await previous.click();
      await page.waitForURL((url) => !url.pathname.includes('2019-07-01'));
      assert.ok(await outcome(page));
    }
    await context.close();
  });

  test(`${lang}: a permalink shows the answer with the law quoted in English`, async () => {
    const { page, context } = await open(`${p}/us-md-prince-georges/2019-07-01/hold?situation=misdemeanor-admin-warrant`);
    assert.ok(await outcome(page));
    assert.ok(await page.locator('blockquote[lang="en"]').count() > 0, 'no quoted law');
    assert.ok(await page.locator('.advice').isVisible(), 'no "not legal advice" line');
    await context.close();
  });

  test(`${lang}: the guided questions end at an answer, with back and start over`, async () => {
    const { page, context } = await open(`${p}/us-md-montgomery/2020-01-01/hold/guided`);
    let steps = 0;
    while (await page.locator('input[type="radio"]').count()) {
      assert.ok(steps++ < 40, 'more than 40 questions');
      await page.locator('input[type="radio"]').first().check();
      await page.locator('form.step button[type="submit"]').click();
      await page.waitForLoadState();
      if (steps === 1) {
        // Back returns to the first question, then the visitor answers again.
        await page.locator('.step-nav a').first().click();
        await page.waitForLoadState();
        assert.ok(await page.locator('input[type="radio"]').count() > 0);
        await page.locator('input[type="radio"]').first().check();
        await page.locator('form.step button[type="submit"]').click();
        await page.waitForLoadState();
      }
    }
    assert.ok(await outcome(page), 'the interview ended without an answer');
    await page.locator('.step-nav a').last().click();
    await page.waitForURL(/\/guided$/);
    await context.close();
  });

  test(`${lang}: the policy card prints on one page naming the corpus version`, async () => {
    const { page, context } = await open(`${p}/us-md-howard/card?date=2021-01-01`);
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('.no-print').isVisible(), false);
    assert.match(await page.locator('.card-meta').innerText(), /[0-9a-f]{12}/);
    const pdf = await page.pdf({ format: 'Letter' });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    assert.equal(pages, 1, `the card prints on ${pages} pages`);
    await context.close();
  });

  test(`${lang}: keyboard only, from the home page to an answer`, async () => {
    const { page, context } = await open(`${p}/`);
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('href') ?? document.activeElement?.id ?? '');
    let found = false;
    for (let i = 0; i < 80 && !found; i++) {
      await page.keyboard.press('Tab');
      found = (await focused()).includes('place=us-md-frederick');
    }
    assert.ok(found, 'Frederick County is not reachable with Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL(/place=us-md-frederick/);
    found = false;
    for (let i = 0; i < 120 && !found; i++) {
      await page.keyboard.press('Tab');
      found = await page.evaluate(() => document.activeElement?.getAttribute('value') === 'answer');
    }
    assert.ok(found, 'the submit button is not reachable with Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/us-md-frederick\//);
    assert.ok(await outcome(page));
    await context.close();
  });

  test(`${lang}: every page fits 390 px without sideways scrolling`, async () => {
    for (const path of ['/', '/us-md-howard', '/us-md-howard/2019-07-01/hold?situation=judicial-warrant', '/compare', '/about', '/us-md-howard/2019-07-01/hold/guided']) {
      const { page, context } = await open(p + path, { viewport: { width: 390, height: 844 } });
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 390, `${p + path} is ${width} px wide`);
      await context.close();
    }
  });

  test(`${lang}: axe finds no WCAG 2.2 AA violation on any page type`, async () => {
    for (const path of [
      '/', '/?place=us-md-howard&date=2019-07-01', '/about', '/compare', '/us-md-howard', '/us-md-howard/card',
      '/us-md-prince-georges/2019-07-01/hold?situation=misdemeanor-admin-warrant', '/us-md-montgomery/2020-01-01/hold/guided',
      '/us-md-nowhere',
    ]) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(base + p + path);
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
      const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
      assert.deepEqual(summary, [], `${p + path}`);
      await context.close();
    }
  });
}

test('screenshots of the main pages', async () => {
  for (const [name, path, width] of [
    ['home', '/?place=us-md-prince-georges&date=2019-07-01', 1280],
    ['answer', '/us-md-prince-georges/2019-07-01/hold?situation=misdemeanor-admin-warrant', 1280],
    ['answer-es-390', '/es/us-md-prince-georges/2019-07-01/hold?situation=misdemeanor-admin-warrant', 390],
    ['county', '/us-md-howard?date=2017-03-06', 1280],
    ['compare', '/compare?date=2020-01-01', 1280],
    ['guided-es', '/es/us-md-montgomery/2020-01-01/hold/guided', 1280],
  ]) {
    const { page, context } = await open(path, { viewport: { width, height: 900 } });
    await page.screenshot({ path: join(shots, `${name}.png`), fullPage: false });
    assert.ok(readFileSync(join(shots, `${name}.png`)).length > 1000);
    await context.close();
  }
});
