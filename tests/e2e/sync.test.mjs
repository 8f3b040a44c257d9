// End-to-end: the desktop window connects to a real central server with an enrollment code and shows
// honest sync status. A real `clinic-sync-server` process on a fresh PostgreSQL database (DATABASE_URL,
// given by scripts/with-services.sh), the real app on a store of its own: connect from the sync panel,
// register a patient, "Sync now", find the patient in the central tables, then see a revoked PC told so.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { launch } from './driver.mjs';

const ADMIN = { username: 'admin', password: 'harbour-light-2024' };
const serverBin = process.env.CLINIC_E2E_SERVER_BIN ?? join(dirname(process.env.CLINIC_E2E_BIN ?? ''), 'clinic-sync-server');
let win = null;
let server = null;
let serverEnv = null;
let baseUrl = null;

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** Runs the server's admin command line; its standard output. */
function admin(...args) {
  const run = spawnSync(serverBin, ['admin', ...args], { env: serverEnv, encoding: 'utf8' });
  assert.equal(run.status, 0, `clinic-sync-server admin ${args.join(' ')} failed: ${run.stderr}`);
  return run.stdout.trim();
}

function sql(query) {
  const run = spawnSync('psql', [serverEnv.DATABASE_URL, '-tAc', query], { encoding: 'utf8' });
  assert.equal(run.status, 0, `psql failed: ${run.stderr}`);
  return run.stdout.trim();
}

function step(name, body) {
  test(name, async (t) => {
    try {
      await body(t);
    } catch (error) {
      const path = win ? await win.screenshot(`sync-${name}`) : null;
      if (path) t.diagnostic(`screenshot: ${path}`);
      throw error;
    }
  });
}

before(async () => {
  const maintenance = process.env.DATABASE_URL;
  assert.ok(maintenance, 'DATABASE_URL is not set: run through scripts/with-services.sh (make e2e does)');
  const db = `clinic_e2e_${process.pid}_${Date.now()}`;
  const created = spawnSync('psql', [maintenance, '-c', `CREATE DATABASE ${db}`], { encoding: 'utf8' });
  assert.equal(created.status, 0, `cannot create the test database: ${created.stderr}`);
  const url = new URL(maintenance);
  url.pathname = `/${db}`;
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  serverEnv = {
    ...process.env,
    DATABASE_URL: url.toString(),
    CLINIC_SYNC_LISTEN: `127.0.0.1:${port}`,
    CLINIC_ATTACHMENTS_DIR: mkdtempSync(join(tmpdir(), 'clinic-e2e-attachments-')),
  };
  admin('create-clinic', '--code', 'KLA', '--name', 'Kampala Road Clinic');
  server = spawn(serverBin, ['serve'], { env: serverEnv, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  server.stderr.on('data', (d) => (log += d));
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${baseUrl}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    assert.ok(i < 100 && server.exitCode === null, `the sync server did not start:\n${log}`);
    await sleep(100);
  }
});

after(async () => {
  if (win) await win.quit().catch(() => {});
  if (server) server.kill('SIGTERM');
});

/** Opens the sync panel under the header badge unless it is open already. */
async function openSyncPanel() {
  if (!(await win.has('sync-panel'))) await win.click('sync-badge');
  await win.find('sync-panel');
}

/** The badge's state once it reaches one of `states` (see ui/src/sync.ts). */
async function badgeReaches(states, timeout = 30000) {
  let state = null;
  await win.driver.wait(
    async () => states.includes((state = await (await win.find('sync-badge')).getAttribute('data-state'))),
    timeout,
    `the sync badge does not reach ${states.join(' or ')}`,
  );
  return state;
}

step('a PC set up offline connects with an enrollment code and syncs', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'clinic-e2e-sync-'));
  win = await launch(['--data-dir', dataDir]);
  await win.fill('setup-clinic-name', 'Kampala Road Clinic');
  await win.fill('setup-clinic-code', 'KLA');
  await win.fill('setup-device-code', 'FD1');
  await win.fill('setup-admin-username', ADMIN.username);
  await win.fill('setup-admin-password', ADMIN.password);
  await win.fill('setup-admin-password-confirm', ADMIN.password);
  await win.click('setup-submit');
  assert.equal(await badgeReaches(['notConnected']), 'notConnected');

  // A wrong code is refused in plain language, and nothing is connected.
  await openSyncPanel();
  await win.click('sync-connect');
  await win.fill('connect-server', baseUrl);
  await win.fill('connect-code', 'AAAA-BBBB-CCCC-DDDD');
  await win.fill('connect-device-name', 'Front desk 1');
  await win.click('connect-submit');
  const refused = await win.find('connect-error');
  assert.equal(await refused.getAttribute('data-code'), 'enrollment_code');

  await win.fill('connect-code', admin('enroll', '--clinic', 'KLA'));
  await win.click('connect-submit');
  await win.gone('connect-submit');
  assert.equal(await badgeReaches(['synced']), 'synced');
  const devices = admin('devices', '--clinic', 'KLA');
  assert.match(devices, /\tKLA\tFD1\tFront desk 1\tactive/, `the server lists ${devices}`);
});

step('a patient registered here reaches the central tables on Sync now', async () => {
  await win.click('nav-patients');
  await win.click('new-patient');
  await win.fill('field-given_name', 'Amani');
  await win.fill('field-family_name', 'Okello');
  await win.select('field-sex', 'female');
  await win.fill('field-birth_date', '1990-05-01');
  await win.click('patient-save');
  const number = await win.nonEmptyText('patient-number');
  assert.match(number, /^KLA-FD1-/);

  await openSyncPanel();
  await win.click('sync-now');
  let central = '';
  await win.driver.wait(
    async () => (central = sql(`SELECT patient_number FROM patients WHERE family_name = 'Okello'`)) !== '',
    30000,
    'the patient never reached the central patients table',
  );
  assert.equal(central, number);
  assert.equal(await badgeReaches(['synced']), 'synced');
});

step('a new PC joins the clinic from the setup screen and receives its users and patients', async () => {
  await win.quit();
  win = await launch(['--data-dir', mkdtempSync(join(tmpdir(), 'clinic-e2e-join-'))]);
  await win.click('setup-join');
  await win.fill('connect-server', baseUrl);
  await win.fill('connect-code', admin('enroll', '--clinic', 'KLA'));
  await win.fill('connect-device-name', 'Front desk 2');
  await win.click('connect-submit');
  // The clinic's administrator came with the snapshot: the usual login works.
  await win.fill('login-username', ADMIN.username);
  await win.fill('login-password', ADMIN.password);
  await win.click('login-submit');
  await win.fill('patient-search', 'okello');
  await win.driver.wait(async () => (await win.findAll('patient-row')).length === 1, 20000, 'the synced patient is not listed');
  const [row] = await win.findAll('patient-row');
  assert.match(await row.getAttribute('data-number'), /^KLA-FD1-/);
  assert.equal(await badgeReaches(['synced']), 'synced');
});

step('a revoked PC is told so, with what to do', async () => {
  const line = admin('devices', '--clinic', 'KLA').split('\n').find((l) => l.includes('Front desk 2'));
  admin('revoke', line.split('\t')[0]);
  await openSyncPanel();
  await win.click('sync-now');
  assert.equal(await badgeReaches(['error']), 'error');
  const alert = await win.find('sync-last-error');
  assert.equal(await alert.getAttribute('data-code'), 'revoked');
  assert.match(await win.textOf(alert), /reconnect/i);
});
