// End-to-end: the administrator manages users from the Users screen. On a store of its own: the admin
// creates a receptionist (a bad password first gets a field error), logs out, and the receptionist logs
// in and has no Users button in the header.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { launch } from './driver.mjs';

const ADMIN = { username: 'admin', password: 'harbour-light-2024' };
const RECEPTIONIST = { username: 'amina', name: 'Amina Nakato', password: 'front-desk-2026' };
let win = null;

function step(name, body) {
  test(name, async (t) => {
    try {
      await body(t);
    } catch (error) {
      const path = win ? await win.screenshot(`users-${name}`) : null;
      if (path) t.diagnostic(`screenshot: ${path}`);
      throw error;
    }
  });
}

after(async () => {
  if (win) await win.quit().catch(() => {});
});

async function login(username, password) {
  await win.fill('login-username', username);
  await win.fill('login-password', password);
  await win.click('login-submit');
  await win.gone('login-submit');
}

step('the administrator creates a receptionist', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'clinic-e2e-users-'));
  win = await launch(['--data-dir', dataDir]);
  await win.fill('setup-clinic-name', 'Kampala Road Clinic');
  await win.fill('setup-clinic-code', 'KLA');
  await win.fill('setup-admin-username', ADMIN.username);
  await win.fill('setup-admin-password', ADMIN.password);
  await win.fill('setup-admin-password-confirm', ADMIN.password);
  await win.click('setup-submit');

  await win.click('nav-users');
  await win.find('user-row');
  await win.fill('user-username', RECEPTIONIST.username);
  await win.fill('user-display-name', RECEPTIONIST.name);
  await win.select('user-role', 'receptionist');
  await win.fill('user-password', 'short1');
  await win.click('user-save');
  assert.ok((await win.nonEmptyText('error-password')).length > 3, 'no error under the password');

  await win.fill('user-password', RECEPTIONIST.password);
  await win.click('user-save');
  await win.driver.wait(
    async () => (await win.findAll('user-row')).length === 2,
    10000,
    'the new user is not listed',
  );
  const names = [];
  for (const row of await win.findAll('user-row')) names.push(await row.getAttribute('data-username'));
  assert.deepEqual(names, [ADMIN.username, RECEPTIONIST.username]);
});

step('the receptionist logs in and has no Users screen', async () => {
  await win.click('logout');
  await login(RECEPTIONIST.username, RECEPTIONIST.password);
  assert.match(await win.nonEmptyText('header-user'), /Amina Nakato/);
  await win.find('nav-patients');
  assert.equal(await win.has('nav-users'), false, 'a receptionist sees the Users button');
});
