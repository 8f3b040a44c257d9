// End-to-end: a lab test from order to the chart, on a store of its own. The administrator sets up the
// clinic with a doctor and two lab technicians and registers a patient. The doctor opens an encounter in
// the chart and orders a haemoglobin. The first technician collects the sample (a sample id and a printed
// label), receives it and enters a critically low value: the flag shows while typing. She may not validate
// her own result; the second technician does. The doctor finds it in "results to review" and in the chart
// timeline, flagged, downloads the report and marks it reviewed; a referral attached to the patient is on
// the same timeline and opens from it.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { By, Key } from 'selenium-webdriver';
import { launch, stepsWithScreenshots } from './driver.mjs';

const ADMIN = { username: 'admin', password: 'harbour-light-2024' };
const DOCTOR = { username: 'achola', name: 'Dr Achola Ruth', role: 'doctor', password: 'stetho-scope-2026' };
const TECH = { username: 'okot', name: 'Okot Denis', role: 'lab_technician', password: 'pipette-2026' };
const SECOND = { username: 'nalule', name: 'Nalule Sarah', role: 'lab_technician', password: 'centrifuge-2026' };
const PATIENT = { given: 'Rose', family: 'Akello', sex: 'female', birth: '1985-02-11' };

let win = null;
let dataDir = null;
const step = stepsWithScreenshots(test, 'lab', () => win);

after(async () => {
  if (win) await win.quit().catch(() => {});
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function waitFor(condition, message, timeout = 15000) {
  await win.driver.wait(async () => {
    try {
      return await condition();
    } catch {
      return false; // the element re-rendered under us
    }
  }, timeout, message);
}

async function switchUser(user) {
  await win.click('logout');
  await win.login(user);
}

/** Clicks the first cell of the first row with this test id showing `text` (WebKit will not click a row). */
async function openRow(id, text) {
  await waitFor(async () => {
    for (const row of await win.findAll(id)) {
      if ((await win.textOf(row)).includes(text)) {
        const cell = await row.findElement(By.css('td'));
        await win.reveal(cell);
        await cell.click();
        return true;
      }
    }
    return false;
  }, `no [data-testid="${id}"] showing ${text}`);
}

async function labTab(status) {
  const tabs = await win.find('lab-status');
  const label = await tabs.findElement(By.xpath(`.//input[@value="${status}"]/following-sibling::label`));
  await win.reveal(label);
  await label.click();
}

async function orderStatus(status) {
  await waitFor(async () => (await (await win.find('lab-order')).getAttribute('data-status')) === status, `the order is not ${status}`);
}

step('the administrator sets up the clinic, a doctor, two lab technicians and a patient', async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'clinic-e2e-lab-'));
  win = await launch(['--data-dir', dataDir]);
  await win.fill('setup-clinic-name', 'Lira Health Centre');
  await win.fill('setup-clinic-code', 'LHC');
  await win.fill('setup-admin-username', ADMIN.username);
  await win.fill('setup-admin-password', ADMIN.password);
  await win.fill('setup-admin-password-confirm', ADMIN.password);
  await win.click('setup-submit');
  await win.click('nav-users');
  await win.find('user-row');
  // (Created right after a lab technician, the second one came out a receptionist here: picking the role
  // the form had just used fired no change. A different role in between avoids it.)
  await win.createUser(TECH, 2);
  await win.createUser(DOCTOR, 3);
  await win.createUser(SECOND, 4);
  await win.click('nav-patients');
  await win.click('new-patient');
  await win.fill('field-given_name', PATIENT.given);
  await win.fill('field-family_name', PATIENT.family);
  await win.select('field-sex', PATIENT.sex);
  await win.fill('field-birth_date', PATIENT.birth);
  await win.click('patient-save');
  await win.nonEmptyText('patient-number');
  // A scanned referral, attached through the real IPC (the file picker is not WebDriver's to drive).
  const found = await win.invoke('search_patients', { query: PATIENT.family, includeDeleted: false, limit: 5 });
  const pdf = Buffer.from('%PDF-1.4\n% referral letter\n%%EOF\n').toString('base64');
  const attached = await win.invoke('attach_file', { patientId: found.ok[0].id, fileName: 'referral.pdf', bytes: pdf });
  assert.equal(attached.error, undefined, `attach_file failed: ${JSON.stringify(attached.error)}`);
});

