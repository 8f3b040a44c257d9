// End-to-end: a consultation from chart to pharmacy, on a store of its own. The administrator sets up the
// clinic, creates a doctor, a pharmacist and a receptionist, and registers a patient allergic to penicillin.
// The doctor opens the chart, starts an encounter, records the complaint, vitals (live BMI) and an ICD-10
// diagnosis, then prescribes amoxicillin from the patient page: the allergy warning blocks issuing until an
// override reason is given; the issued prescription is printed (a PDF handed to the webview as a download).
// The pharmacist receives stock and dispenses it from the work list: the dialog shows the batches to use (earliest
// expiry first) before confirming, and the stock goes down. Last, the receptionist has no way into the chart,
// and the core itself refuses her an encounter through the real IPC (`forbidden`).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { By, until } from 'selenium-webdriver';
import { launch, stepsWithScreenshots } from './driver.mjs';

const ADMIN = { username: 'admin', password: 'harbour-light-2024' };
const DOCTOR = { username: 'okello', name: 'Grace Okello', role: 'doctor', password: 'stethoscope-2026' };
const PHARMACIST = { username: 'mugisha', name: 'Peter Mugisha', role: 'pharmacist', password: 'dispensary-2026' };
const RECEPTIONIST = { username: 'amina', name: 'Amina Nakato', role: 'receptionist', password: 'front-desk-2026' };
const PATIENT = { given: 'Esther', family: 'Namubiru', sex: 'female', birth: '1990-05-21' };

let win = null;
/** This file's store, removed at the end. */
let dataDir = null;

const step = stepsWithScreenshots(test, 'clinical', () => win);

after(async () => {
  if (win) await win.quit().catch(() => {});
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function logout() {
  await win.click('logout');
  await win.find('login-username');
}

async function waitFor(condition, message, timeout = 15000) {
  await win.driver.wait(condition, timeout, message);
}

/** The text of the first element with this test id now, or "" (read in the page: no stale references). */
async function textNow(id) {
  return win.driver.executeScript(
    'const e = document.querySelector(`[data-testid="${arguments[0]}"]`); return e ? e.innerText.trim() : ""',
    id,
  );
}

/**
 * Picks the option of a Mantine combobox (Autocomplete) whose text starts with `prefix` (or is exactly it, with
 * `exact`), once the input `id` shows its options, and waits until the input holds what `picked` accepts. The dropdown is positioned after it
 * appears, so the option is clicked once it stops moving; should a click still miss (the dropdown closes and
 * the input keeps the typed text), the input is clicked to reopen the dropdown and the option picked again.
 */
async function pickOption(id, prefix, picked, { exact = false } = {}) {
  const text = JSON.stringify(prefix);
  const xpath = `//*[@role="option"][${exact ? `normalize-space(.) = ${text}` : `starts-with(normalize-space(.), ${text})`}]`;
  for (let attempt = 1; ; attempt++) {
    const input = await win.find(id);
    try {
      const option = await win.driver.wait(until.elementLocated(By.xpath(xpath)), 15000, `no option starting with ${JSON.stringify(prefix)}`);
      await win.reveal(option);
      let last = null;
      await win.driver.wait(async () => {
        const r = await option.getRect();
        const still = last !== null && r.x === last.x && r.y === last.y && r.width === last.width;
        last = r;
        if (!still) await sleep(100);
        return still;
      }, 5000, 'the option keeps moving');
      await option.click();
      await win.driver.wait(async () => picked(await input.getAttribute('value')), 3000, `picking ${prefix} did not fill [data-testid="${id}"]`);
      return;
    } catch (error) {
      if (attempt === 3) throw error;
      console.error(`(attempt ${attempt} to pick ${prefix} missed: ${error.name}; trying again)`);
      await win.reveal(input);
      await input.click();
    }
  }
}

/** Searches the patient list and opens the one patient found. */
async function openPatient() {
  await win.click('nav-patients');
  await win.fill('patient-search', PATIENT.family);
  let rows = [];
  await waitFor(async () => (rows = await win.findAll('patient-row')).length === 1, 'the patient is not found');
  await sleep(500); // a late search result must not replace the row under the click
  rows = await win.findAll('patient-row');
  assert.equal(rows.length, 1);
  // WebKitWebDriver will not click a table row itself: click its name cell.
  const cell = (await rows[0].findElements(By.css('td')))[1];
  await win.reveal(cell);
  await cell.click();
  const name = await win.nonEmptyText('patient-name');
  assert.ok(name.includes(PATIENT.given) && name.includes(PATIENT.family), `patient-name shows ${JSON.stringify(name)}`);
}

step('the administrator sets up the clinic and creates a doctor, a pharmacist and a receptionist', async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'clinic-e2e-clinical-'));
  win = await launch(['--data-dir', dataDir]);
  await win.fill('setup-clinic-name', 'Mengo Family Clinic');
  await win.fill('setup-clinic-code', 'MFC');
  await win.fill('setup-admin-username', ADMIN.username);
  await win.fill('setup-admin-password', ADMIN.password);
  await win.fill('setup-admin-password-confirm', ADMIN.password);
  await win.click('setup-submit');

  await win.click('nav-users');
  await win.find('user-row');
  await win.createUser(DOCTOR, 2);
  await win.createUser(PHARMACIST, 3);
  await win.createUser(RECEPTIONIST, 4);
  const names = await win.driver.executeScript(
    'return [...document.querySelectorAll(\'[data-testid="user-row"]\')].map((row) => row.dataset.username)',
  );
  assert.deepEqual(names.sort(), [ADMIN.username, DOCTOR.username, PHARMACIST.username, RECEPTIONIST.username].sort());
});

