// WebKit for the tests: WebKitGTK's WebDriver server on a virtual display, and the
// capabilities that make it open MiniBrowser under automation. (MiniBrowser's own
// --headless still needs a display, so Xvfb gives it one; nothing is shown anywhere.)
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

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
  const driver = spawn(webkit.driver, [`--port=${port}`, '--host=local'], { env: { ...process.env, DISPLAY: display }, stdio: 'ignore' });
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
