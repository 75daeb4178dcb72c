// The BUILT script-tag bundles (dist/cdn, made by `npm run build`; `npm test` builds first), on
// pages with nothing else: no import map, no bundler, no other script but an error recorder.
// Each bundle is loaded twice (distinct URLs, so the module one is evaluated twice too), then
// both together: no page error, one customElements.define call, and the element works —
// renders, and a click POSTs the work order to the mock XOi on the test server.
import { expect } from '@open-wc/testing';
import { part, settledPostsFor, textOf, uid } from './helpers.js';

const MODULE = '/dist/cdn/xoi-share-button.js';
const CLASSIC = '/dist/cdn/xoi-share-button.classic.js';

// Omit: src/cdn-classic.ts declares window.XoiShareButton for the classic bundle; a bare page may lack it.
interface BundlePage extends Omit<Window, 'XoiShareButton'> {
  __errors: string[];
  __defines: string[];
  litElementVersions?: string[];
  XoiShareButton?: CustomElementConstructor;
}

// Runs first in the page: records errors (also a script that fails to load) and every define().
const RECORDER = `<script>
  window.__errors = [];
  window.__defines = [];
  addEventListener('error', (e) => __errors.push('error: ' + ((e.error && e.error.message) || e.message)));
  addEventListener('unhandledrejection', (e) => __errors.push('unhandledrejection: ' + e.reason));
  const define = customElements.define.bind(customElements);
  customElements.define = (name, ctor, options) => { __defines.push(name); return define(name, ctor, options); };
</script>`;

const script = (src: string, copy: number): string =>
  src === MODULE
    ? `<script type="module" src="${src}?copy=${copy}" onerror="__errors.push('failed to load ' + this.src)"></script>`
    : `<script src="${src}?copy=${copy}" onerror="__errors.push('failed to load ' + this.src)"></script>`;

/** A fresh iframe page with these bundles and one configured element. */
async function bundlePage(
  scripts: string[],
  shareId: string,
): Promise<{ win: BundlePage; doc: Document; el: HTMLElement }> {
  for (const src of new Set(scripts)) {
    const res = await fetch(src, { method: 'HEAD' });
    if (!res.ok) throw new Error(`${src}: HTTP ${res.status} — run \`npm run build\` first (\`npm test\` does)`);
  }
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width: 600px; height: 400px';
  frame.srcdoc = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>bundle</title>
${RECORDER}
${scripts.map((src, i) => script(src, scripts.slice(0, i + 1).filter((s) => s === src).length)).join('\n')}
</head><body>
<xoi-share-button id="el" partner-id="ACME-Bundles" service-ticket="WO-77" customer="Café Nuñez"
  location="12 Rue de la Paix" tags='["rooftop","RTU-3"]' share-id="${shareId}"
  base-url="${location.origin}" target="xoi-target" storage="none"></xoi-share-button>
<iframe name="xoi-target" title="XOi"></iframe>
</body></html>`;
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  const win = frame.contentWindow as unknown as BundlePage;
  const doc = frame.contentDocument!;
  await Promise.race([
    win.customElements.whenDefined('xoi-share-button'),
    new Promise((_, reject) =>
      setTimeout(() => reject(new Error(`not defined; page errors: ${win.__errors.join('; ')}`)), 5000),
    ),
  ]);
  const el = doc.getElementById('el')!;
  await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
  return { win, doc, el };
}

/** The element from the bundle renders, and its click posts the work order to XOi. */
async function expectWorks(win: BundlePage, el: HTMLElement, shareId: string): Promise<void> {
  expect(el.shadowRoot, 'rendered into a shadow root').to.exist;
  expect(textOf(part(el, 'button'))).to.equal('Document in XOi');
  expect(el.getAttribute('state')).to.equal('idle');

  const opened: string[] = [];
  el.addEventListener('xoi-share-open', (e) => opened.push((e as CustomEvent<{ shareId: string }>).detail.shareId));
  part(el, 'button').click();
  const [post, ...more] = await settledPostsFor(shareId);
  expect(more, 'one POST').to.have.length(0);
  expect(post, 'the mock XOi received the POST').to.exist;
  expect(post.partnerId).to.equal('ACME-Bundles');
  expect(post.path).to.equal('/partners/ACME-Bundles/share');
  expect(post.fields).to.deep.equal([
    ['shareId', shareId],
    ['serviceTicket', 'WO-77'],
    ['customer', 'Café Nuñez'],
    ['location', '12 Rue de la Paix'],
    ['tags', 'rooftop'],
    ['tags', 'RTU-3'],
  ]);
  expect(opened).to.deep.equal([shareId]);
  await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
  expect(el.getAttribute('state')).to.equal('pending');
  expect(win.__errors).to.deep.equal([]);
}

const shareIdFor = (name: string): string => uid(`bundle-${name}`).replace(/[^A-Za-z0-9_-]/g, '_');

describe('script-tag bundles (dist/cdn), built', () => {
  it('module bundle loaded twice: no error, one definition, the element works', async () => {
    const shareId = shareIdFor('module');
    const { win, el } = await bundlePage([MODULE, MODULE], shareId);
    expect(win.__errors).to.deep.equal([]);
    expect(win.__defines).to.deep.equal(['xoi-share-button']);
    // Each evaluation of the bundle carries its own Lit, which announces itself: both ran.
    expect(win.litElementVersions).to.have.length(2);
    expect(el).to.be.instanceOf(win.customElements.get('xoi-share-button')!);
    await expectWorks(win, el, shareId);
  });

  it('classic bundle loaded twice: no error, one definition, window.XoiShareButton, the element works', async () => {
    const shareId = shareIdFor('classic');
    const { win, el } = await bundlePage([CLASSIC, CLASSIC], shareId);
    expect(win.__errors).to.deep.equal([]);
    expect(win.__defines).to.deep.equal(['xoi-share-button']);
    expect(win.litElementVersions).to.have.length(2);
    expect(win.XoiShareButton).to.equal(win.customElements.get('xoi-share-button'));
    expect(el).to.be.instanceOf(win.XoiShareButton!);
    await expectWorks(win, el, shareId);
  });

  it('module and classic bundles, twice each, on one page: no error, one definition, the element works', async () => {
    const shareId = shareIdFor('both');
    const { win, el } = await bundlePage([MODULE, CLASSIC, MODULE, CLASSIC], shareId);
    expect(win.__errors).to.deep.equal([]);
    expect(win.__defines).to.deep.equal(['xoi-share-button']);
    expect(win.litElementVersions, 'all four copies ran').to.have.length(4);
    expect(win.XoiShareButton).to.equal(win.customElements.get('xoi-share-button'));
    expect(el).to.be.instanceOf(win.XoiShareButton!);
    await expectWorks(win, el, shareId);
  });
});
