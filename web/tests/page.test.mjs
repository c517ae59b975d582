// The public page in a real browser: Debian's chromium driven by playwright-core (never a
// downloaded browser), against `juris serve` on 127.0.0.1 at a free port, with its decision log
// and signing key in a temporary working folder. Each visitor's journey in both languages,
// keyboard only, at 390 px, printing the policy card, axe-core on every page type, and the
// README's screenshots (docs/screenshots/).
//
// Run with `npm test` in web/ after `cargo build -p juris-cli`; JURIS_BIN and CHROMIUM name
// another binary or browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const binary = resolve(process.env.JURIS_BIN ?? join(root, 'target/debug/juris'));
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const shots = join(root, 'docs/screenshots');
const outcomes = ['required', 'permitted', 'prohibited', 'unregulated', 'uncertain'];

let server;
let base;
let browser;
let work;

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'juris-page-'));
  const serverLog = join(work, 'server.log');
  server = spawn(binary, ['serve', '--listen', '127.0.0.1:0', '--log', join(work, 'decisions.sqlite')], {
    cwd: work,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  base = await new Promise((ok, fail) => {
    let seen = '';
    const timer = setTimeout(() => fail(new Error(`the server did not start; see ${serverLog}`)), 60_000);
    server.stderr.on('data', (chunk) => {
      appendFileSync(serverLog, chunk);
      seen += chunk;
      const match = / on (http:\/\/127\.0\.0\.1:\d+)/.exec(seen);
      if (match) { clearTimeout(timer); ok(match[1]); }
    });
    server.on('error', (error) => { clearTimeout(timer); fail(error); });
    server.on('exit', (code) => { clearTimeout(timer); fail(new Error(`the server exited with ${code}; see ${serverLog}`)); });
  });
  // Playwright gives the browser a fresh temporary profile (--user-data-dir) of its own.
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  mkdirSync(shots, { recursive: true });
});

after(async () => {
  await browser?.close();
  server?.removeAllListeners('exit');
  server?.kill();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function open(path, options = {}) {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 900 }, reducedMotion: 'reduce' });
  const page = await context.newPage();
  const response = await page.goto(base + path);
  assert.equal(response.status(), options.status ?? 200, path);
  return { page, context };
}

const outcome = (page) => page.locator('[data-outcome]').first().getAttribute('data-outcome');

/// Answers every guided question with the first choice (for a list question: none), until the end.
async function finishInterview(page) {
  let steps = 0;
  while (await page.locator('form.step').count()) {
    assert.ok(steps++ < 40, 'more than 40 questions');
    const radios = page.locator('form.step input[type="radio"]');
    if (await radios.count()) await radios.first().check();
    await Promise.all([page.waitForURL(/guided\?/), page.locator('form.step button[type="submit"]').click()]);
  }
  return steps;
}

