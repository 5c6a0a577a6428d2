// WebKit for the tests: WebKitGTK's WebDriver server on a virtual display, and the
// capabilities that make it open MiniBrowser under automation. (MiniBrowser's own
// --headless still needs a display, so Xvfb gives it one; nothing is shown anywhere.)
import { spawn } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { createServer } from 'node:net';

/** Where WebKitWebDriver and MiniBrowser write what they say (a crash, say), run after run. */
export const WEBKIT_LOG = 'test-results/webkit-driver.log';

/** A port the system has free on 127.0.0.1 right now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/** Xvfb on a display it picks itself (a fixed one may be taken), 1280×900. */
function startXvfb() {
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x900x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    xvfb.stdio[3].on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) resolve({ xvfb, display: `:${out.trim()}` });
    });
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited (${code})`)));
  });
}

/**
 * Starts WebKitWebDriver on 127.0.0.1 with a display of its own.
 * @param {{ driver: string; browser: string }} webkit what scripts/browser.mjs's findWebKit() found
 * @returns {Promise<{ port: number; capabilities: Record<string, unknown>; stop(): Promise<void> }>}
 */
export async function startWebKitDriver(webkit) {
  const { xvfb, display } = await startXvfb();
  const port = await freePort();
  mkdirSync('test-results', { recursive: true });
  const log = openSync(WEBKIT_LOG, 'a');
  const driver = spawn(webkit.driver, [`--port=${port}`, '--host=local'], { env: { ...process.env, DISPLAY: display }, stdio: ['ignore', log, log] });
  const exited = (child) => new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
  const stop = async () => {
    driver.kill();
    await exited(driver);
    xvfb.kill();
    await exited(xvfb);
  };
  for (const start = Date.now(); ; ) {
    const ready = await fetch(`http://127.0.0.1:${port}/status`).then((r) => r.ok, () => false);
    if (ready) break;
    if (driver.exitCode !== null || Date.now() - start > 10_000) {
      await stop();
      throw new Error(`WebKitWebDriver did not start on port ${port}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const capabilities = { 'webkitgtk:browserOptions': { binary: webkit.browser, args: ['--automation'] } };
  return { port, capabilities, stop };
}

/**
 * A W3C WebDriver session on WebKitWebDriver, with the few commands the end-to-end test needs
 * (WebdriverIO, which the component tests' launcher uses, cannot sit beside our Puppeteer).
 * @param {Awaited<ReturnType<typeof startWebKitDriver>>} driver
 */
export async function webKitSession(driver) {
  const base = `http://127.0.0.1:${driver.port}`;
  const send = async (method, path, body) => {
    const response = await fetch(base + path, { method, headers: { 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
    const { value } = await response.json();
    if (!response.ok) throw new Error(`WebDriver ${method} ${path}: ${value?.message ?? response.status}`);
    return value;
  };
  const { sessionId } = await send('POST', '/session', { capabilities: { alwaysMatch: driver.capabilities } });
  const session = `/session/${sessionId}`;
  const act = (actions) => send('POST', `${session}/actions`, { actions });
  return {
    goto: (url) => send('POST', `${session}/url`, { url }),
    /** Runs `script` (a function's source) with `args` in the page and returns what it returns. */
    evaluate: (script, ...args) => send('POST', `${session}/execute/sync`, { script: `return (${script}).apply(null, arguments)`, args }),
    click: (x, y) =>
      act([{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions: [{ type: 'pointerMove', x: Math.round(x), y: Math.round(y) }, { type: 'pointerDown', button: 0 }, { type: 'pointerUp', button: 0 }] }]),
    /** Types `text` a key at a time; `\uE007` is Enter. */
    type: (text) => act([{ type: 'key', id: 'keyboard', actions: [...text].flatMap((key) => [{ type: 'keyDown', value: key }, { type: 'keyUp', value: key }]) }]),
    close: () => send('DELETE', session),
  };
}
