// Issue 13, the clients that are not browsers: a Next.js app router page (React Server
// Components) importing the React wrapper, and unit tests in jsdom (Angular's `ng test`,
// Vitest + Testing Library). The browser clients are test/real-clients.test.ts.
//
// Runs on the built package (dist/, made by `npm test` before the node tests), reached by its
// own name through package.json `exports`, as an app reaches it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { JSDOM, VirtualConsole } from 'jsdom';

const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);

describe('6. Next.js app router: xoi-share-button/react from a Server Component', () => {
  test('the wrapper is a client module: the server renders a client reference with the props, no "useRef is not a function"', () => {
    const wrapper = import.meta.resolve('xoi-share-button/react');
    assert.match(
      readFileSync(fileURLToPath(wrapper), 'utf8'),
      /^'use client';/,
      'the directive is the first statement',
    );
    // React's react-server build (no hooks) and Flight renderer, with React's loader turning
    // 'use client' modules into references: what `next build` does to a Server Component.
    const out = execFileSync(
      process.execPath,
      [
        '--no-warnings',
        '--conditions=react-server',
        '--experimental-loader',
        './test/node/fixtures/rsc-loader.mjs',
        'test/node/fixtures/rsc-render.mjs',
        wrapper,
      ],
      { cwd: root, encoding: 'utf8' },
    );
    const { errors, payload } = JSON.parse(out);
    assert.deepEqual(errors, []);
    assert.match(payload, /:I\["\$\d+",\[\],"XoiShareButton"\]/, 'a client reference to XoiShareButton');
    assert.ok(
      payload.includes(
        '{"partnerId":"ACME","serviceTicket":"WO-10432","customer":"Café Nuñez","location":"12 Rue de la Paix"}',
      ),
      'its props',
    );
  });

  test('server-side rendering of client components (no DOM): the host gets the tag with its attributes and children', () => {
    // What Next.js does with a client component on the server: import it without a DOM, render
    // it to HTML. The properties are not attributes: React sets them on hydration (the browser
    // test 5b). The job link's wrapper alike.
    const script = `
      import { createElement } from 'react';
      import { renderToString } from 'react-dom/server';
      const { XoiShareButton } = await import('xoi-share-button/react');
      const { XoiJobLink } = await import('xoi-share-button/react-job-link');
      const html = renderToString(createElement('main', null,
        createElement(XoiShareButton, { partnerId: 'ACME', serviceTicket: 'WO-10432', customer: 'Café Nuñez', location: '12 Rue de la Paix', id: 'xoi', className: 'report' }, 'Send to XOi'),
        createElement(XoiJobLink, { endpoint: '/xoi', workOrder: '8841', filter: '10432', id: 'link' })));
      console.log(JSON.stringify({ html, dom: typeof document }));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
    assert.deepEqual(JSON.parse(out), {
      html: '<main><xoi-share-button id="xoi" class="report">Send to XOi</xoi-share-button><xoi-job-link id="link"></xoi-job-link></main>',
      dom: 'undefined',
    });
  });

  test('server rendering writes each wrapper’s own tag and registers nothing in the process-wide registry', () => {
    // Node's custom element registry (Lit's shim) is shared by every request: a wrapper that
    // rendered whatever name it found there would write one page's tag into another's HTML.
    // test/node/next-ssr.test.mjs does the same through next build, next start and hydration.
    const script = `
      const { createElement } = await import('react');
      const { renderToString } = await import('react-dom/server');
      const { XoiShareButton, createXoiShareButton } = await import('xoi-share-button/react');
      const { XoiJobLink, createXoiJobLink } = await import('xoi-share-button/react-job-link');
      const Acme = createXoiShareButton('acme-xoi-button');
      const AcmeJobLink = createXoiJobLink('acme-job-link');
      const button = { id: 'b', partnerId: 'ACME', customer: 'C', tags: ['rooftop'], onXoiShareLink() {} };
      const jobLink = { id: 'j', endpoint: '/xoi', workOrder: 'WO-1', onXoiJobLinkLinked() {} };
      const html = [[Acme, button], [XoiShareButton, button], [AcmeJobLink, jobLink], [XoiJobLink, jobLink], [Acme, button]]
        .map(([c, props]) => renderToString(createElement(c, props)));
      const tags = ['acme-xoi-button', 'xoi-share-button', 'acme-job-link', 'xoi-job-link'];
      console.log(JSON.stringify({ html, registered: tags.filter((t) => globalThis.customElements?.get(t)) }));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
    assert.deepEqual(JSON.parse(out), {
      html: [
        // Properties and on… props are the browser's to set, not attributes written here.
        '<acme-xoi-button id="b"></acme-xoi-button>',
        '<xoi-share-button id="b"></xoi-share-button>',
        '<acme-job-link id="j"></acme-job-link>',
        '<xoi-job-link id="j"></xoi-job-link>',
        '<acme-xoi-button id="b"></acme-xoi-button>',
      ],
      registered: [],
    });
  });
});

