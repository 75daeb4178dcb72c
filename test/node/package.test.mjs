// The package as a host installs it: `npm pack` → install the tarball into an empty project →
// entry points resolve, the published types compile (and reject wrong code), the manifest
// lists the public API, the script-tag bundles are self-contained production builds.
//
// Reuses dist/ when it is newer than every input (`npm test` builds before the browser suite),
// otherwise runs `npm run build` first (test/node/built.mjs).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from './built.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const tsc = join(root, 'node_modules/typescript/bin/tsc');

const ATTRIBUTES = [
  'partner-id',
  'service-ticket',
  'customer',
  'location',
  'tags',
  'share-id',
  'base-url',
  'share-link-template',
  'target',
  'no-confirm',
  'storage',
  'name',
  'required',
  'disabled',
];
const EVENTS = ['xoi-share-open', 'xoi-share-link', 'xoi-share-incomplete', 'xoi-share-error'];
const BUNDLES = ['dist/cdn/xoi-share-button.js', 'dist/cdn/xoi-share-button.classic.js'];
/** <xoi-job-link>'s own script-tag bundle: kept out of BUNDLES (and their size budget). */
const JOB_LINK_BUNDLE = 'dist/cdn/xoi-job-link.js';

function log(text) {
  console.log(`# package: ${text}`);
}

function sh(cmd, args, cwd) {
  const t = Date.now();
  const r = spawnSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  log(
    `${cmd === process.execPath ? 'node' : cmd} ${args.join(' ')} → exit ${r.status} (${((Date.now() - t) / 1000).toFixed(1)} s)`,
  );
  return r;
}

let work; // temp dir: the tarball and the consumer project
let project; // the consumer project
let installed; // node_modules/xoi-share-button inside it
let packed; // `npm pack --json` result

before(() => {
  const t = Date.now();
  ensureBuilt(log);
  work = mkdtempSync(join(tmpdir(), 'xoi-package-'));
  // --ignore-scripts: prepack would build again; dist/ is fresh at this point.
  const pack = sh(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', work], root);
  assert.equal(pack.status, 0, pack.stderr);
  [packed] = JSON.parse(pack.stdout);
  const tarball = join(work, packed.filename);
  log(`packed ${packed.filename}: ${packed.size} B, ${packed.entryCount} files`);

  project = join(work, 'consumer');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  const typesReact = JSON.parse(readFileSync(join(root, 'node_modules/@types/react/package.json'), 'utf8')).version;
  // lit, nanoid, @lit/react and @types/react are in the npm cache from the repo's own install.
  const typesNode = JSON.parse(readFileSync(join(root, 'node_modules/@types/node/package.json'), 'utf8')).version;
  const install = sh(
    npm,
    [
      'install',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      tarball,
      `@types/react@${typesReact}`,
      `@types/node@${typesNode}`,
    ],
    project,
  );
  assert.equal(install.status, 0, `npm install of the tarball failed:\n${install.stdout}\n${install.stderr}`);
  installed = join(project, 'node_modules/xoi-share-button');
  log(`setup ${((Date.now() - t) / 1000).toFixed(1)} s`);
});

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the npm tarball', () => {
  test('ships the built files and nothing from the repo but them', () => {
    const files = packed.files.map((f) => f.path).sort();
    for (const f of [
      ...BUNDLES,
      'dist/npm/index.js',
      'dist/npm/index.d.ts',
      'dist/npm/define.js',
      'dist/npm/react.js',
      'dist/npm/react.d.ts',
      'dist/npm/jsx.d.ts',
      'dist/npm/xoi-share-button.js',
      'dist/npm/xoi-share-button.d.ts',
      'dist/npm/custom-elements.json',
      JOB_LINK_BUNDLE,
      'dist/npm/job-link.js',
      'dist/npm/job-link.d.ts',
      'dist/npm/xoi-job-link.js',
      'dist/npm/react-job-link.js',
      'dist/npm/jsx-job-link.d.ts',
      'dist/npm/contract/routes.d.ts',
      'dist/npm/mock/xoi-cloud.js',
      'dist/npm/mock/xoi-cloud.d.ts',
      'dist/npm/mock/cli.js',
      'dist/npm/mock/schema/jobs.graphql',
      'dist/npm/mock/schema/share.graphql',
      'dist/npm/mock/schema/users.graphql',
      'package.json',
      'README.md',
    ]) {
      assert.ok(files.includes(f), `${f} is missing from the tarball`);
    }
    const stray = files.filter((f) => !/^(dist\/(npm|cdn)\/|package\.json$|README\.md$|LICENSE)/.test(f));
    assert.deepEqual(stray, [], 'files outside dist/ in the tarball');
    assert.ok(
      !files.some((f) => f.startsWith('dist/npm/cdn-classic')),
      'the classic-bundle entry is not an npm module',
    );
  });

  test('declares lit, nanoid and @lit/react as dependencies and React as an optional peer', () => {
    const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    assert.deepEqual(Object.keys(pkg.dependencies).sort(), ['@lit/react', 'lit', 'nanoid']);
    assert.equal(pkg.peerDependenciesMeta.react.optional, true);
    assert.ok(existsSync(join(project, 'node_modules/lit/package.json')), 'lit was installed with the package');
    assert.ok(existsSync(join(project, 'node_modules/nanoid/package.json')), 'nanoid was installed with the package');
    assert.ok(
      existsSync(join(project, 'node_modules/@lit/react/package.json')),
      '@lit/react was installed with the package',
    );
    assert.equal(pkg.unpkg, './dist/cdn/xoi-share-button.js');
    assert.equal(pkg.jsdelivr, './dist/cdn/xoi-share-button.js');
    assert.ok(existsSync(join(installed, pkg.customElements)), 'customElements points at a shipped file');
    for (const f of [pkg.main, pkg.module, pkg.types]) assert.ok(existsSync(join(installed, f)), `${f} exists`);
  });
});

