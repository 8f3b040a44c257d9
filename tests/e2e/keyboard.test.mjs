// End-to-end: the front desk without a mouse. The administrator sets the clinic up (with the mouse: not
// the point here). Then the receptionist logs in, searches for a patient who is not there yet, registers
// her, books her with the doctor, checks her in from the queue, bills her and takes the payment, then
// prints the receipt: every step by keys sent to whatever has the focus (WebDriver actions, no element
// clicked), and each step checks where the focus landed. The shortcut help opens with `?` and closes
// with Esc.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Key } from 'selenium-webdriver';
import { launch, stepsWithScreenshots } from './driver.mjs';

const ADMIN = { username: 'admin', password: 'harbour-light-2024' };
const DOCTOR = { username: 'mugisha', name: 'Dr Mugisha Ivan', role: 'doctor', password: 'stetho-scope-2026' };
const RECEPTIONIST = { username: 'joy', name: 'Joy Atim', role: 'receptionist', password: 'front-desk-2026' };
const PATIENT = { given: 'Esther', family: 'Nabirye', birth: '1992-08-30' };
const CONSULTATION = { code: 'CONS', name: 'General consultation', amount: '30.00' };

let win = null;
const step = stepsWithScreenshots(test, 'keyboard', () => win);

after(async () => {
  if (win) await win.quit().catch(() => {});
});

/** Types keys (text or Key.* values) at whatever has the focus. */
async function press(...keys) {
  await win.driver.actions().sendKeys(...keys).perform();
}

/** Alt (or Ctrl) held while `key` is pressed (actions' sendKeys would release it first). */
async function chord(modifier, key) {
  await win.driver.actions().keyDown(modifier).keyDown(key).keyUp(key).keyUp(modifier).perform();
}

/** The test id (else the tag name) of the focused element. */
async function focused() {
  return win.driver.executeScript(
    'const a = document.activeElement; return a ? (a.getAttribute("data-testid") || a.tagName.toLowerCase()) : null',
  );
}

async function focusIs(testId, timeout = 10000) {
  let last = null;
  await win.driver
    .wait(async () => (last = await focused()) === testId, timeout)
    .catch(() => assert.fail(`the focus is on ${JSON.stringify(last)}, not [data-testid="${testId}"]`));
}

/** Waits until the focused field holds `value`. */
async function focusedValue(value, timeout = 5000) {
  let last = null;
  await win.driver
    .wait(async () => (last = await win.driver.executeScript('return document.activeElement?.value ?? null')) === value, timeout)
    .catch(() => assert.fail(`the focused field holds ${JSON.stringify(last)}, not ${JSON.stringify(value)}`));
}

/**
 * Presses Tab until the element with this test id has the focus (a date or time input may take a Tab
 * per part of the date), failing after `max` presses.
 */
async function tabTo(testId, max = 8) {
  for (let i = 0; i < max; i++) {
    if ((await focused()) === testId) return;
    await press(Key.TAB);
  }
  await focusIs(testId, 1000);
}

/** Clears the focused field and types `text` into it. */
async function retype(text) {
  await chord(Key.CONTROL, 'a');
  await press(Key.BACK_SPACE);
  await press(text);
  await focusedValue(text);
}

step('the administrator sets up the clinic, a doctor, a receptionist and a price', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'clinic-e2e-keyboard-'));
  win = await launch(['--data-dir', dataDir]);
  await win.fill('setup-clinic-name', 'Jinja Road Clinic');
  await win.fill('setup-clinic-code', 'JRC');
  await win.fill('setup-admin-username', ADMIN.username);
  await win.fill('setup-admin-password', ADMIN.password);
  await win.fill('setup-admin-password-confirm', ADMIN.password);
  await win.click('setup-submit');
  await win.click('nav-users');
  await win.find('user-row');
  await win.createUser(DOCTOR, 2);
  await win.createUser(RECEPTIONIST, 3);
  await win.click('nav-billing');
  await win.click('billing-tab-prices');
  await win.click('price-add');
  await win.fill('price-code', CONSULTATION.code);
  await win.fill('price-name', CONSULTATION.name);
  await win.fill('price-amount', CONSULTATION.amount);
  await win.click('price-save');
  await win.driver.wait(async () => (await win.findAll('price-row')).length === 1, 10000, 'the price is not listed');
  await win.click('logout');
});

step('the receptionist logs in and searches for the patient: not registered yet', async () => {
  await focusIs('login-username');
  await press(RECEPTIONIST.username, Key.TAB, RECEPTIONIST.password, Key.ENTER);
  await win.gone('login-submit');
  assert.match(await win.nonEmptyText('header-user'), /Joy Atim/);

  await chord(Key.CONTROL, 'k');
  await focusIs('patient-search');
  await press(PATIENT.family);
  await win.driver.wait(async () => /no patient|aucun/i.test(await win.text('patient-count')), 10000, 'the empty search is not reported');
  assert.equal((await win.findAll('patient-row')).length, 0);
});

