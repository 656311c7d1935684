// A real browser for `svcacct login`: used as $BROWSER, it opens the authorization URL in headless
// Chromium (Debian's /usr/bin/chromium, driven by playwright-core), signs in on the sandbox's
// login page, presses Approve or Deny, and follows the redirect to the CLI's loopback listener.
//
// Env: SIM_LOGIN, SIM_PASSWORD, SIM_DECISION (approve | deny), SIM_WRONG_PASSWORD_FIRST=1 (try a
// wrong password first and check the page says so), SIM_LOG (file: one line per step),
// SIM_SCREENSHOT (file: a PNG of the consent page). Only loopback pages are visited.
import { appendFileSync } from 'node:fs';

import { chromium } from 'playwright-core';

const url = process.argv[2];
const log = (line) => process.env.SIM_LOG && appendFileSync(process.env.SIM_LOG, `${line}\n`);
const loopback = (u) => ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(u).hostname);

async function main() {
  if (!loopback(url)) throw new Error(`refusing non-loopback URL ${url}`);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(15000);
    await page.route('**/*', (route) => (loopback(route.request().url()) ? route.continue() : route.abort()));
    await page.goto(url);
    log(`login page: ${await page.title()}`);
    if (process.env.SIM_WRONG_PASSWORD_FIRST) {
      await page.fill('#login', process.env.SIM_LOGIN);
      await page.fill('#password', 'not-the-password');
      await page.click('#sign-in');
      log(`after wrong password: ${(await page.locator('#error').textContent()).trim()}`);
    }
    await page.fill('#login', process.env.SIM_LOGIN);
    await page.fill('#password', process.env.SIM_PASSWORD);
    await page.click('#sign-in');
    await page.locator('#approve').waitFor();
    log(`consent page: ${(await page.locator('p').first().textContent()).trim()}`);
    if (process.env.SIM_SCREENSHOT) await page.screenshot({ path: process.env.SIM_SCREENSHOT });
    const decision = process.env.SIM_DECISION === 'deny' ? '#deny' : '#approve';
    await Promise.all([page.waitForURL((u) => u.pathname === '/callback'), page.click(decision)]);
    log(`callback page: ${(await page.locator('h1').textContent()).trim()}`);
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  log(`error: ${e.message}`);
  process.exit(1);
});