describe('7. unit tests in jsdom', () => {
  /** A jsdom page with the classic bundle, as a Vitest/Jest environment loads the package. */
  function page() {
    const problems = [];
    const virtualConsole = new VirtualConsole();
    virtualConsole.on('jsdomError', (e) => problems.push(e.message));
    const dom = new JSDOM('<!doctype html><html lang="en"><body><form id="order"></form></body></html>', {
      runScripts: 'outside-only',
      url: 'http://localhost/',
      virtualConsole,
    });
    dom.window.eval(readFileSync(require.resolve('xoi-share-button/cdn/xoi-share-button.classic.js'), 'utf8'));
    const el = dom.window.document.createElement('xoi-share-button');
    const events = [];
    for (const type of ['xoi-share-open', 'xoi-share-link', 'xoi-share-incomplete', 'xoi-share-error']) {
      el.addEventListener(type, (e) => events.push([type, e.detail]));
    }
    return { window: dom.window, el, events, problems };
  }

  test('it renders and runs the whole flow with target="_self": open, the question, Yes, the link', async () => {
    const { window, el, events, problems } = page();
    Object.assign(el, {
      partnerId: 'ACME',
      serviceTicket: 'WO-7',
      customer: 'C',
      location: 'L',
      storage: 'none',
      target: '_self',
      name: 'xoiShareLink',
    });
    window.document.getElementById('order').append(el);
    await el.updateComplete;
    const button = el.shadowRoot.querySelector('[part~="button"]');
    assert.equal(button.textContent, 'Document in XOi');
    button.click();
    await el.updateComplete;
    assert.equal(el.state, 'pending');
    assert.equal(el.shadowRoot.querySelector('#question').textContent, 'Have you completed the workflow?');
    el.shadowRoot.querySelector('[part~="yes"]').click();
    await el.updateComplete;
    assert.equal(el.state, 'linked');
    const link = `https://vision.xoeye.io/partners/ACME/share/${el.shareId}`;
    assert.equal(el.value, link);
    assert.deepEqual(
      events.map(([type, detail]) => [type, detail.shareLink]),
      [
        ['xoi-share-open', link],
        ['xoi-share-link', link],
      ],
    );
    assert.equal(el.shadowRoot.querySelector('[part~="link"]').getAttribute('href'), link);
    // jsdom implements neither form association nor navigation; it says so, nothing throws.
    assert.deepEqual(
      problems.filter((p) => !/Not implemented/.test(p)),
      [],
    );
  });

  test('with the default target "_blank" jsdom cannot open a window: xoi-share-error "blocked", still idle', async () => {
    const { window, el, events } = page();
    Object.assign(el, { partnerId: 'ACME', serviceTicket: 'WO-7', customer: 'C', location: 'L', storage: 'none' });
    window.document.body.append(el);
    await el.updateComplete;
    el.shadowRoot.querySelector('[part~="button"]').click();
    await el.updateComplete;
    assert.deepEqual(
      events.map(([type, detail]) => [type, detail.code]),
      [
        ['xoi-share-open', undefined],
        ['xoi-share-error', 'blocked'],
      ],
    );
    assert.equal(el.state, 'idle');
  });
});