for (const lang of ['en', 'es']) {
  const p = lang === 'en' ? '' : '/es';
  const other = lang === 'en' ? 'es' : 'en';

  test(`${lang}: a resident picks a county on the map, moves the date with the change buttons, reads the answer`, async () => {
    const { page, context } = await open(`${p}/?date=2017-03-01`);
    assert.equal(await page.getAttribute('html', 'lang'), lang);
    await page.locator('svg.map a:has(path[data-jurisdiction="us-md-howard"])').click();
    await page.waitForURL(/place=us-md-howard/);
    assert.equal(await page.locator('#place-select').inputValue(), 'us-md-howard');
    // The date buttons go to the dates the place's law changed: CB-9-2017's override vote.
    await page.locator('#date a[rel="next"]').click();
    await page.waitForURL(/date=2017-03-06/);
    assert.equal(await page.locator('#date-input').inputValue(), '2017-03-06');
    await page.locator('#date a[rel="prev"]').click();
    await page.waitForURL((url) => !url.search.includes('2017-03-06'));
    assert.ok((await page.locator('#date-input').inputValue()) < '2017-03-06');
    await page.locator('#date-input').fill('2017-06-01');
    await page.locator('#action-select').selectOption('inquire_status');
    await page.locator('#s-victim-witness').check();
    await page.locator('button[value="answer"]').click();
    await page.waitForURL(new RegExp(`${p}/us-md-howard/2017-06-01/inquire_status\\?situation=victim-witness`));
    // Howard County police policy of May 12, 2017: officers shall not ask.
    assert.equal(await outcome(page), 'prohibited');
    assert.ok(await page.locator('blockquote[lang="en"]').first().isVisible());
    await page.locator('a.lang-switch').click();
    await page.waitForURL(/\/us-md-howard\/2017-06-01\/inquire_status\?situation=victim-witness/);
    assert.equal(await page.getAttribute('html', 'lang'), other);
    assert.equal(await outcome(page), 'prohibited', 'the other language gives another answer');
    await context.close();
  });

  test(`${lang}: a family picks the county from the list and follows the answer's date buttons`, async () => {
    const { page, context } = await open(`${p}/`);
    await page.locator('.place-list a[href*="place=us-md-montgomery"]').click();
    await page.waitForURL(/place=us-md-montgomery/);
    assert.equal(await page.locator('#place-select').inputValue(), 'us-md-montgomery');
    await page.locator('#date-input').fill('2019-07-01');
    await page.locator('#s-misdemeanor-admin-warrant').check();
    await page.locator('button[value="answer"]').click();
    await page.waitForURL(/\/us-md-montgomery\/2019-07-01\/hold\?situation=misdemeanor-admin-warrant/);
    const first = await outcome(page);
    assert.ok(outcomes.includes(first));
    // EO 135-19 took effect on July 22, 2019: the next change.
    await page.locator('.date-nav a[rel="next"]').click();
    await page.waitForURL(/\/us-md-montgomery\/2019-07-22\/hold/);
    assert.ok(outcomes.includes(await outcome(page)));
    await page.locator('.date-nav a[rel="prev"]').click();
    await page.waitForURL((url) => /\/us-md-montgomery\/\d{4}-\d{2}-\d{2}\/hold/.test(url.pathname) && !url.pathname.includes('2019-07-22'));
    assert.ok(outcomes.includes(await outcome(page)));
    await context.close();
  });

  test(`${lang}: an advocate follows a permalink: the answer, the quoted law in English, what would change it`, async () => {
    const { page, context } = await open(`${p}/us-md-prince-georges/2019-07-01/hold?situation=misdemeanor-admin-warrant`);
    assert.ok(outcomes.includes(await outcome(page)));
    assert.ok(await page.locator('blockquote[lang="en"]').count() > 0, 'no quoted law');
    assert.ok(await page.locator('.advice').isVisible(), 'no "not legal advice" line');
    // A question that hinges on facts not given lists its cases, each linked to its own answer.
    const open2 = await open(`${p}/us-md-montgomery/2020-01-01/hold`);
    const cases = open2.page.locator('.case-list > li');
    assert.equal(await outcome(open2.page), 'uncertain');
    assert.ok(await cases.count() > 1, 'no cases');
    const link = cases.first().locator('a').first();
    const expected = await link.locator('.outcome').getAttribute('class');
    await link.click();
    await open2.page.waitForLoadState();
    assert.ok(expected.includes(`o-${await outcome(open2.page)}`), 'the case link gives another answer than the case says');
    await open2.context.close();
    await context.close();
  });

  test(`${lang}: an official finishes a guided interview, goes back, and starts over`, async () => {
    const { page, context } = await open(`${p}/us-md-montgomery/2020-01-01/hold/guided`);
    const prompt = await page.locator('form.step legend').innerText();
    assert.ok(prompt.length > 10, 'no question');
    const radios = page.locator('form.step input[type="radio"]');
    if (await radios.count()) await radios.first().check();
    await Promise.all([page.waitForURL(/guided\?/), page.locator('form.step button[type="submit"]').click()]);
    // Back forgets the answer and asks the same question again.
    await page.locator('.step-nav a[rel="prev"]').click();
    await page.waitForURL(/\/guided$/);
    assert.equal(await page.locator('form.step legend').innerText(), prompt);
    const steps = await finishInterview(page);
    assert.ok(steps >= 1);
    assert.ok(outcomes.includes(await outcome(page)), 'the interview ended without an answer');
    const end = await outcome(page);
    if (end === 'uncertain') {
      assert.ok(await page.locator('.unsettled blockquote[lang="en"]').count() > 0, 'the unsettled point of law is not quoted');
    } else {
      assert.ok(await page.locator('blockquote[lang="en"]').count() > 0, 'the deciding law is not quoted');
    }
    // The permalink of the answer reached gives the same answer.
    await page.locator('a.button[href*="/hold?"]').first().click();
    await page.waitForLoadState();
    assert.equal(await outcome(page), end);
    await page.goBack();
    await page.locator('.step-nav a').last().click();
    await page.waitForURL(/\/guided$/);
    await context.close();
  });

  test(`${lang}: a booking desk prints the policy card on one page naming the corpus version`, async () => {
    const { page, context } = await open(`${p}/us-md-howard`);
    await page.locator('a[href*="/card"]').click();
    await page.waitForURL(/\/us-md-howard\/card/);
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('.no-print').isVisible(), false, 'the links print');
    assert.match(await page.locator('.card-meta').innerText(), /[0-9a-f]{12}/);
    const pdf = await page.pdf({ format: 'Letter', printBackground: false });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    assert.equal(pages, 1, `the card prints on ${pages} pages`);
    await context.close();
  });

  test(`${lang}: a reporter compares the counties side by side`, async () => {
    const { page, context } = await open(`${p}/compare`);
    await page.locator('#date-input').fill('2015-01-01');
    await page.locator('#compare-situation').selectOption('misdemeanor-admin-warrant');
    await page.locator('.compare-form button[type="submit"]').click();
    await page.waitForURL(/compare\?date=2015-01-01/);
    const link = page.locator('table.glance a[href*="/us-md-montgomery/2015-01-01/hold"]');
    const word = (await link.innerText()).trim();
    await link.click();
    await page.waitForURL(/\/us-md-montgomery\/2015-01-01\/hold/);
    assert.ok(word.includes((await page.locator('.verdict .big').innerText()).replace(/^\W+/, '').trim()));
    await context.close();
  });

  test(`${lang}: keyboard only, from the home page to an answer, with the focus visible`, async () => {
    const { page, context } = await open(`${p}/`);
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('href') ?? document.activeElement?.id ?? '');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.className), 'skip', 'the skip link is not first');
    let found = false;
    for (let i = 0; i < 80 && !found; i++) {
      await page.keyboard.press('Tab');
      found = (await focused()).includes('place=us-md-frederick');
    }
    assert.ok(found, 'Frederick County is not reachable with Tab');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, 'none', 'the focus is not visible');
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
    assert.ok(outcomes.includes(await outcome(page)));
    await context.close();
  });

  test(`${lang}: keyboard only through the guided questions`, async () => {
    const { page, context } = await open(`${p}/us-md-montgomery/2020-01-01/hold/guided`);
    for (let step = 0; step < 40 && await page.locator('form.step').count(); step++) {
      // Tab to the first choice, pick it with the space bar, and send the form with Enter.
      let found = false;
      for (let i = 0; i < 60 && !found; i++) {
        await page.keyboard.press('Tab');
        found = await page.evaluate(() => document.activeElement?.closest('form.step fieldset') !== null && document.activeElement?.tagName === 'INPUT');
      }
      assert.ok(found, 'no choice is reachable with Tab');
      await page.keyboard.press('Space');
      found = false;
      for (let i = 0; i < 20 && !found; i++) {
        await page.keyboard.press('Tab');
        found = await page.evaluate(() => document.activeElement?.matches('form.step button[type="submit"]') ?? false);
      }
      assert.ok(found, 'the Next button is not reachable with Tab');
      await Promise.all([page.waitForURL(/guided\?/), page.keyboard.press('Enter')]);
    }
    assert.ok(outcomes.includes(await outcome(page)));
    await context.close();
  });

  test(`${lang}: every page fits 390 px without sideways scrolling, the answer in view`, async () => {
    for (const path of ['/', '/us-md-howard', '/us-md-howard/card', '/us-md-howard/2019-07-01/hold?situation=judicial-warrant',
      '/us-md-montgomery/2020-01-01/hold', '/compare', '/about', '/us-md-howard/2019-07-01/hold/guided', '/us-md-nowhere']) {
      const { page, context } = await open(p + path, { viewport: { width: 390, height: 844 }, status: path === '/us-md-nowhere' ? 404 : 200 });
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 390, `${p + path} is ${width} px wide`);
      if (path.includes('/hold?')) {
        const verdict = page.locator('.verdict');
        assert.ok(await verdict.isVisible());
        const box = await verdict.boundingBox();
        assert.ok(box.x >= 0 && box.x + box.width <= 390 && box.y < 844, `${p + path}: the answer is not in view`);
      }
      await context.close();
    }
  });

  test(`${lang}: axe finds no WCAG 2.2 AA violation on any page type`, async () => {
    for (const [path, status] of [
      ['/', 200], ['/?place=us-md-howard&date=2019-07-01', 200], ['/about', 200], ['/compare', 200], ['/us-md-howard', 200],
      ['/us-md-howard/card', 200], ['/us-md-prince-georges/2019-07-01/hold?situation=misdemeanor-admin-warrant', 200],
      ['/us-md-montgomery/2020-01-01/hold', 200], ['/us-md-montgomery/2020-01-01/hold/guided', 200],
      ['/us-md-montgomery/2020-01-01/hold/guided?warrant=administrative&detainer_form=I-247A', 200],
      ['/us-md-nowhere', 404], ['/us-md-howard/2019-13-45/hold', 400],
    ]) {
      const { page, context } = await open(p + path, { status });
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa']).analyze();
      const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
      assert.deepEqual(summary, [], `${p + path}`);
      await context.close();
    }
  });
}

