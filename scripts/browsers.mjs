/**
 * Where the three browser engines live on this machine, found at run time (Debian packages,
 * overridable by env), and which Debian packages provide what is missing. Shared by
 * `scripts/test.mjs` (to install) and `web-test-runner.config.mjs` (to launch).
 */
import { execFileSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export const ENGINES = /** @type {const} */ (['chromium', 'firefox', 'webkit']);

/** Debian packages per engine. MiniBrowser comes with libwebkit2gtk-4.1-0, a dependency of the driver. */
export const APT_PACKAGES = {
  chromium: ['chromium'],
  firefox: ['firefox-esr'],
  webkit: ['webkit2gtk-driver', 'xvfb'],
};

/** `BROWSERS=chromium,webkit` → ['chromium', 'webkit']; unset or empty → all three. */
export function requestedEngines(value = process.env.BROWSERS) {
  const list = (value ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  if (list.length === 0) return [...ENGINES];
  const unknown = list.filter((e) => !ENGINES.includes(e));
  if (unknown.length) {
    throw new Error(`BROWSERS: unknown engine(s) ${unknown.join(', ')}; use a comma list of ${ENGINES.join(', ')}`);
  }
  return ENGINES.filter((e) => list.includes(e));
}

function isExecutable(file) {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Like `command -v`, without a shell. */
export function which(command) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const file = join(dir, command);
    if (isExecutable(file)) return file;
  }
  return null;
}

/** An env override wins, but only if it points at something runnable: a typo should not fall back silently. */
function fromEnv(name) {
  const value = process.env[name];
  if (!value) return undefined;
  return isExecutable(value) ? value : null;
}

/**
 * Every Chromium launch here (web-test-runner, e2e, bench) uses these. --no-sandbox: CI runs as
 * root, where Chromium refuses to sandbox; the background-networking flags stop it dialling out
 * on a closed network.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-dev-shm-usage',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export function findChromium() {
  const env = fromEnv('CHROME_PATH');
  if (env !== undefined) return env;
  return which('chromium') ?? which('chromium-browser');
}

export function findFirefox() {
  const env = fromEnv('FIREFOX_PATH');
  if (env !== undefined) return env;
  return which('firefox-esr') ?? which('firefox');
}

export function findWebKitDriver() {
  const env = fromEnv('WEBKIT_WEBDRIVER');
  if (env !== undefined) return env;
  return which('WebKitWebDriver');
}

export function findMiniBrowser() {
  const env = fromEnv('WEBKIT_MINIBROWSER');
  if (env !== undefined) return env;
  for (const pkg of ['libwebkit2gtk-4.1-0', 'libwebkitgtk-6.0-4']) {
    try {
      const files = execFileSync('dpkg', ['-L', pkg], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      const hit = files.split('\n').find((f) => f.endsWith('/MiniBrowser') && isExecutable(f));
      if (hit) return hit;
    } catch {
      // package not installed, or no dpkg
    }
  }
  return null;
}

/** What each engine needs, as { name, path, env } rows; path null = missing. */
export function requirements(engine) {
  switch (engine) {
    case 'chromium':
      return [{ name: 'chromium', path: findChromium(), env: 'CHROME_PATH' }];
    case 'firefox':
      return [{ name: 'firefox-esr', path: findFirefox(), env: 'FIREFOX_PATH' }];
    case 'webkit':
      return [
        { name: 'WebKitWebDriver', path: findWebKitDriver(), env: 'WEBKIT_WEBDRIVER' },
        { name: 'MiniBrowser', path: findMiniBrowser(), env: 'WEBKIT_MINIBROWSER' },
        // MiniBrowser has no headless mode; a display will do instead of Xvfb.
        { name: 'xvfb-run', path: hasDisplay() ? 'DISPLAY' : which('xvfb-run'), env: null },
      ];
    default:
      throw new Error(`unknown engine ${engine}`);
  }
}

export function hasDisplay() {
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

/** Engines with anything missing, and the Debian packages that would provide it. */
export function missingFor(engines) {
  const missing = [];
  const packages = new Set();
  for (const engine of engines) {
    for (const req of requirements(engine)) {
      if (!req.path) {
        missing.push({ engine, ...req });
        for (const p of APT_PACKAGES[engine]) packages.add(p);
      }
    }
  }
  return { missing, packages: [...packages] };
}

/** Version strings for the README and the run's header, best effort. */
export function versionOf(engine) {
  try {
    if (engine === 'chromium') return run(findChromium(), ['--version']);
    if (engine === 'firefox') return run(findFirefox(), ['--version']);
    if (engine === 'webkit') {
      const out = execFileSync('dpkg-query', ['-W', '-f', '${Package} ${Version}', 'libwebkit2gtk-4.1-0'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      return `WebKitGTK (${out.trim()})`;
    }
  } catch {
    // fall through
  }
  return 'unknown version';
}

function run(file, args) {
  // Debian's chromium wrapper prints a harmless shell warning on stderr; keep stdout only.
  return execFileSync(file, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 20000 })
    .trim()
    .split('\n')
    .pop();
}
