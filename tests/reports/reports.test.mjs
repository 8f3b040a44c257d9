// The central admin report pages in headless Chromium: the real `clinic-sync-server` binary on a
// fresh PostgreSQL database, driven through chromedriver by node's test runner.
//
// Environment: CLINIC_SYNC_SERVER_BIN (default target/debug/clinic-sync-server), DATABASE_URL (a
// maintenance database; default postgres://postgres@127.0.0.1:5432/postgres), CHROMIUM_BIN,
// CHROMEDRIVER_BIN. Run through tests/reports/run.sh.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// selenium-webdriver is installed by the window end-to-end tests (tests/e2e).
const require = createRequire(path.join(root, 'tests/e2e/package.json'));
const { Builder, By, until } = require('selenium-webdriver');
const chrome = require('selenium-webdriver/chrome');

const BIN = process.env.CLINIC_SYNC_SERVER_BIN || path.join(root, 'target/debug/clinic-sync-server');
const MAINTENANCE = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const ADMIN = 'central';
const PASSWORD = 'correct horse battery staple';
const EVIL = '<script>alert(1)</script>';

const tmp = mkdtempSync(path.join(tmpdir(), 'clinic-reports-'));
const dbName = `clinic_reports_${process.pid}_${Date.now()}`;
const dbUrl = (() => {
  const u = new URL(MAINTENANCE);
  u.pathname = `/${dbName}`;
  return u.toString();
})();
const children = [];
let driver;
let base;

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function psql(sql) {
  execFileSync('psql', [MAINTENANCE, '-v', 'ON_ERROR_STOP=1', '-q', '-c', sql], { stdio: 'pipe' });
}

const serverEnv = () => ({
  ...process.env,
  DATABASE_URL: dbUrl,
  CLINIC_ATTACHMENTS_DIR: path.join(tmp, 'attachments'),
  RUST_LOG: 'info',
});

function cli(...args) {
  return execFileSync(BIN, args, {
    env: { ...serverEnv(), CLINIC_ADMIN_PASSWORD: PASSWORD },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function start(cmd, args, env, log) {
  const out = openSync(path.join(tmp, log), 'a');
  const child = spawn(cmd, args, { env, stdio: ['ignore', out, out] });
  children.push(child);
  return child;
}

async function waitFor(url, child, what) {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`${what} exited (${child.exitCode}); logs in ${tmp}`);
    try {
      const r = await fetch(url, { redirect: 'manual' });
      if (r.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not answer at ${url}; logs in ${tmp}`);
}

before(async () => {
  psql(`CREATE DATABASE ${dbName}`);
  cli('migrate');
  cli('admin', 'create-admin', '--username', ADMIN);
  cli('admin', 'create-clinic', '--code', 'ALPHA', '--name', 'Alpha Clinic');
  cli('admin', 'create-clinic', '--code', 'EVIL', '--name', EVIL);

  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const server = start(BIN, ['serve'], { ...serverEnv(), CLINIC_SYNC_LISTEN: `127.0.0.1:${port}` }, 'server.log');
  await waitFor(`${base}/admin/login`, server, 'clinic-sync-server');

  const driverPort = await freePort();
  const chromedriver = start(
    process.env.CHROMEDRIVER_BIN || 'chromedriver',
    [`--port=${driverPort}`],
    process.env,
    'chromedriver.log',
  );
  await waitFor(`http://127.0.0.1:${driverPort}/status`, chromedriver, 'chromedriver');

  const options = new chrome.Options()
    .setChromeBinaryPath(process.env.CHROMIUM_BIN || '/usr/bin/chromium')
    .addArguments(
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-dev-shm-usage',
      `--user-data-dir=${path.join(tmp, 'chromium')}`,
    );
  driver = await new Builder()
    .usingServer(`http://127.0.0.1:${driverPort}`)
    .forBrowser('chrome')
    .setChromeOptions(options)
    .build();
});

after(async () => {
  if (driver) await driver.quit().catch(() => {});
  for (const c of children.reverse()) {
    if (c.exitCode === null) {
      c.kill('SIGTERM');
      await new Promise((r) => {
        const t = setTimeout(() => {
          c.kill('SIGKILL');
          r();
        }, 5000);
        c.once('exit', () => {
          clearTimeout(t);
          r();
        });
      });
    }
  }
  try {
    psql(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  } catch (e) {
    console.error(`could not drop ${dbName}: ${e.message}`);
  }
  if (process.exitCode || process.env.KEEP_REPORTS_TMP) console.error(`reports: logs kept in ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });
});

async function login(password) {
  await driver.get(`${base}/admin/login`);
  const user = await driver.wait(until.elementLocated(By.id('username')), 5000);
  await user.clear();
  await user.sendKeys(ADMIN);
  await driver.findElement(By.id('password')).sendKeys(password);
  await driver.findElement(By.id('login-button')).click();
}

describe('central report pages', () => {
  test('the pages need a login', async () => {
    await driver.get(`${base}/admin`);
    await driver.wait(until.urlIs(`${base}/admin/login`), 5000);
  });

  test('a wrong password shows the generic error', async () => {
    await login('not the password at all');
    const error = await driver.wait(until.elementLocated(By.id('login-error')), 5000);
    assert.equal(await error.getText(), 'Wrong username or password.');
    assert.equal(await driver.getCurrentUrl(), `${base}/admin/login`);
  });

  test('logging in shows every clinic, names escaped, styles applied under the CSP', async () => {
    await login(PASSWORD);
    await driver.wait(until.urlIs(`${base}/admin`), 5000);
    const alpha = await driver.wait(until.elementLocated(By.css('#clinics tr[data-clinic="ALPHA"]')), 5000);
    assert.match(await alpha.getText(), /Alpha Clinic/);
    const evil = await driver.findElement(By.css('#clinics tr[data-clinic="EVIL"] td:nth-child(2)'));
    assert.equal(await evil.getText(), EVIL, 'the name is shown as text, not run');
    assert.equal(await driver.executeScript('return document.scripts.length'), 0);
    const th = await driver.findElement(By.css('#clinics th'));
    assert.equal(await th.getCssValue('background-color'), 'rgba(241, 241, 241, 1)');
    const csv = await driver.findElement(By.css('a.csv[data-table="clinics"]'));
    assert.equal(await csv.getAttribute('href'), `${base}/admin/reports/clinics.csv`);
  });

  test('a clinic row leads to the clinic page with its tables and exports', async () => {
    await driver.findElement(By.css('#clinics tr[data-clinic="ALPHA"] a')).click();
    await driver.wait(until.urlIs(`${base}/admin/clinics/ALPHA`), 5000);
    assert.match(await driver.findElement(By.css('h1')).getText(), /Clinic ALPHA/);
    for (const id of ['clinics', 'devices', 'rejected', 'patients_per_week']) {
      await driver.findElement(By.id(id));
    }
    const csv = await driver.findElement(By.css('a.csv[data-table="devices"]'));
    assert.equal(await csv.getAttribute('href'), `${base}/admin/reports/devices.csv?clinic=ALPHA`);
    const json = await driver.findElement(By.css('a.json[data-table="patients_per_week"]'));
    assert.equal(await json.getAttribute('href'), `${base}/admin/api/patients_per_week?clinic=ALPHA`);
  });

  test('logging out ends the session', async () => {
    await driver.findElement(By.id('logout')).click();
    await driver.wait(until.urlIs(`${base}/admin/login`), 5000);
    await driver.get(`${base}/admin/clinics/ALPHA`);
    await driver.wait(until.urlIs(`${base}/admin/login`), 5000);
  });
});