step('the doctor orders a haemoglobin from an encounter in the chart', async () => {
  await switchUser(DOCTOR);
  await win.fill('patient-search', PATIENT.family);
  await openRow('patient-row', PATIENT.given);
  await win.click('open-chart');
  await win.find('chart-screen');
  await win.click('chart-new-encounter');
  await win.find('encounter-form');
  await win.find('lab-order-form');
  const testsBox = await win.find('lab-order-tests');
  const input = await win.driver.executeScript(
    'const e = arguments[0]; return e.matches("input") ? e : e.querySelector("input")',
    testsBox,
  );
  await win.reveal(input);
  await input.click();
  await input.sendKeys('Haemoglobin');
  await input.sendKeys(Key.ARROW_DOWN, Key.ENTER);
  await win.fill('lab-order-note', 'Pale, tired for two weeks');
  await win.click('lab-order-submit');
  assert.match(await win.nonEmptyText('lab-order-done'), /Haemoglobin/);
});

step('the technician collects (sample id, label), receives and enters a critical value', async () => {
  await switchUser(TECH);
  await win.click('nav-lab');
  await openRow('lab-row', PATIENT.family);
  await orderStatus('ordered');
  await win.click('lab-collect');
  await orderStatus('collected');
  assert.match(await win.nonEmptyText('lab-sample-id'), /LAB-LHC-/);
  await win.click('lab-label');
  assert.match(await (await win.find('lab-pdf-link')).getAttribute('download'), /\.pdf$/i);
  await win.click('lab-receive');
  await orderStatus('received');

  await win.fill('lab-result-value', '6.5');
  // The flag follows the value before anything is saved.
  await waitFor(async () => (await (await win.find('lab-result-row')).getAttribute('data-flag')) === 'critical_low', 'no live critical flag');
  await win.fill('lab-result-value', '13.1');
  await waitFor(async () => (await (await win.find('lab-result-row')).getAttribute('data-flag')) === 'normal', 'the flag does not follow the value');
  await win.fill('lab-result-value', '6.5');
  await win.click('lab-results-save');
  await orderStatus('resulted');

  // She entered the result: the core will not let her validate it too.
  await win.click('lab-validate');
  await win.find('lab-field-error');
  assert.equal(await (await win.find('lab-order')).getAttribute('data-status'), 'resulted');
});

step('a second technician validates', async () => {
  await switchUser(SECOND);
  await win.click('nav-lab');
  await labTab('resulted');
  await openRow('lab-row', PATIENT.family);
  await win.click('lab-validate');
  await orderStatus('validated');
});

step('the doctor sees the flagged result to review and in the chart, gets the report and acknowledges', async () => {
  await switchUser(DOCTOR);
  await win.click('nav-lab');
  const review = await win.find('lab-review-row');
  assert.match(await win.textOf(review), /Haemoglobin/);

  await win.click('nav-patients');
  await win.fill('patient-search', PATIENT.family);
  await openRow('patient-row', PATIENT.given);
  await win.click('open-chart');
  const row = await win.find('timeline-lab');
  assert.equal(await row.getAttribute('data-status'), 'validated');
  await win.find('timeline-lab-flagged');
  await openRow('timeline-lab', 'Haemoglobin');
  await win.find('lab-order');
  const line = await win.find('lab-result-line');
  assert.equal(await line.getAttribute('data-flag'), 'critical_low');
  await win.click('lab-report');
  assert.match(await (await win.find('lab-pdf-link')).getAttribute('download'), /\.pdf$/i);
  await win.click('lab-acknowledge');
  await win.gone('lab-acknowledge');

  // The referral attached at registration is on the timeline too, and opens as a download.
  await openRow('timeline-attachment', 'referral.pdf');
  assert.match(await (await win.find('chart-attachment-download')).getAttribute('download'), /^referral\.pdf$/);

  await win.click('nav-lab');
  await win.find('lab-review');
  await waitFor(async () => (await win.findAll('lab-review-row')).length === 0, 'the result is still to review');
});
