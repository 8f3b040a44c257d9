// End-to-end: a day at the front desk, on a store of its own. The administrator sets up the clinic,
// creates a doctor and a receptionist and prices a consultation. The receptionist logs in, registers a
// walk-in with the doctor (a queue token), books a second patient for today and checks them in from the
// queue, bills the walk-in, takes a cash payment of the whole amount and prints the receipt (a PDF). She is
// refused a clinician-only action (opening an encounter) by the core, and has no way into the chart. The
// dashboard counts the visits and the money taken.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { By } from 'selenium-webdriver';
import { byTestId, launch, stepsWithScreenshots } from './driver.mjs';

const ADMIN = { username: 'admin', password: 'harbour-light-2024' };
const DOCTOR = { username: 'okello', name: 'Dr Okello Peter', role: 'doctor', password: 'stetho-scope-2026' };
const RECEPTIONIST = { username: 'amina', name: 'Amina Nakato', role: 'receptionist', password: 'front-desk-2026' };
const WALK_IN = { given: 'Grace', family: 'Achieng', sex: 'female', birth: '1990-05-21' };
const BOOKED = { given: 'Moses', family: 'Kato', sex: 'male', birth: '1978-11-02' };
const CONSULTATION = { code: 'CONS', name: 'General consultation', amount: '25.00' };

let win = null;

const step = stepsWithScreenshots(test, 'frontdesk', () => win);

after(async () => {
  if (win) await win.quit().catch(() => {});
});

/** The first element with this test id whose text includes `text`, once there is one. */
async function withText(id, text, timeout = 15000) {
  let found = null;
  await win.driver.wait(async () => {
    for (const element of await win.findAll(id)) {
      if ((await win.textOf(element).catch(() => '')).includes(text)) {
        found = element;
        return true;
      }
    }
    return false;
  }, timeout, `no [data-testid="${id}"] showing ${JSON.stringify(text)}`);
  return found;
}

async function clickWithText(id, text) {
  const element = await withText(id, text);
  await win.reveal(element);
  await element.click();
}

async function registerPatient(p) {
  await win.click('nav-patients');
  await win.click('new-patient');
  await win.fill('field-given_name', p.given);
  await win.fill('field-family_name', p.family);
  await win.select('field-sex', p.sex);
  await win.fill('field-birth_date', p.birth);
  await win.click('patient-save');
  const number = await win.nonEmptyText('patient-number');
  const name = await win.text('patient-name');
  assert.ok(name.includes(p.given) && name.includes(p.family), `patient-name shows ${JSON.stringify(name)}`);
  return number;
}

/** Picks a segment of the queue screen's tabs (queue, book, calendar). */
async function appointmentsTab(value) {
  const tabs = await win.find('appointments-tabs');
  const label = await tabs.findElement(By.xpath(`.//input[@value="${value}"]/following-sibling::label`));
  await win.reveal(label);
  await label.click();
}

/** Books `p` with the doctor: a walk-in now, or (walkIn false) an appointment today at 10:30 (14:30). */
async function book(p, walkIn) {
  await win.click('nav-queue');
  await appointmentsTab('book');
  await win.fill('booking-search', p.given);
  await clickWithText('booking-pick', `${p.given} ${p.family}`);
  assert.match(await win.nonEmptyText('booking-patient'), new RegExp(`${p.given} ${p.family}`));
  const clinician = await win.find('booking-clinician');
  const doctorOption = By.xpath(`.//option[contains(., "${DOCTOR.name}")]`);
  await win.driver.wait(async () => (await clinician.findElements(doctorOption)).length > 0, 10000, 'the doctor is not offered');
  await win.select('booking-clinician', await (await clinician.findElement(doctorOption)).getAttribute('value'));
  let time = null;
  if (walkIn) {
    await win.click('booking-walk-in');
    assert.equal(await (await win.find('booking-walk-in')).isSelected(), true, 'the walk-in box is not ticked');
  } else {
    // Today, at a time the doctor is not busy with the walk-in registered just now (15 minutes from now).
    const now = new Date();
    const minutes = now.getHours() * 60 + now.getMinutes();
    time = minutes >= 10 * 60 && minutes < 11 * 60 ? '14:30' : '10:30';
    await win.fill('booking-time', time);
  }
  await win.fill('booking-reason', walkIn ? 'Fever since yesterday' : 'Follow-up');
  await win.click('booking-submit');
  // Booked: the screen goes back to the day's queue.
  await win.find('queue');
  const row = await withText('queue-row', `${p.given} ${p.family}`);
  if (time) assert.ok((await win.textOf(row)).includes(time), `the queue row does not show ${time}`);
  return row;
}

step('the administrator sets up the clinic, its users and a consultation price', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'clinic-e2e-frontdesk-'));
  win = await launch(['--data-dir', dataDir]);
  await win.fill('setup-clinic-name', 'Gulu Family Clinic');
  await win.fill('setup-clinic-code', 'GFC');
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
  const row = await withText('price-row', CONSULTATION.name);
  assert.match(await win.textOf(row), /25\.00/);
});

step('the receptionist logs in and registers a walk-in with the doctor', async () => {
  await win.click('logout');
  await win.login(RECEPTIONIST);
  assert.match(await win.nonEmptyText('header-user'), /Amina Nakato/);

  await registerPatient(WALK_IN);
  // A receptionist has no way into the chart from the patient page.
  await win.find('patient-edit');
  assert.equal(await win.has('open-chart'), false, 'the receptionist sees the open-chart button');

  const row = await book(WALK_IN, true);
  assert.equal(await row.getAttribute('data-status'), 'checked_in', 'a walk-in is not checked in at once');
  const token = await win.textOf(await row.findElement(By.css('td')));
  assert.ok(token !== '' && token !== '—', `the walk-in has no queue token (${JSON.stringify(token)})`);
  const text = await win.textOf(row);
  assert.ok(text.includes(DOCTOR.name), `the queue row shows ${JSON.stringify(text)}`);
});