describe('entry points in a project that installed the tarball', () => {
  test('XoiShareButton.version is the package version (define() tells copies apart by it)', () => {
    const { version } = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    const r = sh(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "import { XoiShareButton } from 'xoi-share-button/xoi-share-button'; console.log(XoiShareButton.version)",
      ],
      project,
    );
    assert.equal(r.stdout.trim() || r.stderr, version);
  });

  test('every export resolves to a shipped file, with its types; internals are not exported', () => {
    const script = `
      const out = {};
      for (const s of ['xoi-share-button', 'xoi-share-button/define', 'xoi-share-button/xoi-share-button',
        'xoi-share-button/react', 'xoi-share-button/jsx', 'xoi-share-button/custom-elements.json',
        'xoi-share-button/server', 'xoi-share-button/mock',
        'xoi-share-button/job-link', 'xoi-share-button/xoi-job-link', 'xoi-share-button/react-job-link',
        'xoi-share-button/jsx-job-link', 'xoi-share-button/cdn/xoi-job-link.js',
        'xoi-share-button/package.json', 'xoi-share-button/cdn/xoi-share-button.js',
        'xoi-share-button/cdn/xoi-share-button.classic.js', 'xoi-share-button/dist/npm/share-button/share.js']) {
        try { out[s] = import.meta.resolve(s); } catch (e) { out[s] = e.code; }
      }
      console.log(JSON.stringify(out));`;
    const r = sh(process.execPath, ['--input-type=module', '-e', script], project);
    assert.equal(r.status, 0, r.stderr);
    const resolved = JSON.parse(r.stdout);
    const expected = {
      'xoi-share-button': 'dist/npm/index.js',
      'xoi-share-button/define': 'dist/npm/define.js',
      'xoi-share-button/xoi-share-button': 'dist/npm/xoi-share-button.js',
      'xoi-share-button/react': 'dist/npm/react.js',
      'xoi-share-button/jsx': 'dist/npm/jsx.js',
      'xoi-share-button/server': 'dist/npm/server/index.js',
      'xoi-share-button/mock': 'dist/npm/mock/xoi-cloud.js',
      'xoi-share-button/job-link': 'dist/npm/job-link.js',
      'xoi-share-button/xoi-job-link': 'dist/npm/xoi-job-link.js',
      'xoi-share-button/react-job-link': 'dist/npm/react-job-link.js',
      'xoi-share-button/jsx-job-link': 'dist/npm/jsx-job-link.js',
      'xoi-share-button/cdn/xoi-job-link.js': 'dist/cdn/xoi-job-link.js',
      'xoi-share-button/custom-elements.json': 'dist/npm/custom-elements.json',
      'xoi-share-button/package.json': 'package.json',
      'xoi-share-button/cdn/xoi-share-button.js': 'dist/cdn/xoi-share-button.js',
      'xoi-share-button/cdn/xoi-share-button.classic.js': 'dist/cdn/xoi-share-button.classic.js',
    };
    for (const [specifier, file] of Object.entries(expected)) {
      const url = resolved[specifier];
      assert.ok(url?.startsWith('file:'), `${specifier} → ${url}`);
      const path = fileURLToPath(url);
      assert.equal(path, join(installed, file), specifier);
      assert.ok(existsSync(path), `${specifier} → ${path} exists`);
    }
    assert.equal(resolved['xoi-share-button/dist/npm/share-button/share.js'], 'ERR_PACKAGE_PATH_NOT_EXPORTED');

    const { exports } = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    for (const entry of [
      ...['.', './define', './xoi-share-button', './react', './jsx', './server', './mock'],
      ...['./job-link', './xoi-job-link', './react-job-link', './jsx-job-link'],
    ]) {
      assert.ok(exports[entry].types, `${entry} has types`);
      assert.ok(existsSync(join(installed, exports[entry].types)), `${exports[entry].types} exists`);
      assert.deepEqual(Object.keys(exports[entry])[0], 'types', `${entry}: "types" must come first`);
    }
  });

  test('the class-only entry does not register; define/root register once, however often imported', () => {
    // Lit's Node build brings a minimal HTMLElement/customElements shim, enough to run the
    // registration code without a DOM.
    const script = `
      const classOnly = await import('xoi-share-button/xoi-share-button');
      const before = customElements.get('xoi-share-button');
      const root = await import('xoi-share-button');
      const define = await import('xoi-share-button/define');
      console.log(JSON.stringify({
        classIsExported: typeof classOnly.XoiShareButton === 'function',
        registeredByClassOnly: before !== undefined,
        registered: customElements.get('xoi-share-button') === classOnly.XoiShareButton,
        sameClass: root.XoiShareButton === define.XoiShareButton && root.XoiShareButton === classOnly.XoiShareButton,
        helpers: [typeof root.buildShareRequest, typeof root.buildShareLink, typeof root.createShareId],
        link: root.buildShareLink({ partnerId: 'ACME', shareId: 'abcdefghijklmnop' }),
        id: root.createShareId(),
      }));`;
    const r = sh(process.execPath, ['--input-type=module', '-e', script], project);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.classIsExported, true);
    assert.equal(
      out.registeredByClassOnly,
      false,
      'importing xoi-share-button/xoi-share-button must not define the tag',
    );
    assert.equal(out.registered, true);
    assert.equal(out.sameClass, true);
    assert.deepEqual(out.helpers, ['function', 'function', 'function']);
    assert.equal(out.link, 'https://vision.xoeye.io/partners/ACME/share/abcdefghijklmnop');
    assert.match(out.id, /^[A-Za-z0-9_-]{21}$/);
  });
});