step('the administrator registers a patient allergic to penicillin', async () => {
  await win.click('nav-patients');
  await win.click('new-patient');
  await win.fill('field-given_name', PATIENT.given);
  await win.fill('field-family_name', PATIENT.family);
  await win.select('field-sex', PATIENT.sex);
  await win.fill('field-birth_date', PATIENT.birth);
  await win.click('add-allergy');
  await win.find('allergy-row');
  await win.fill('field-allergies.0.substance', 'Penicillin');
  await win.select('field-allergies.0.severity', 'severe');
  await win.fill('field-allergies.0.reaction', 'Hives and wheezing');
  await win.click('patient-save');

  assert.ok((await win.nonEmptyText('patient-number')).length > 0);
  const allergies = await win.nonEmptyText('patient-allergies');
  assert.match(allergies, /Penicillin/, `patient-allergies shows ${JSON.stringify(allergies)}`);
});

step('the doctor opens the chart and records an encounter with vitals and a diagnosis', async () => {
  await logout();
  await win.login(DOCTOR);
  assert.match(await win.nonEmptyText('header-user'), /Grace Okello/);
  await openPatient();

  await win.click('open-chart');
  await win.find('chart-screen');
  assert.match(await win.nonEmptyText('chart-allergies'), /penicillin/i, 'the chart header does not show the allergy');

  await win.click('chart-new-encounter');
  await win.find('encounter-form');
  assert.match(await win.nonEmptyText('encounter-status'), /open/i);
  await win.fill('encounter-complaint', 'Sore throat and fever for three days');
  await win.click('encounter-save');

  // Vitals, with the BMI computed as the weight and height are typed: 70 kg, 175 cm → 22.9.
  const vitals = {
    systolic_mmhg: '128',
    diastolic_mmhg: '82',
    pulse_bpm: '96',
    temperature_tenths_c: '38.4',
    respiratory_rate: '18',
    spo2_percent: '98',
    weight_g: '70',
  };
  for (const [field, value] of Object.entries(vitals)) await win.fill(`vitals-${field}`, value);
  assert.match(await win.text('vitals-bmi'), /—/, 'a BMI is shown without a height');
  await win.fill('vitals-height_mm', '175');
  await waitFor(async () => /22\.9/.test(await textNow('vitals-bmi')), 'the live BMI does not show 22.9', 5000);
  await win.click('vitals-save');
  const recorded = await win.nonEmptyText('encounter-vitals');
  assert.ok(recorded.includes('128/82') && recorded.includes('22.9') && recorded.includes('38.4'), `encounter-vitals shows ${JSON.stringify(recorded)}`);
  // The form is emptied for the next set.
  assert.equal(await (await win.find('vitals-systolic_mmhg')).getAttribute('value'), '');

  // The ICD-10 picker: search by title words, pick J02.9.
  await win.fill('icd10-picker', 'pharyngitis');
  await pickOption('icd10-picker', 'J02.9', (value) => value.startsWith('J02.9'));
  await win.click('diagnosis-add');
  await waitFor(async () => /J02\.9/.test(await textNow('encounter-diagnoses')), 'the diagnosis is not listed');
  assert.match(await textNow('encounter-diagnoses'), /Acute pharyngitis, unspecified/);

  // The complaint was saved with the encounter: back on the chart, the timeline shows it.
  await win.click('encounter-back');
  let timeline = '';
  await waitFor(
    async () => (timeline = await textNow('chart-timeline')).includes('Sore throat and fever') && timeline.includes('J02.9'),
    'the chart timeline does not show the encounter with its complaint and diagnosis',
  ).catch((error) => assert.fail(`${error.message}: ${JSON.stringify(timeline)}`));
  assert.equal((await win.findAll('timeline-encounter')).length, 1);
});