step('a second patient is booked for today and checked in from the queue', async () => {
  await registerPatient(BOOKED);
  const row = await book(BOOKED, false);
  assert.equal(await row.getAttribute('data-status'), 'booked');
  const checkIn = await row.findElement(byTestId('queue-check_in'));
  await win.reveal(checkIn);
  await checkIn.click();
  await win.driver.wait(
    async () => (await (await withText('queue-row', `${BOOKED.given} ${BOOKED.family}`)).getAttribute('data-status')) === 'checked_in',
    10000,
    'the booked patient is not checked in',
  );
  // Both are in today's queue.
  assert.equal((await win.findAll('queue-row')).length, 2);
});

step('the walk-in is billed, pays cash in full and gets a receipt', async () => {
  await win.click('nav-billing');
  await win.click('invoice-new');
  await win.fill('invoice-patient-search', WALK_IN.given);
  await clickWithText('invoice-patient-option', `${WALK_IN.given} ${WALK_IN.family}`);
  assert.match(await win.nonEmptyText('invoice-patient'), new RegExp(WALK_IN.family));

  await win.fill('invoice-item-search', CONSULTATION.code);
  await clickWithText('invoice-item-match', CONSULTATION.name);
  await withText('invoice-lines', CONSULTATION.name);
  await win.click('invoice-issue');

  await win.fill('payment-amount', CONSULTATION.amount);
  await win.click('payment-take');
  await win.driver.wait(async () => (await win.findAll('payment-row')).length === 1, 10000, 'no payment row');
  assert.match(await win.textOf((await win.findAll('payment-row'))[0]), /25\.00/);
  assert.match(await win.text('invoice-balance'), /(^|[^\d.,])0\.00\b/, 'the balance is not zero');
  assert.match(await win.text('invoice-paid'), /25\.00/);

  // The page hands the PDF to the link as a blob: URL, which the page's Content-Security-Policy does not
  // let fetch() read back. So the blobs the page makes from here on are noted as they are made, and the
  // one behind the link's address is read.
  await win.driver.executeScript(
    `if (!window.__e2eBlobs) {
       window.__e2eBlobs = new Map();
       const make = URL.createObjectURL.bind(URL);
       URL.createObjectURL = (blob) => { const url = make(blob); window.__e2eBlobs.set(url, blob); return url; };
     }`,
  );
  await win.click('print-receipt');
  const link = await win.find('billing-pdf-link');
  const href = await link.getAttribute('href');
  assert.match(href, /^blob:/, `the receipt link is ${JSON.stringify(href)}`);
  assert.match(await link.getAttribute('download'), /\.pdf$/i);
  const head = await win.driver.executeAsyncScript(
    `const done = arguments[arguments.length - 1];
     const blob = window.__e2eBlobs.get(arguments[0]);
     if (!blob) done({ error: 'no blob was made for this address' });
     else blob.arrayBuffer().then(
       (b) => done({ head: String.fromCharCode(...new Uint8Array(b).slice(0, 5)), size: b.byteLength, type: blob.type }),
       (e) => done({ error: String(e) }));`,
    href,
  );
  assert.equal(head.error, undefined, `the receipt blob cannot be read: ${head.error}`);
  assert.equal(head.type, 'application/pdf');
  assert.equal(head.head, '%PDF-');
  assert.ok(head.size > 500, `the receipt is only ${head.size} bytes`);
});

step('the core refuses the receptionist a clinician-only action', async () => {
  const found = await win.invoke('search_patients', { query: WALK_IN.given, includeDeleted: false, limit: 5 });
  assert.equal(found.error, undefined, `search_patients failed: ${JSON.stringify(found.error)}`);
  const walkInId = found.ok.find((p) => p.family_name === WALK_IN.family)?.id;
  assert.ok(walkInId, 'the walk-in patient is not found through IPC');

  const opened = await win.invoke('open_encounter', { input: { patient_id: walkInId, chief_complaint: 'Fever' } });
  assert.equal(opened.ok, undefined, 'a receptionist opened an encounter');
  assert.equal(opened.error?.code, 'forbidden', `the rejection is ${JSON.stringify(opened.error)}`);

  // Nor is there a way into the chart from the patient page.
  await win.click('nav-patients');
  await win.fill('patient-search', WALK_IN.family);
  // (WebKitWebDriver will not click a table row itself: its first cell then.)
  await win.driver.wait(async () => {
    const row = await withText('patient-row', WALK_IN.given);
    try {
      const cell = await row.findElement(By.css('td'));
      await win.reveal(cell);
      await cell.click();
      return true;
    } catch {
      return false; // the list re-rendered under the click
    }
  }, 10000, 'the patient row cannot be opened');
  assert.match(await win.nonEmptyText('patient-name'), new RegExp(WALK_IN.family));
  await win.find('patient-edit');
  assert.equal(await win.has('open-chart'), false, 'the receptionist sees the open-chart button');
});

step('the dashboard counts the visits and the money taken today', async () => {
  await win.click('nav-dashboard');
  const visits = Number(await win.nonEmptyText('dash-visits'));
  assert.ok(visits >= 2, `dash-visits shows ${visits}`);
  const collected = await win.nonEmptyText('dash-collected');
  assert.match(collected, /25\.00/, `dash-collected shows ${JSON.stringify(collected)}`);
});
