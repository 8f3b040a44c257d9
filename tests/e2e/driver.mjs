// Helpers over selenium-webdriver for driving the Clinic window through tauri-driver.
// Elements are found by their `data-testid` (docs/IPC.md lists them).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Builder, By, Capabilities, Key, error as webdriverError, until } from 'selenium-webdriver';

const TIMEOUT = Number(process.env.CLINIC_E2E_TIMEOUT_MS ?? 20000);

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests with tests/e2e/run.sh (or make e2e)`);
  return value;
}

/**
 * Starts the app in a new WebDriver session (a new process on the same store and keyring). `args` go to the
 * app's command line, e.g. `['--data-dir', dir]` for a store of its own.
 */
export async function launch(args = []) {
  const capabilities = new Capabilities();
  capabilities.setBrowserName('wry');
  capabilities.set('tauri:options', { application: required('CLINIC_E2E_BIN'), args });
  const driver = await new Builder()
    .usingServer(required('CLINIC_E2E_DRIVER_URL'))
    .withCapabilities(capabilities)
    .build();
  return new Window(driver);
}

export const byTestId = (id) => By.css(`[data-testid="${id}"]`);

export class Window {
  constructor(driver) {
    this.driver = driver;
  }

  /** The element with this test id, once it is in the page and visible. */
  async find(id, timeout = TIMEOUT) {
    const element = await this.driver.wait(until.elementLocated(byTestId(id)), timeout, `no element [data-testid="${id}"]`);
    await this.driver.wait(until.elementIsVisible(element), timeout, `[data-testid="${id}"] is not visible`);
    return element;
  }

  /**
   * WebKitWebDriver can answer Find Elements with "stale element" while React replaces the nodes it
   * was matching; the search is simply asked again.
   */
  async findAll(id) {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.driver.findElements(byTestId(id));
      } catch (e) {
        if (!(e instanceof webdriverError.StaleElementReferenceError) || attempt === 5) throw e;
        await this.driver.sleep(50);
      }
    }
  }

  /** Whether an element with this test id is in the page now (no waiting). */
  async has(id) {
    return (await this.findAll(id)).length > 0;
  }

  /** Waits until no element has this test id. */
  async gone(id, timeout = TIMEOUT) {
    await this.driver.wait(async () => !(await this.has(id)), timeout, `[data-testid="${id}"] is still there`);
  }

  /**
   * Scrolls the element to the middle of the window first: WebKitWebDriver's own scrolling can leave an
   * element at the window's edge and then click beside it.
   */
  async reveal(element) {
    await this.driver.executeScript('arguments[0].scrollIntoView({block: "center", inline: "center"})', element);
  }

  /**
   * Clicks once the element is enabled and has stopped moving: the header gains buttons and forms
   * reflow while a screen loads, and a click aimed at a moving element lands on its neighbour.
   */
  async click(id) {
    const element = await this.find(id);
    await this.driver.wait(until.elementIsEnabled(element), TIMEOUT, `[data-testid="${id}"] stays disabled`);
    await this.reveal(element);
    let last = null;
    await this.driver.wait(
      async () => {
        const r = await element.getRect();
        const still = last !== null && r.x === last.x && r.y === last.y && r.width === last.width && r.height === last.height;
        last = r;
        if (!still) await new Promise((resolve) => setTimeout(resolve, 100));
        return still;
      },
      TIMEOUT,
      `[data-testid="${id}"] keeps moving`,
    );
    await element.click();
  }

  /** Replaces an input's text by typing, so the UI sees real key events. */
  async fill(id, text) {
    const element = await this.find(id);
    await this.reveal(element);
    await element.click();
    await element.sendKeys(Key.chord(Key.CONTROL, 'a'), Key.BACK_SPACE);
    if (text !== '') await element.sendKeys(text);
    const value = await element.getAttribute('value');
    if (value !== text) throw new Error(`[data-testid="${id}"] holds ${JSON.stringify(value)} after typing ${JSON.stringify(text)}`);
    return element;
  }

  /** Picks an option of a native <select> by its value. */
  async select(id, value) {
    const select = await this.find(id);
    await this.reveal(select);
    const option = await select.findElement(By.css(`option[value="${value}"]`));
    await option.click();
    const now = await select.getAttribute('value');
    if (now !== value) throw new Error(`[data-testid="${id}"] is ${JSON.stringify(now)}, not ${JSON.stringify(value)}`);
  }

  /**
   * The element's rendered text (`innerText`). WebKitWebDriver's own Get Element Text answers "" for some
   * visible elements (a Mantine Alert, for one), so the page is asked directly.
   */
  async textOf(element) {
    return ((await this.driver.executeScript('return arguments[0].innerText', element)) ?? '').trim();
  }

  async text(id) {
    return this.textOf(await this.find(id));
  }

  /** Waits until the element's text is not empty, and returns it. */
  async nonEmptyText(id, timeout = TIMEOUT) {
    const element = await this.find(id, timeout);
    let text = '';
    await this.driver.wait(async () => (text = await this.textOf(element)) !== '', timeout, `[data-testid="${id}"] has no text`);
    return text;
  }

  /** Saves a screenshot into the artifacts folder and returns its path (or null if none can be taken). */
  async screenshot(name) {
    try {
      const dir = process.env.CLINIC_E2E_ARTIFACTS ?? '.';
      mkdirSync(dir, { recursive: true });
      const path = join(dir, `${name.replace(/[^a-z0-9-]+/gi, '-').toLowerCase()}.png`);
      writeFileSync(path, await this.driver.takeScreenshot(), 'base64');
      return path;
    } catch (error) {
      console.error(`(no screenshot: ${error.message})`);
      return null;
    }
  }

  async quit() {
    await this.driver.quit();
  }

  /** Logs in from the login screen and waits until the login form has gone. */
  async login({ username, password }) {
    await this.fill('login-username', username);
    await this.fill('login-password', password);
    await this.click('login-submit');
    await this.gone('login-submit');
  }

  /**
   * Creates `user` ({username, name, role, password}) on the Users screen and waits until the list
   * has `expectedCount` users and the form is empty again.
   */
  async createUser(user, expectedCount) {
    await this.fill('user-username', user.username);
    await this.fill('user-display-name', user.name);
    await this.select('user-role', user.role);
    await this.fill('user-password', user.password);
    await this.click('user-save');
    const listed = async () => (await this.findAll('user-row')).length === expectedCount;
    await this.driver.wait(listed, TIMEOUT, `${user.username} is not listed`);
    const reset = async () => (await (await this.find('user-username')).getAttribute('value')) === '';
    await this.driver.wait(reset, TIMEOUT, 'the user form is not reset');
  }

  /** Calls a command through the page's real IPC; resolves to `{ ok }` or `{ error }` (the rejection). */
  async invoke(command, args) {
    return this.driver.executeAsyncScript(
      `const done = arguments[arguments.length - 1];
       window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1])
         .then((ok) => done({ ok }), (error) => done({ error }));`,
      command,
      args,
    );
  }
}

/**
 * `step(name, body)`: a test that, when it fails, saves a screenshot of `current()` (the file's
 * window, if any) named after `prefix` and the test.
 */
export function stepsWithScreenshots(test, prefix, current) {
  return (name, body) =>
    test(name, async (t) => {
      try {
        await body(t);
      } catch (error) {
        const win = current();
        const path = win ? await win.screenshot(`${prefix}-${name}`) : null;
        if (path) {
          console.error(`screenshot of the failed test "${name}": ${path}`);
          t.diagnostic(`screenshot: ${path}`);
        }
        throw error;
      }
    });
}