test('the job-link entries: the class-only one does not register, /job-link does; the root entry never does', () => {
  const script = `
      const root = await import('xoi-share-button');
      const classOnly = await import('xoi-share-button/xoi-job-link');
      const afterRootAndClass = customElements.get('xoi-job-link');
      const entry = await import('xoi-share-button/job-link');
      console.log(JSON.stringify({
        rootHasIt: 'XoiJobLink' in root,
        afterRootAndClass: afterRootAndClass !== undefined,
        registered: customElements.get('xoi-job-link') === classOnly.XoiJobLink,
        tag: entry.tagName,
        sameClass: entry.XoiJobLink === classOnly.XoiJobLink,
        // Both elements' entries: the same names for the same things.
        alike: ['TAG_NAME', 'tagName', 'translations'].filter((k) => !(k in root) || !(k in entry)),
        tags: [root.TAG_NAME, entry.TAG_NAME],
        languages: [Object.keys(root.translations), Object.keys(entry.translations)],
        // Neither exports an event list: the typed event maps say which events there are.
        eventLists: Object.keys({ ...root, ...entry }).filter((k) => /EVENTS/.test(k)),
      }));`;
  const r = sh(process.execPath, ['--input-type=module', '-e', script], project);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), {
    rootHasIt: false,
    afterRootAndClass: false,
    registered: true,
    tag: 'xoi-job-link',
    sameClass: true,
    alike: [],
    tags: ['xoi-share-button', 'xoi-job-link'],
    languages: [
      ['en', 'es', 'fr'],
      ['en', 'es', 'fr'],
    ],
    eventLists: [],
  });
});