step('Alt+N registers her: the focus starts in the first field, Enter saves', async () => {
  await chord(Key.ALT, 'n');
  await focusIs('field-given_name');
  await press(PATIENT.given, Key.TAB, PATIENT.family, Key.TAB);
  await focusIs('field-sex');
  await press('f'); // a closed native select picks the option its first letter names
  await win.driver.wait(
    async () => (await (await win.find('field-sex')).getAttribute('value')) === 'female',
    5000,
    'typing F does not choose "female"',
  );
  await press(Key.TAB);
  await focusIs('field-birth_date');
  await press(PATIENT.birth, Key.ENTER);
  const name = await win.nonEmptyText('patient-name');
  assert.ok(name.includes(PATIENT.given) && name.includes(PATIENT.family), `patient-name shows ${JSON.stringify(name)}`);
});

step('the search finds her now, and Enter opens her page', async () => {
  await chord(Key.CONTROL, 'k');
  await focusIs('patient-search');
  await retype(PATIENT.family);
  await win.driver.wait(async () => (await win.findAll('patient-row')).length === 1, 10000, 'she is not found');
  await press(Key.ENTER);
  assert.match(await win.nonEmptyText('patient-name'), new RegExp(PATIENT.family));
});

step('Alt+A books her with the doctor at 10:30, and the queue opens on her visit', async () => {
  await chord(Key.ALT, 'a');
  await focusIs('booking-search');
  await press(PATIENT.given);
  await win.driver.wait(async () => (await win.findAll('booking-pick')).length === 1, 10000, 'no search result to pick');
  await press(Key.ENTER);
  assert.match(await win.nonEmptyText('booking-patient'), new RegExp(`${PATIENT.given} ${PATIENT.family}`));
  await focusIs('booking-clinician');
  const clinician = await win.find('booking-clinician');
  await win.driver.wait(async () => (await clinician.getAttribute('value')) !== '', 10000, 'no clinician is chosen');
  const chosen = await win.driver.executeScript('const s = arguments[0]; return s.options[s.selectedIndex].text', clinician);
  assert.match(chosen, /Mugisha/, `the clinician chosen is ${JSON.stringify(chosen)}`);

  await press(Key.TAB);
  await focusIs('booking-walk-in');
  await tabTo('booking-time');
  await retype('10:30');
  // Past the length (kept at 15 minutes) to the reason; Enter books.
  await tabTo('booking-minutes');
  await tabTo('booking-reason');
  await press('Follow-up', Key.ENTER);

  await win.find('queue');
  await focusIs('queue');
  const rows = await win.findAll('queue-row');
  assert.equal(rows.length, 1);
  assert.equal(await rows[0].getAttribute('aria-selected'), 'true', 'her visit is not the chosen one');
  assert.equal(await rows[0].getAttribute('data-status'), 'booked');
  assert.match(await win.textOf(rows[0]), /10:30/);
});

step('I checks her in from the queue', async () => {
  await press('i');
  await win.driver.wait(
    async () => (await (await win.find('queue-row')).getAttribute('data-status')) === 'checked_in',
    10000,
    'I did not check her in',
  );
});

step('Alt+I bills her: pick her, add the consultation, Ctrl+Enter issues, Enter takes the payment', async () => {
  await chord(Key.ALT, 'i');
  await focusIs('invoice-patient-search');
  await press(PATIENT.family);
  await win.driver.wait(async () => (await win.findAll('invoice-patient-option')).length === 1, 10000, 'she is not offered');
  await press(Key.ENTER);
  assert.match(await win.nonEmptyText('invoice-patient'), new RegExp(PATIENT.family));

  await focusIs('invoice-item-search');
  await press(CONSULTATION.code);
  await win.driver.wait(async () => (await win.findAll('invoice-item-match')).length === 1, 10000, 'the price is not matched');
  await press(Key.ENTER);
  await win.driver.wait(async () => (await win.findAll('invoice-line')).length === 1, 10000, 'the line is not added');
  await focusIs('invoice-item-search');

  await chord(Key.CONTROL, Key.ENTER);
  await win.find('payment-amount');
  await focusIs('payment-amount');
  await focusedValue(CONSULTATION.amount); // the balance, ready to take
  await press(Key.ENTER);
  await win.driver.wait(async () => (await win.findAll('payment-row')).length === 1, 10000, 'no payment row');
  assert.match(await win.text('invoice-balance'), /(^|[^\d.,])0\.00\b/, 'the balance is not zero');
  assert.match(await win.text('invoice-paid'), /30\.00/);

  // Paid: the focus is on the receipt, and Enter prints it.
  await focusIs('print-receipt');
  await press(Key.ENTER);
  const link = await win.find('billing-pdf-link');
  assert.match(await link.getAttribute('href'), /^blob:/);
  assert.match(await link.getAttribute('download'), /\.pdf$/i);
});

step('? lists the shortcuts the receptionist has, and Esc closes the list', async () => {
  await win.driver.executeScript('document.activeElement?.blur()');
  await press('?');
  await win.find('shortcut-help');
  const shown = await win.driver.executeScript(
    'return [...document.querySelectorAll("[data-testid=shortcut-row]")].map((r) => r.dataset.shortcut)',
  );
  for (const action of ['search', 'newPatient', 'queue', 'book', 'billing', 'newInvoice', 'help']) {
    assert.ok(shown.includes(action), `the help does not list ${action}: ${JSON.stringify(shown)}`);
  }
  await press(Key.ESCAPE);
  await win.gone('shortcut-help');
  // And the dashboard counts the visit and the money (Alt+D).
  await chord(Key.ALT, 'd');
  assert.match(await win.nonEmptyText('dash-collected'), /30\.00/);
});