step('the doctor prescribes amoxicillin: the allergy warning needs an override reason', async () => {
  await win.click('chart-back');
  await win.find('patient-name');
  await win.click('rx-new');
  await win.find('rx-form');

  await win.fill('rx-drug-0', 'Amoxi');
  await pickOption('rx-drug-0', 'Amoxicillin', (value) => value === 'Amoxicillin', { exact: true });
  const item = await win.textOf(await win.find('rx-item-0'));
  assert.ok(!/free text/i.test(item), 'the drug picked from the catalogue was taken as free text');
  await win.fill('rx-dose-0', '500 mg');
  await win.fill('rx-frequency-0', 'three times a day');
  await win.fill('rx-days-0', '5');
  await win.fill('rx-quantity-0', '15');

  const warning = await win.nonEmptyText('rx-warning');
  assert.match(warning, /penicillin/i, `rx-warning says ${JSON.stringify(warning)}`);
  const issue = await win.find('rx-issue');
  assert.equal(await issue.isEnabled(), false, 'the prescription can be issued without an override reason');

  await win.fill('rx-override-reason', 'Took amoxicillin in 2024 without a reaction; benefit outweighs the risk');
  await win.click('rx-issue');
  await win.gone('rx-form');

  await waitFor(async () => (await win.findAll('rx-row')).length === 1, 'the prescription is not listed');
  assert.match(await textNow('rx-row'), /Amoxicillin/);
  await waitFor(async () => /issued/i.test(await textNow('rx-status')), 'the prescription is not issued');
});

step('the doctor prints the prescription: a PDF is handed to the webview as a download', async () => {
  // Watch what printing hands to the page: the blob behind the object URL and the link clicked. The link's
  // default action still runs.
  await win.driver.executeScript(`
    window.__e2ePrint = { blobs: [], links: [] };
    const createObjectURL = URL.createObjectURL.bind(URL);
    URL.createObjectURL = (blob) => {
      const url = createObjectURL(blob);
      window.__e2ePrint.blobs.push({ url, blob });
      return url;
    };
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function () {
      window.__e2ePrint.links.push({ href: this.href, download: this.download });
      return click.call(this);
    };
  `);
  await win.click('rx-print');
  let printed = null;
  await waitFor(
    async () => (printed = await win.driver.executeScript('return window.__e2ePrint.links[0] ?? null')) !== null,
    'printing did not produce a download link',
  );
  assert.match(printed.download, /\.pdf$/i, `the download is named ${JSON.stringify(printed.download)}`);
  assert.match(printed.href, /^blob:/);
  const blob = await win.driver.executeAsyncScript(`
    const done = arguments[arguments.length - 1];
    const { blob } = window.__e2ePrint.blobs.find((b) => b.url === arguments[0]);
    blob.slice(0, 5).text().then((head) => done({ type: blob.type, size: blob.size, head }), (e) => done({ error: String(e) }));
  `, printed.href);
  assert.equal(blob.type, 'application/pdf');
  assert.equal(blob.head, '%PDF-');
  assert.ok(blob.size > 1000, `the PDF has only ${blob.size} bytes`);
  // No error under the prescriptions, and the window is still the app.
  await sleep(500);
  const alerts = await win.driver.findElements(By.css('[data-testid="prescriptions"] [role="alert"]'));
  assert.equal(alerts.length, 0, 'printing showed an error');
  await win.find('patient-name');
});

