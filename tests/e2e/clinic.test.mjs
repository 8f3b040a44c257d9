// End-to-end tests of the Clinic desktop window. They run in order and share one store, the way a clinic
// would use the app: first-run setup, log out and in, restart, register a patient, find them, and a
// refused form. Run through run.sh (make e2e), which provides the app binary, tauri-driver, a virtual
// display, a fresh CLINIC_DATA_DIR and HOME, and a Secret Service keyring.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { launch } from './driver.mjs';

const ADMIN = { username: 'admin', password: 'harbour-light-2024' };
// The Secret Service attribute under which the store keeps its key (KEYRING_SERVICE in clinic-store's key.rs).
const KEYRING_SERVICE = 'org.clinic.desktop';
const PATIENT = { given: 'Zoë', family: 'Ngata', sex: 'female', birth: '1987-03-14' };

/** The window of the current app process. */
let win = null;
/** The patient number shown after registration, checked again by the search. */
let registeredNumber = null;

/** A test that saves a screenshot of the window when it fails, and prints where. */
function step(name, body) {
  test(name, async (t) => {
    try {
      await body(t);
    } catch (error) {
      const path = win ? await win.screenshot(name) : null;
      if (path) {
        console.error(`screenshot of the failed test "${name}": ${path}`);
        t.diagnostic(`screenshot: ${path}`);
      }
      throw error;
    }
  });
}

after(async () => {
  if (win) await win.quit().catch(() => {});
});

async function logIn(password = ADMIN.password) {
  await win.fill('login-username', ADMIN.username);
  await win.fill('login-password', password);
  await win.click('login-submit');
}

async function assertLoggedIn() {
  await win.find('logout');
  await win.find('nav-patients');
  assert.equal(await win.has('login-submit'), false, 'the login form is still shown');
  assert.equal(await win.has('setup-submit'), false, 'the setup form is still shown');
}

/** The patient rows once the list has settled on `count` rows and stays there for a moment. */
async function rowsSettledAt(count, timeout = 15000) {
  let rows = [];
  await win.driver.wait(async () => (rows = await win.findAll('patient-row')).length === count, timeout,
    `the patient list does not settle on ${count} row(s)`);
  await sleep(750); // a late search result must not change it
  rows = await win.findAll('patient-row');
  assert.equal(rows.length, count, `the patient list changed to ${rows.length} row(s)`);
  return rows;
}

async function search(query) {
  await win.click('nav-patients');
  await win.fill('patient-search', query);
}

step('first-run setup wizard creates the clinic and lands logged in', async () => {
  win = await launch();
  await win.find('setup-clinic-name');
  assert.equal(await win.has('login-username'), false, 'a fresh store shows the login form instead of setup');
  // The page runs under the shell's strict Content-Security-Policy (no 'unsafe-eval').
  const evalBlocked = await win.driver.executeScript('try { eval("1"); return false } catch (e) { return e instanceof EvalError }');
  assert.equal(evalBlocked, true, 'eval() ran: the Content-Security-Policy is not applied');

  await win.fill('setup-clinic-name', 'Riverside Health Centre');
  await win.fill('setup-clinic-code', 'RHC');
  await win.fill('setup-admin-username', ADMIN.username);
  await win.fill('setup-admin-password', ADMIN.password);
  await win.fill('setup-admin-password-confirm', ADMIN.password);
  await win.click('setup-submit');

  await assertLoggedIn();
});

step('log out, a wrong password is refused, log in again', async () => {
  await win.click('logout');
  await win.find('login-username');
  assert.equal(await win.has('logout'), false, 'still logged in after logging out');

  await logIn('not-the-password-1');
  const message = await win.nonEmptyText('login-error');
  assert.ok(message.length > 3, `login-error says only ${JSON.stringify(message)}`);
  assert.equal(await win.has('logout'), false, 'a wrong password logged in');

  await logIn();
  await assertLoggedIn();
});

step('after quitting and relaunching, the store opens with the key kept in the keyring', async () => {
  assert.equal(process.env.CLINIC_DB_KEY, undefined, 'CLINIC_DB_KEY must not be set in the e2e tests');
  await win.quit();
  win = null;
  // The key is in the Secret Service. (secret-tool prints the secret on stdout: never show its output.)
  const found = spawnSync('secret-tool', ['search', '--all', 'service', KEYRING_SERVICE], { encoding: 'utf8' });
  const attributes = `${found.stdout}\n${found.stderr}`; // the attributes come on stderr
  assert.ok(attributes.includes(`attribute.service = ${KEYRING_SERVICE}`), 'no store key in the Secret Service keyring');

  win = await launch();

  await win.find('login-username');
  assert.equal(await win.has('setup-clinic-name'), false, 'the relaunched app asks for setup again');
  await logIn();
  await assertLoggedIn();
});

step('register a patient', async () => {
  await win.click('nav-patients');
  await win.click('new-patient');
  await win.fill('field-given_name', PATIENT.given);
  await win.fill('field-family_name', PATIENT.family);
  await win.select('field-sex', PATIENT.sex);
  await win.fill('field-birth_date', PATIENT.birth);
  await win.fill('field-phone', '+64 21 555 0199');
  await win.click('patient-save');

  registeredNumber = await win.nonEmptyText('patient-number');
  const name = await win.text('patient-name');
  assert.ok(name.includes(PATIENT.given) && name.includes(PATIENT.family), `patient-name shows ${JSON.stringify(name)}`);
  assert.equal(await win.has('duplicate-warning'), false, 'a first patient was flagged as a duplicate');
});

step('search finds the patient by a prefix of the given name, ignoring case and accents', async () => {
  await search('zoe');
  const [row] = await rowsSettledAt(1);
  const text = await win.textOf(row);
  assert.ok(text.includes(PATIENT.given), `the row shows ${JSON.stringify(text)}`);
  if (registeredNumber) assert.equal(await row.getAttribute('data-number'), registeredNumber);

  await win.fill('patient-search', 'ZO');
  await rowsSettledAt(1);
  await win.fill('patient-search', 'wxyz');
  await rowsSettledAt(0);
});

step('a form with bad input shows field errors and saves nothing', async () => {
  await win.click('nav-patients');
  await win.click('new-patient');
  await win.fill('field-given_name', 'Tamati');
  await win.fill('field-family_name', '');
  await win.select('field-sex', 'male');
  const nextYear = new Date().getFullYear() + 1;
  await win.fill('field-birth_date', `${nextYear}-06-01`);
  await win.click('patient-save');

  const familyError = await win.nonEmptyText('error-family_name');
  const birthError = await win.nonEmptyText('error-birth_date');
  assert.ok(familyError && birthError);
  assert.equal(await win.has('patient-number'), false, 'an invalid patient was opened as saved');
  assert.ok(await win.has('patient-save'), 'the form closed');

  // Nothing was created: the list still holds only the first patient, and no Tamati.
  await search('');
  const rows = await rowsSettledAt(1);
  assert.ok((await win.textOf(rows[0])).includes(PATIENT.given));
  await win.fill('patient-search', 'tamati');
  await rowsSettledAt(0);
});
