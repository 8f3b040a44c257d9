// End-to-end: the administrator manages users from the Users screen. On a store of its own: the admin
// creates a receptionist (a bad password first gets a field error), logs out, and the receptionist logs
// in and has no Users button in the header; she turns on two-factor sign-in and logs in again with a code.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
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

/** RFC 6238 code (SHA-1, 6 digits, 30 s) of a base32 secret at `seconds`: what an authenticator app shows. */
function totpCode(secretBase32, seconds) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secretBase32.replace(/[\s=]/g, '')) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(seconds / 30)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  const value = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(value).padStart(6, '0');
}

step('the receptionist turns on two-factor sign-in and must then give a code', async () => {
  await win.click('header-two-factor');
  await win.find('two-factor-qr');
  const secret = (await win.nonEmptyText('two-factor-secret')).replace(/\s/g, '');
  await win.fill('two-factor-code', '000000');
  await win.click('two-factor-submit');
  assert.ok((await win.nonEmptyText('error-totp-code')).length > 3, 'a wrong code was accepted');
  const now = Date.now() / 1000;
  await win.fill('two-factor-code', totpCode(secret, now));
  await win.click('two-factor-submit');
  await win.gone('two-factor-dialog');

  await win.click('logout');
  await win.fill('login-username', RECEPTIONIST.username);
  await win.fill('login-password', RECEPTIONIST.password);
  await win.click('login-submit');
  // The password was right: the app asks for the code. The code used to turn it on is spent, so
  // wait for the next time step.
  await win.find('login-totp');
  const next = (Math.floor(now / 30) + 1) * 30;
  await new Promise((r) => setTimeout(r, Math.max(0, next * 1000 - Date.now()) + 200));
  await win.fill('login-totp', totpCode(secret, Date.now() / 1000));
  await win.click('login-submit');
  await win.gone('login-submit');
  assert.match(await win.nonEmptyText('header-user'), /Amina Nakato/);
});