step('the pharmacist dispenses it from stock, earliest expiry first, from the work list', async () => {
  await logout();
  await win.login(PHARMACIST);
  await win.click('nav-pharmacy');
  await win.find('pharmacy');
  await waitFor(async () => (await win.findAll('pharmacy-row')).length === 1, 'the prescription is not on the work list');
  const text = await textNow('pharmacy-row');
  assert.ok(text.includes('Amoxicillin') && text.includes(PATIENT.family) && text.includes(DOCTOR.name), `pharmacy-row shows ${JSON.stringify(text)}`);

  // Two deliveries of amoxicillin through the real IPC: the one expiring first must be used first.
  const inDays = (n) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
  for (const [batch, days, quantity] of [['AMX-LATE', 400, 40], ['AMX-SOON', 60, 10]]) {
    const received = await win.invoke('receive_stock', {
      input: { drug_id: 'amoxicillin', batch_number: batch, expiry: inDays(days), supplier: 'National Medical Stores', quantity },
    });
    assert.equal(received.error, undefined, `receive_stock failed: ${JSON.stringify(received.error)}`);
  }

  // The dialog shows the batches that will be used before anything is written: 10 + 5 for the 15 prescribed.
  await win.click('rx-dispense');
  await win.find('rx-dispense-dialog');
  await waitFor(async () => (await win.findAll('rx-dispense-batch')).length === 2, 'the batches to use are not shown');
  const planned = await textNow('rx-dispense-line');
  assert.ok(/AMX-SOON.*10/.test(planned) && /AMX-LATE.*5/.test(planned), `the dispense line shows ${JSON.stringify(planned)}`);
  assert.ok(planned.indexOf('AMX-SOON') < planned.indexOf('AMX-LATE'), 'the earliest expiry is not listed first');
  await win.click('rx-dispense-confirm');
  await win.find('rx-dispensed-result');
  assert.match(await textNow('rx-dispensed-result'), /15 of 15[\s\S]*AMX-SOON/);
  await win.click('rx-dispense-close');
  await win.gone('pharmacy-row');
  const stock = await win.invoke('stock_batches', { drugId: 'amoxicillin' });
  assert.deepEqual(stock.ok?.map((b) => [b.batch_number, b.on_hand]), [['AMX-SOON', 0], ['AMX-LATE', 35]]);

  await openPatient();
  await waitFor(async () => /dispensed/i.test(await textNow('rx-status')), 'the prescription does not show dispensed');
});

step('the receptionist has no chart, and the core refuses her an encounter', async () => {
  await logout();
  await win.login(RECEPTIONIST);
  assert.match(await win.nonEmptyText('header-user'), /Amina Nakato/);
  await openPatient();
  await sleep(1000); // the role is read asynchronously: give the chart button time to (not) appear
  assert.equal(await win.has('open-chart'), false, 'a receptionist sees the chart button');
  assert.equal(await win.has('prescriptions'), false, 'a receptionist sees the prescriptions');

  const result = await win.driver.executeAsyncScript(`
    const done = arguments[arguments.length - 1];
    const invoke = window.__TAURI_INTERNALS__.invoke;
    invoke('search_patients', { query: arguments[0], includeDeleted: false, limit: 5 })
      .then((found) => invoke('open_encounter', { input: { patient_id: found[0].id, chief_complaint: 'Walk-in' } })
        .then((view) => done({ resolved: view, patients: found.length }), (error) => done({ rejected: error, patients: found.length })))
      .catch((error) => done({ searchFailed: error }));
  `, PATIENT.family);
  assert.equal(result.searchFailed, undefined, `search_patients failed: ${JSON.stringify(result.searchFailed)}`);
  assert.equal(result.patients, 1);
  assert.equal(result.resolved, undefined, 'the receptionist opened an encounter');
  assert.equal(result.rejected?.code, 'forbidden', `the rejection is ${JSON.stringify(result.rejected)}`);
});
