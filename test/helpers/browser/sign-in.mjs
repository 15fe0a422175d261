#!/usr/bin/env node
// A `BROWSER` for connector-lint --login in tests: opens the URL it is given (its last argument) in
// headless Debian chromium through playwright-core and acts as the person at the keyboard would on
// oidc-provider's login and consent pages. SIGN_IN_ACTION says what that person does:
//   approve (default)  sign in as SIGN_IN_USER (default `alice`) and approve consent
//   deny               sign in, then refuse consent (the IdP answers access_denied)
//   ignore             open nothing, as a person who walks away
// SIGN_IN_LOG, when set, is a file the script appends what it did to (never a token: it sees none).
import { appendFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const url = process.argv.at(-1);
const action = process.env.SIGN_IN_ACTION ?? 'approve';
const log = (line) => process.env.SIGN_IN_LOG && appendFileSync(process.env.SIGN_IN_LOG, `${line}\n`);

if (action === 'ignore') {
  log('ignored');
  process.exit(0);
}
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage();
  await page.goto(url);
  await page.fill('input[name=login]', process.env.SIGN_IN_USER ?? 'alice');
  await page.fill('input[name=password]', 'any-password');
  await page.click('button[type=submit]');
  if (action === 'deny') {
    await page.waitForSelector('a[href$="/abort"]');
    await Promise.all([page.waitForURL(/\/callback\?/), page.click('a[href$="/abort"]')]);
  } else {
    await page.waitForSelector('button[type=submit]');
    await Promise.all([page.waitForURL(/\/callback\?/), page.click('button[type=submit]')]);
  }
  await page.waitForLoadState('load');
  log(`${action}: ${await page.title()}`);
} catch (error) {
  log(`failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