describe('published typings', () => {
  /** Runs tsc in the host project over `files`: strict, bundler resolution, react-jsx, unless `options` say otherwise. */
  function hostTsc(tsconfig, files, options) {
    const compilerOptions = {
      strict: true,
      noEmit: true,
      target: 'es2022',
      module: 'esnext',
      moduleResolution: 'bundler',
      lib: ['dom', 'es2022'],
      jsx: 'react-jsx',
      types: [],
      ...options,
    };
    writeFileSync(join(project, tsconfig), JSON.stringify({ compilerOptions, files }));
    return sh(process.execPath, [tsc, '-p', tsconfig, '--pretty', 'false'], project);
  }

  const OK = `
import { XoiShareButton, buildShareLink, buildShareRequest, createShareId, type XoiShareDetail, type XoiShareErrorDetail } from 'xoi-share-button';
import { XoiShareButton as ClassOnly } from 'xoi-share-button/xoi-share-button';
import { XoiShareButton as XoiShareButtonReact, createXoiShareButton, type XoiShareButtonComponent } from 'xoi-share-button/react';
import 'xoi-share-button/define';
import { XoiJobLink, type XoiJobLinkDetail, type XoiJobLinkState } from 'xoi-share-button/job-link';
import { XoiJobLink as XoiJobLinkReact, createXoiJobLink } from 'xoi-share-button/react-job-link';

const AcmeButton: XoiShareButtonComponent = createXoiShareButton('acme-xoi-button');
const AcmeJobLink = createXoiJobLink('acme-job-link');
export const ownTags = (
  <>
    <AcmeButton partnerId="ACME" tags={['rooftop']} onXoiShareLink={(e) => e.detail.shareLink} ref={(r) => r?.reset()} />
    <AcmeJobLink endpoint="/xoi" workOrder="WO-1" onXoiJobLinkLinked={(e) => e.detail.label} />
  </>
);

const jobLink: XoiJobLink = document.createElement('xoi-job-link');
jobLink.endpoint = '/xoi';
jobLink.workOrder = 'WO-1';
jobLink.addEventListener('xoi-job-link-linked', (e) => e.detail.shareLink + String(e.detail.existing));
jobLink.addEventListener('xoi-job-link-error', (e) => e.detail.code === 'xoi-unavailable' && e.detail.status);
export const jobLinkState: XoiJobLinkState = jobLink.state;
export const onJobLink = (d: XoiJobLinkDetail): string | undefined => d.deepLinks.visionWeb?.viewJob;
export const jobLinkWrapper = (
  <XoiJobLinkReact endpoint="/xoi" workOrder="WO-1" filter="10432"
    onXoiJobLinkLinked={(e) => e.detail.jobId} onXoiJobLinkError={(e) => e.detail.message} />
);
export const jobLinkPlain = <xoi-job-link endpoint="/xoi" work-order="WO-1" filter="10432" onxoi-job-link-linked={(e) => e.detail.linkedAt} />;

const el = document.createElement('xoi-share-button');
const typed: XoiShareButton = el;
const sameClass: typeof ClassOnly = XoiShareButton;
el.partnerId = 'ACME';
el.tags = ['rooftop', 'RTU-3'];
el.noConfirm = true;
el.addEventListener('xoi-share-link', (e) => e.detail.shareLink.toUpperCase());
el.addEventListener('xoi-share-open', (e) => e.preventDefault());
el.addEventListener('xoi-share-error', (e) => e.detail.code === 'missing-field' && e.detail.field?.length);
document.querySelector('xoi-share-button')?.reset();
const state: 'idle' | 'pending' | 'linked' | 'invalid' = el.state;
const value: string = el.value;
const link: string = buildShareLink({ partnerId: 'ACME', shareId: createShareId() });
const post = buildShareRequest({ partnerId: 'ACME', shareId: createShareId(), serviceTicket: 'WO-1', customer: 'c', location: 'l' });
const onLink = (detail: XoiShareDetail): string => detail.serviceTicket + detail.tags.join(',');
const onError = (detail: XoiShareErrorDetail): string => detail.message;

export const wrapper = (
  <XoiShareButtonReact
    partnerId="ACME" serviceTicket="WO-1" customer="Café" location="Montréal" tags={['a']} noConfirm
    onXoiShareLink={(e) => e.detail.shareLink} onXoiShareError={(e) => e.detail.code}
    onXoiShareOpen={(e) => e.preventDefault()} onXoiShareIncomplete={(e) => e.detail.shareId}
    ref={(r) => r?.open()}
  />
);
export const plain = (
  <xoi-share-button
    partner-id="x" service-ticket="WO-1" customer="c" location="l" tags='["a","b"]' share-id="abcdefghijklmnop"
    base-url="http://localhost:1" share-link-template="{baseUrl}/s/{shareId}" target="_self" no-confirm
    storage="session" name="xoiShareLink" required disabled={false} lang="fr" class="x" key="k" id="share" style={{ margin: 0 }}
    ref={(r: XoiShareButton | null) => r?.open()} onxoi-share-link={(e) => e.detail.shareLink}
  >
    Label <span slot="prompt">Done?</span>
  </xoi-share-button>
);
export { typed, sameClass, state, value, link, post, onLink, onError };
`;
  // Each line must fail to compile, with this message.
  const BAD = [
    [
      `document.createElement('xoi-share-button').addEventListener('xoi-share-link', (e) => e.detail.nope);`,
      /Property 'nope' does not exist on type 'XoiShareDetail'/,
    ],
    [
      `document.createElement('xoi-share-button').addEventListener('xoi-share-error', (e) => e.detail.shareLink);`,
      /Property 'shareLink' does not exist on type 'XoiShareErrorDetail'/,
    ],
    [
      `export const a = <XoiShareButtonReact onXoiShareLink={(e) => e.detail.nope} />;`,
      /Property 'nope' does not exist on type 'XoiShareDetail'/,
    ],
    [`export const b = <xoi-share-button partner-id={42} />;`, /Type 'number' is not assignable to type 'string'/],
    [
      `export const c = <xoi-share-button storage="disk" />;`,
      /Type '"disk"' is not assignable to type '(?=.*"local")(?=.*"session")(?=.*"none")/,
    ],
    [
      `export const d: number = document.createElement('xoi-share-button').shareLink;`,
      /Type 'string' is not assignable to type 'number'/,
    ],
    [`export const e = <XoiShareButtonReact serviceTicket={7} />;`, /Type 'number' is not assignable to type 'string'/],
    [
      `document.createElement('xoi-job-link').addEventListener('xoi-job-link-linked', (e) => e.detail.nope);`,
      /Property 'nope' does not exist on type 'XoiJobLinkDetail'/,
    ],
    [
      `export const f = (() => { const Own = createXoiShareButton('acme-b'); return <Own onXoiShareLink={(e) => e.detail.nope} />; })();`,
      /Property 'nope' does not exist on type 'XoiShareDetail'/,
    ],
  ];

  test('compile with tsc (strict, bundler resolution, react-jsx); wrong code is rejected', () => {
    const header = `import { XoiShareButton as XoiShareButtonReact, createXoiShareButton } from 'xoi-share-button/react';\nimport 'xoi-share-button';\n`;
    writeFileSync(join(project, 'ok.tsx'), OK);
    writeFileSync(join(project, 'bad.tsx'), header + BAD.map(([line]) => line).join('\n') + '\n');
    const r = hostTsc('tsconfig.json', ['ok.tsx', 'bad.tsx'], { skipLibCheck: true, noUnusedLocals: false });
    // One entry per diagnostic, with its indented elaboration lines.
    const errors = [];
    for (const l of (r.stdout + r.stderr).split('\n')) {
      if (/^\S.*error TS\d+/.test(l)) errors.push(l);
      else if (/^\s/.test(l) && errors.length) errors[errors.length - 1] += `\n${l}`;
    }
    const inOk = errors.filter((l) => l.startsWith('ok.tsx'));
    assert.deepEqual(inOk, [], 'valid host code must compile');
    const firstBad = 3; // 1-based line of BAD[0] in bad.tsx
    log(`tsc diagnostics:\n${errors.join('\n')}`);
    BAD.forEach(([code, message], i) => {
      const line = errors.filter((l) => l.startsWith(`bad.tsx(${firstBad + i},`));
      assert.ok(
        line.some((l) => message.test(l)),
        `expected ${message} for:\n  ${code}\ngot:\n  ${line.join('\n  ') || '(no error)'}`,
      );
    });
    const unexpected = errors.filter((l) => !BAD.some((_, i) => l.startsWith(`bad.tsx(${firstBad + i},`)));
    assert.deepEqual(unexpected, []);
  });

  test('every subpath type-checks under moduleResolution node10 (package.json typesVersions), without esModuleInterop', () => {
    // node10 ("node") ignores `exports`: without typesVersions only the root import has types.
    // Such projects often lack esModuleInterop: the React wrappers' types must not default-import
    // React (as @lit/react's do: TS1259, and every on… prop's event an implicit any).
    // Every typed subpath of `exports`, so a new one cannot be left out of typesVersions…
    const { exports } = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    const typed = Object.keys(exports).filter((entry) => exports[entry].types);
    assert.deepEqual(typed, [
      ...['.', './define', './xoi-share-button', './react', './jsx'],
      ...['./job-link', './xoi-job-link', './react-job-link', './jsx-job-link'],
      ...['./server', './mock'],
    ]);
    const everySubpath = typed
      .map(
        (entry, i) =>
          `import type * as entry${i} from '${join('xoi-share-button', entry)}';\nexport type { entry${i} };`,
      )
      .join('\n');
    // …and each one used, so its types are checked, not just found.
    writeFileSync(
      join(project, 'node10.tsx'),
      `${everySubpath}
import { XoiShareButton, buildShareLink, type XoiShareDetail } from 'xoi-share-button';
import { TAG_NAME } from 'xoi-share-button/define';
import { XoiShareButton as ClassOnly } from 'xoi-share-button/xoi-share-button';
import { XoiShareButton as XoiShareButtonReact, createXoiShareButton } from 'xoi-share-button/react';
import type { XoiShareButtonJSXProps } from 'xoi-share-button/jsx';
import { createXoiClient, type XoiClient } from 'xoi-share-button/server';
import { createXoiCloud } from 'xoi-share-button/mock';
import { XoiJobLink, tagName as jobLinkTagName } from 'xoi-share-button/job-link';
import { XoiJobLink as JobLinkClassOnly } from 'xoi-share-button/xoi-job-link';
import { XoiJobLink as XoiJobLinkReact, createXoiJobLink } from 'xoi-share-button/react-job-link';
import type { XoiJobLinkJSXProps } from 'xoi-share-button/jsx-job-link';

const AcmeButton = createXoiShareButton('acme-xoi-button');
const AcmeJobLink = createXoiJobLink('acme-job-link');

export const sameClass: typeof ClassOnly = XoiShareButton;
export const tag: 'xoi-share-button' = TAG_NAME;
export const props: XoiShareButtonJSXProps = { 'partner-id': 'ACME', storage: 'session' };
export const link: string = buildShareLink({ partnerId: 'ACME', shareId: 'abcdefghijklmnop' });
export const onLink = (detail: XoiShareDetail): string => detail.shareLink;
export const wrapper = <XoiShareButtonReact partnerId="ACME" onXoiShareLink={(e) => e.detail.shareLink} />;
export const cloud = createXoiCloud({ tokenTtlMs: 60_000 });
export const xoi: XoiClient = createXoiClient({ ...cloud.credentials, environment: cloud.hostsFor('http://localhost:4000') });
export const sameJobLinkClass: typeof JobLinkClassOnly = XoiJobLink;
export const jobLinkTag: string = jobLinkTagName;
export const jobLinkProps: XoiJobLinkJSXProps = { endpoint: '/xoi', 'work-order': 'WO-1' };
export const jobLinkWrapper = <XoiJobLinkReact endpoint="/xoi" onXoiJobLinkLinked={(e) => e.detail.shareLink} />;
export const own = <AcmeButton partnerId="ACME" onXoiShareError={(e) => e.detail.code} ref={(r) => r?.reset()} />;
export const ownJobLink = <AcmeJobLink workOrder="WO-1" onXoiJobLinkError={(e) => e.detail.status} />;
// Typed, not any: these must be errors.
// @ts-expect-error a number is not a partnerId
export const wrong = <XoiShareButtonReact partnerId={7} />;
// @ts-expect-error no such detail field
export const wrongDetail = <AcmeJobLink onXoiJobLinkLinked={(e) => e.detail.nope} />;
`,
    );
    const r = hostTsc('tsconfig.node10.json', ['node10.tsx'], {
      moduleResolution: 'node10',
      // TypeScript 6 deprecates node10; hosts on it still exist, which is why this test does.
      ignoreDeprecations: '6.0',
      esModuleInterop: false,
      allowSyntheticDefaultImports: false,
      // Library declarations checked too: TS1259 is reported in the file that default-imports.
      skipLibCheck: false,
      types: ['node'],
    });
    assert.equal(r.status, 0, `tsc (moduleResolution node10) failed:\n${r.stdout}${r.stderr}`);
  });

  test('our own .d.ts files compile without skipLibCheck', () => {
    writeFileSync(
      join(project, 'only-ours.ts'),
      `import type {} from 'xoi-share-button';\nimport type {} from 'xoi-share-button/react';\n` +
        `import type {} from 'xoi-share-button/job-link';\nimport type {} from 'xoi-share-button/react-job-link';\n`,
    );
    const r = hostTsc('tsconfig.lib.json', ['only-ours.ts'], {});
    const ours = (r.stdout + r.stderr).split('\n').filter((l) => l.includes('xoi-share-button/dist/'));
    assert.deepEqual(ours, []);
  });
});