test('screenshots of the main pages', async () => {
  for (const [name, path, width, height] of [
    ['home', '/?place=us-md-prince-georges&date=2019-07-01', 1024, 760],
    ['home-es', '/es/?place=us-md-prince-georges&date=2019-07-01', 1024, 760],
    ['answer', '/us-md-prince-georges/2019-07-01/hold?situation=misdemeanor-admin-warrant', 1024, 760],
    ['answer-es', '/es/us-md-prince-georges/2019-07-01/hold?situation=misdemeanor-admin-warrant', 1024, 760],
    ['answer-es-390', '/es/us-md-montgomery/2020-01-01/hold', 390, 844],
    ['guided', '/us-md-montgomery/2020-01-01/hold/guided?warrant=administrative', 1024, 760],
    ['guided-es', '/es/us-md-montgomery/2020-01-01/hold/guided?warrant=administrative', 1024, 760],
    ['county', '/us-md-howard?date=2017-03-06', 1024, 760],
    ['county-es', '/es/us-md-howard?date=2017-03-06', 1024, 760],
    ['compare', '/compare?date=2020-01-01', 1024, 760],
    ['compare-es', '/es/compare?date=2020-01-01', 1024, 760],
  ]) {
    const { page, context } = await open(path, { viewport: { width, height } });
    const file = join(shots, `${name}.png`);
    await page.screenshot({ path: file, fullPage: false });
    assert.ok(statSync(file).size > 1000, `${file} is empty`);
    await context.close();
  }
});
