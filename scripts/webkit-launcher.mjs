/**
 * WebKit for web-test-runner: MiniBrowser (WebKitGTK) driven through WebKitWebDriver.
 *
 * The launcher owns its driver: it starts `WebKitWebDriver --port=N` on a free port when
 * web-test-runner initialises it, waits for `/status`, and kills it when the run stops (or
 * the process exits some other way), so no driver is left behind between runs.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { WebdriverLauncher } from '@web/test-runner-webdriver';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitForStatus(port, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) return false;
    try {
      const res = await fetch(`http://127.0.0.1:${port}/status`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) {
        const body = await res.json();
        if (body?.value?.ready !== false) return true;
      }
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  return false;
}

export class WebKitLauncher extends WebdriverLauncher {
  /** @param {{ driver: string, miniBrowser: string }} paths */
  constructor({ driver, miniBrowser }) {
    super({
      hostname: '127.0.0.1',
      port: 0,
      logLevel: 'error',
      capabilities: {
        browserName: 'MiniBrowser',
        'webkitgtk:browserOptions': { binary: miniBrowser, args: ['--automation'] },
        // webdriverio 9 asks for BiDi by default; WebKitWebDriver then fails to match capabilities.
        'wdio:enforceWebDriverClassic': true,
      },
    });
    this.driverPath = driver;
    this.driverProcess = undefined;
    this.killOnExit = () => this.driverProcess?.kill('SIGKILL');
  }

  async initialize(config, testFiles) {
    await this.startDriver();
    await super.initialize(config, testFiles);
    this.name = 'WebKit';
  }

  async startDriver() {
    let lastError = '';
    // A free port can be taken between probing and binding; try a few.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const port = await freePort();
      const child = spawn(this.driverPath, [`--port=${port}`], {
        stdio: ['ignore', 'ignore', 'pipe'],
        // A dark OS for the whole WebKit run: WebKitGTK takes prefers-color-scheme from the GTK
        // theme of MiniBrowser's process, and WebDriver classic cannot change it per test (nor do
        // WebKit frames take it from their <iframe>'s color-scheme). Chromium and Firefox run
        // light and switch to dark per test (test/a11y.test.ts), so the suite sees both.
        env: { ...process.env, GTK_THEME: 'Adwaita:dark' },
      });
      let stderr = '';
      child.stderr.on('data', (d) => {
        stderr = (stderr + d).slice(-2000);
      });
      child.on('error', (e) => {
        stderr += String(e);
      });
      if (await waitForStatus(port, child, 20000)) {
        this.driverProcess = child;
        this.options.port = port;
        process.once('exit', this.killOnExit);
        return;
      }
      child.kill('SIGKILL');
      lastError = stderr.trim();
    }
    throw new Error(`WebKitWebDriver (${this.driverPath}) did not start${lastError ? `: ${lastError}` : ''}`);
  }

  async stop() {
    try {
      await super.stop();
    } finally {
      const child = this.driverProcess;
      this.driverProcess = undefined;
      process.removeListener('exit', this.killOnExit);
      if (child && child.exitCode === null) {
        child.kill('SIGTERM');
        await Promise.race([new Promise((r) => child.once('exit', r)), sleep(3000)]);
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
    }
  }
}