describe('custom-elements.json', () => {
  let element;
  let jobLink;
  before(() => {
    const manifest = JSON.parse(readFileSync(join(installed, 'dist/npm/custom-elements.json'), 'utf8'));
    const elements = manifest.modules.flatMap((m) => (m.declarations ?? []).filter((d) => d.customElement));
    assert.deepEqual(elements.map((e) => e.tagName).sort(), ['xoi-job-link', 'xoi-share-button']);
    element = elements.find((e) => e.tagName === 'xoi-share-button');
    jobLink = elements.find((e) => e.tagName === 'xoi-job-link');
    for (const mod of manifest.modules)
      assert.ok(existsSync(join(installed, mod.path)), `module path ${mod.path} is shipped`);
  });

  test('lists every attribute and event of API.md, with types for the events', () => {
    assert.equal(element.tagName, 'xoi-share-button');
    const attributes = element.attributes.map((a) => a.name);
    for (const name of ATTRIBUTES) assert.ok(attributes.includes(name), `attribute ${name}`);
    assert.deepEqual(element.events.map((e) => e.name).sort(), [...EVENTS].sort());
    for (const e of element.events) {
      assert.match(
        e.type?.text ?? '',
        e.name === 'xoi-share-error' ? /^CustomEvent<XoiShareErrorDetail>$/ : /^CustomEvent<XoiShareDetail>$/,
      );
      assert.ok(e.description, `${e.name} has a description`);
    }
    assert.deepEqual(element.slots.map((s) => s.name).sort(), ['', 'no', 'prompt', 'yes']);
    assert.deepEqual(element.cssParts.map((p) => p.name).sort(), [
      'button',
      'copy',
      'error',
      'link',
      'no',
      'prompt',
      'yes',
    ]);
    assert.ok(
      element.cssProperties.length > 0 && element.cssProperties.every((p) => p.name.startsWith('--xoi-share-')),
    );
    const methods = element.members.filter((m) => m.kind === 'method').map((m) => m.name);
    for (const m of ['open', 'confirm', 'reset']) assert.ok(methods.includes(m), `method ${m}`);
  });

  test('lists <xoi-job-link>: its attributes, events from its event map, parts, states', () => {
    assert.deepEqual(
      jobLink.attributes.map((a) => a.name),
      ['endpoint', 'work-order', 'filter', 'state'],
    );
    assert.match(jobLink.attributes.find((a) => a.name === 'state').type.text, /'confirming-link'/);
    assert.deepEqual(
      jobLink.events.map((e) => [e.name, e.type.text]),
      [
        ['xoi-job-link-linked', 'CustomEvent<XoiJobLinkDetail>'],
        ['xoi-job-link-error', 'CustomEvent<XoiJobLinkErrorDetail>'],
      ],
    );
    for (const e of jobLink.events) assert.ok(e.description, `${e.name} has a description`);
    for (const name of ['start', 'list', 'job', 'question', 'yes', 'no', 'confirm', 'link', 'error', 'retry']) {
      assert.ok(
        jobLink.cssParts.some((p) => p.name === name),
        `part ${name}`,
      );
    }
    assert.ok(jobLink.cssProperties.every((p) => p.name.startsWith('--xoi-job-link-')));
    const methods = jobLink.members.filter((m) => m.kind === 'method').map((m) => m.name);
    for (const m of ['choose', 'reload', 'define']) assert.ok(methods.includes(m), `method ${m}`);
    assert.deepEqual(
      jobLink.members.filter((m) => /^[#_]/.test(m.name) || m.privacy === 'private').map((m) => m.name),
      [],
    );
  });

  test('lists no private or state fields', () => {
    const names = [
      ...element.attributes.map((a) => a.name),
      ...element.attributes.map((a) => a.fieldName ?? ''),
      ...element.members.map((m) => m.name),
    ];
    assert.deepEqual(
      names.filter((n) => /^[#_]/.test(n)),
      [],
    );
    assert.deepEqual(
      element.members.filter((m) => m.privacy === 'private' || m.privacy === 'protected').map((m) => m.name),
      [],
    );
  });
});

describe('script-tag bundles', () => {
  for (const file of BUNDLES) {
    test(`${file} is self-contained, minified, production Lit, browser nanoid`, () => {
      const code = readFileSync(join(installed, file), 'utf8');
      // No bare or relative imports left: it must load from a CDN with no import map.
      assert.doesNotMatch(code, /\bfrom\s*["'`]|\bimport\s*["'`(]/, 'imports left in the bundle');
      assert.doesNotMatch(code, /node:crypto/, "nanoid's Node build was bundled");
      assert.match(code, /crypto\.getRandomValues/, "nanoid's browser build");
      assert.doesNotMatch(code, /Lit is in dev mode/, 'Lit development build was bundled');
      assert.ok(code.includes('xoi-share-button') && code.includes('Document in XOi'));
      // Only html`` templates keep their newlines (Lit renders them as written).
      const lines = code.split('\n').length;
      assert.ok(lines < 60, `${lines} lines: not minified`);
      assert.ok(
        !code.includes('#resolveActivity') && !code.includes('/**'),
        'names not mangled or comments kept: not minified',
      );
      assert.match(code, /`:host\{--/, 'css`` templates are minified');
      if (file.endsWith('classic.js')) {
        assert.doesNotMatch(code, /\bexport\s*\{/, 'a classic script cannot export');
        assert.match(code.trimStart(), /^(\(function|\(\(\)|!function|var )/);
      }
    });
  }
});

test(`${JOB_LINK_BUNDLE} is self-contained, minified, production Lit; xoi-share-button.js does not carry it`, () => {
  const code = readFileSync(join(installed, JOB_LINK_BUNDLE), 'utf8');
  assert.doesNotMatch(code, /\bfrom\s*["'`]|\bimport\s*["'`(]/, 'imports left in the bundle');
  assert.doesNotMatch(code, /Lit is in dev mode/, 'Lit development build was bundled');
  assert.ok(code.includes('xoi-job-link') && code.includes('Link XOi job'));
  assert.ok(code.split('\n').length < 80 && !code.includes('/**'), 'not minified');
  // The element only calls the host's routes: no XOi credentials or server code in the browser.
  assert.doesNotMatch(code, /api_secret|apiSecret|createXoiRoutes|gql-jobs-external/);
  for (const file of BUNDLES) {
    const shareButton = readFileSync(join(installed, file), 'utf8');
    assert.ok(
      !shareButton.includes('xoi-job-link') && !shareButton.includes('Link XOi job'),
      `${file} carries <xoi-job-link>`,
    );
  }
});

describe('the XOi Cloud tier: xoi-share-button/server and /mock', () => {
  test('the server entry runs in Node with no DOM: client, notifications, notes, routes', () => {
    const script = `
      const server = await import('xoi-share-button/server');
      let unguarded = '';
      try { server.createXoiNotifications(); } catch (e) { unguarded = e.name; }
      const notifications = server.createXoiNotifications({ secret: 'package-test-secret-42' });
      const seen = [];
      notifications.on('*', (e) => seen.push(e.type));
      const response = await notifications.handle(new Request('https://fsm.example/n?key=package-test-secret-42', {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ orgId: 'o', event: 'job_deleted', jobId: 'job-1' }),
      }));
      const client = server.createXoiClient({ apiKey: 'k', apiSecret: 's', environment: 'production' });
      const routes = server.createXoiRoutes(client, undefined, { technician: () => undefined, workOrder: () => undefined });
      const unauth = await routes(new Request('https://fsm.example/xoi/work-orders/1/jobs'));
      console.log(JSON.stringify({
        hasDocument: typeof document !== 'undefined',
        exports: Object.keys(server).sort(),
        unguarded,
        status: response.status, seen,
        jobsUrl: client.hosts.jobsUrl,
        notes: server.buildAppointmentNotes({ id: 'job-1', deepLinks: null }, null, 'https://s.example/1').notes.length,
        unauth: unauth.status,
      }));`;
    const r = sh(process.execPath, ['--input-type=module', '-e', script], project);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), {
      hasDocument: false,
      // The public surface: internals (retry maths, parsers, classification) stay unexported.
      exports: [
        'ReservationLostError',
        'XOI_HOSTS',
        'XoiError',
        'buildAppointmentNotes',
        'createAppointmentStatusRoutes',
        'createAppointmentSync',
        'createEmbeddedPostgres',
        'createMemoryLinkStore',
        'createMemoryNotificationInbox',
        'createPostgresStore',
        'createXoiClient',
        'createXoiJobIndex',
        'createXoiNotifications',
        'createXoiQueue',
        'createXoiRoutes',
        'isUnmatched',
        'nodeRequestOf',
        'toNodeHandler',
      ],
      unguarded: 'TypeError',
      status: 200,
      seen: ['job-deleted'],
      jobsUrl: 'https://gql-jobs-external.xoi.io/graphql',
      notes: 3,
      unauth: 401,
    });
  });

  test('graphql is an optional peer: not installed with the package, and the mock says what to install', () => {
    const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    assert.equal(pkg.peerDependenciesMeta.graphql.optional, true);
    assert.ok(!existsSync(join(project, 'node_modules/graphql')), 'graphql was installed with the package');
    const r = sh(process.execPath, ['--input-type=module', '-e', "await import('xoi-share-button/mock')"], project);
    assert.notEqual(r.status, 0);
    assert.match(
      r.stderr,
      /xoi-share-button\/mock needs the 'graphql' package \(v16\).*npm install --save-dev graphql@16/,
    );
  });

  test('the database pieces are optional peers: not installed, and each says what to install', () => {
    const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    for (const peer of ['pg', 'pg-boss', '@electric-sql/pglite', '@electric-sql/pglite-socket']) {
      assert.equal(pkg.peerDependenciesMeta[peer]?.optional, true, `${peer} is an optional peer`);
      assert.ok(!existsSync(join(project, 'node_modules', peer)), `${peer} was installed with the package`);
    }
    const script = `
      const server = await import('xoi-share-button/server');
      const out = {};
      for (const [name, run] of [
        ['store', () => server.createPostgresStore({ connectionString: 'postgres://nobody@127.0.0.1:1/x' })],
        ['embedded', () => server.createEmbeddedPostgres({ dataDir: 'memory://' })],
      ]) {
        try { await run(); out[name] = 'no error'; } catch (e) { out[name] = e.message; }
      }
      console.log(JSON.stringify(out));`;
    const r = sh(process.execPath, ['--input-type=module', '-e', script], project);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.match(out.store, /needs the 'pg' package: npm install pg/);
    assert.match(out.embedded, /npm install @electric-sql\/pglite @electric-sql\/pglite-socket/);
  });

  test('with graphql installed, the mock runs as a consumer imports it', () => {
    // The repo's graphql, linked in for this test only: the one above needs it absent.
    const link = join(project, 'node_modules/graphql');
    symlinkSync(join(root, 'node_modules/graphql'), link, 'dir');
    try {
      const script = `
        import http from 'node:http';
        const { createXoiCloud } = await import('xoi-share-button/mock');
        const cloud = createXoiCloud();
        const job = cloud.seedJob({ technicianEmail: 'a@b.co', label: '<b>Boiler</b>' });
        const server = http.createServer((req, res) => cloud.middleware(req, res)).listen(0, '127.0.0.1');
        await new Promise((resolve) => server.once('listening', resolve));
        const page = await fetch('http://127.0.0.1:' + server.address().port + '/xoi-cloud/web/jobs/' + job.id);
        const html = await page.text();
        server.close();
        console.log(JSON.stringify({ status: page.status, type: page.headers.get('content-type'), title: /<h1>(.*?)<\\/h1>/.exec(html)[1] }));`;
      const r = sh(process.execPath, ['--input-type=module', '-e', script], project);
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout), {
        status: 200,
        type: 'text/html; charset=utf-8',
        title: '&lt;b&gt;Boiler&lt;/b&gt;',
      });
    } finally {
      rmSync(link);
    }
  });

  test('the server typings compile for Node without the DOM lib, our .d.ts without skipLibCheck', () => {
    writeFileSync(
      join(project, 'server.ts'),
      `import { createXoiClient, createXoiRoutes, createMemoryLinkStore, XoiError, type WorkOrderLink } from 'xoi-share-button/server';
import {
  createXoiCloud,
  type MockFault,
  type MockJob,
  type MockRequestLogEntry,
  type MockUser,
  type SeedJob,
  type XoiCloud,
} from 'xoi-share-button/mock';
const client = createXoiClient({ apiKey: 'k', apiSecret: 's', environment: { extends: 'staging' } });
export const handler: (r: Request) => Promise<Response> = createXoiRoutes(client, createMemoryLinkStore(), {
  technician: async () => 'a@b.co',
  workOrder: () => ({ workOrderNumber: '1', customerName: 'c', jobLocation: 'l' }),
});
export const link = (l: WorkOrderLink): string => l.deepLinks.visionMobile?.editJob ?? l.shareLink;
export const code = (e: unknown) => (e instanceof XoiError ? e.code : 'other');
export const hosts: { jobsUrl: string } = createXoiCloud().hostsFor('http://127.0.0.1:1');
const mockCloud: XoiCloud = createXoiCloud({ users: [{ email: 'a@b.co' }], userIds: 'uuid' });
export const seeded: MockJob = mockCloud.seedJob({ technicianEmail: 'a@b.co', completed: true } satisfies SeedJob);
export const assignee: string | undefined = seeded.assigneeIds[0];
export const usersUrl: string = mockCloud.hostsFor('http://127.0.0.1:1').usersUrl;
export const user: MockUser | null = mockCloud.getUser('x');
export const logged: number = mockCloud.requests.filter((r: MockRequestLogEntry) => r.service === 'users').length;
mockCloud.fault({ type: 'null-job-share', times: 2 } satisfies MockFault);
// @ts-expect-error a fault type the mock does not have
mockCloud.fault({ type: 'meltdown' });
// @ts-expect-error users need an email
mockCloud.seedUser({ given_name: 'Jane' });
// @ts-expect-error the environment is a closed set
createXoiClient({ apiKey: 'k', apiSecret: 's', environment: 'dev' });
`,
    );
    writeFileSync(
      join(project, 'tsconfig.server.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: 'es2022',
          module: 'nodenext',
          moduleResolution: 'nodenext',
          lib: ['es2023'],
          types: ['node'],
          skipLibCheck: false,
        },
        files: ['server.ts'],
      }),
    );
    const r = sh(process.execPath, [tsc, '-p', 'tsconfig.server.json', '--pretty', 'false'], project);
    const errors = (r.stdout + r.stderr).split('\n').filter((l) => /error TS\d+/.test(l));
    assert.deepEqual(errors, []);
  });
});

describe('the mock XOi Cloud as a server: the installed `xoi-share-button mock` bin', () => {
  const bin = () => join(project, 'node_modules/.bin/xoi-share-button');

  test('without graphql it says what to install in one line, exit code 1', () => {
    assert.ok(!existsSync(join(project, 'node_modules/graphql')), 'graphql was installed with the package');
    const r = sh(bin(), ['mock', '--port', '0'], project);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.match(
      r.stderr,
      /^xoi-share-button: xoi-share-button\/mock needs the 'graphql' package \(v16\).*graphql@16\n$/,
    );
  });

  test('token, createJob for a seeded user, listJobs, a fault over HTTP, SIGTERM', async () => {
    const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    assert.deepEqual(pkg.bin, {
      'xoi-share-button': './dist/npm/mock/cli.js',
      'xoi-job-index': './dist/npm/server/job-index/cli.js',
    });
    // The repo's graphql, linked in for this test only (the one above needs it absent).
    const link = join(project, 'node_modules/graphql');
    symlinkSync(join(root, 'node_modules/graphql'), link, 'dir');
    const child = spawn(bin(), ['mock', '--port', '0', '--json'], { cwd: project, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let out = '';
      child.stdout.setEncoding('utf8');
      await new Promise((resolve, reject) => {
        child.stdout.on('data', (chunk) => {
          out += chunk;
          if (out.includes('\n')) resolve();
        });
        child.once('exit', (code) => reject(new Error(`exited ${code} before printing`)));
      });
      const started = JSON.parse(out.split('\n')[0]);
      log(`xoi-share-button mock printed ${out.trim()}`);
      assert.match(started.origin, /^http:\/\/127\.0\.0\.1:[1-9]\d*$/);
      const post = (url, body, headers = {}) =>
        fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify(body),
        });

      const { token } = await (
        await post(started.tokenUrl, { api_key: started.apiKey, api_secret: started.apiSecret })
      ).json();
      assert.equal((await post(`${started.adminUrl}users`, { email: 'jane@acme.example' })).status, 201);
      const gql = (query, variables) => post(started.jobsUrl, { query, variables }, { authorization: token });
      const created = await (
        await gql('mutation C($input: CreateJobInput!) { createJob(input: $input) { job { id label } } }', {
          input: {
            newJob: {
              assigneeIds: ['jane@acme.example'],
              customerName: 'ABC Corp',
              jobLocation: '1 Main St',
              workOrderNumber: 'WO-1',
              label: '12345 - ABC Corp',
            },
          },
        })
      ).json();
      const job = created.data.createJob.job;
      const LIST =
        'query L($input: ListJobsInput!) { listJobs(input: $input) { jobConnection { items { id label } } } }';
      const listed = await (await gql(LIST, { input: { limit: 10 } })).json();
      assert.deepEqual(listed.data.listJobs.jobConnection.items, [job]);

      assert.equal(
        (await post(`${started.adminUrl}faults`, { type: 'http', status: 503, service: 'jobs' })).status,
        201,
      );
      assert.equal((await gql(LIST, { input: { limit: 10 } })).status, 503);
      assert.equal((await gql(LIST, { input: { limit: 10 } })).status, 200);
    } finally {
      child.kill('SIGTERM');
      const [code] = await once(child, 'exit');
      rmSync(link);
      assert.equal(code, 0);
    }
  });
});
