// The BUILT dist/cdn/xoi-job-link.js (`npm test` builds first) on a page with nothing else but
// <xoi-share-button>'s bundle: both load side by side (each with its own Lit), each defines its
// own tag once, and <xoi-job-link> lists the technician's jobs from the real routes on the test
// server (test/fixtures/job-link-server.mjs).
import { expect } from '@open-wc/testing';
import { part, textOf, uid } from './helpers.js';

const BUNDLES = ['/dist/cdn/xoi-job-link.js', '/dist/cdn/xoi-share-button.js', '/dist/cdn/xoi-job-link.js'];

interface BundlePage extends Window {
  __errors: string[];
  __defines: string[];
}

describe('dist/cdn/xoi-job-link.js, built', () => {
  it('loads next to xoi-share-button.js (twice), defines <xoi-job-link> once, and lists jobs', async () => {
    for (const src of new Set(BUNDLES)) {
      const res = await fetch(src, { method: 'HEAD' });
      if (!res.ok) throw new Error(`${src}: HTTP ${res.status} — run \`npm run build\` first (\`npm test\` does)`);
    }
    const tech = `${uid('tech')}@example.com`;
    document.cookie = `xoi-test-tech=${encodeURIComponent(tech)}; path=/`;
    const response = await fetch('/__job-link/jobs', {
      method: 'POST',
      body: JSON.stringify({ technician: tech, jobs: [{ label: '90001 - Bundle', completed: true }] }),
    });
    const [job] = (await response.json()) as Array<{ id: string }>;

    const frame = document.createElement('iframe');
    frame.srcdoc = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>bundle</title>
<script>
  window.__errors = [];
  window.__defines = [];
  addEventListener('error', (e) => __errors.push('error: ' + ((e.error && e.error.message) || e.message)));
  const define = customElements.define.bind(customElements);
  customElements.define = (name, ctor, options) => { __defines.push(name); return define(name, ctor, options); };
</script>
${BUNDLES.map((src, i) => `<script type="module" src="${src}?copy=${i}"></script>`).join('\n')}
</head><body>
<xoi-job-link endpoint="/xoi-test" work-order="WO-bundle-${uid()}" filter="90001"></xoi-job-link>
<xoi-share-button partner-id="ACME" service-ticket="WO-1" customer="c" location="l" storage="none"></xoi-share-button>
</body></html>`;
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    document.body.append(frame);
    try {
      await loaded;
      const win = frame.contentWindow as unknown as BundlePage;
      const el = frame.contentDocument!.querySelector('xoi-job-link')!;
      const until = async (state: string) => {
        const end = Date.now() + 10_000;
        while (el.getAttribute('state') != state && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
        expect(el.getAttribute('state')).to.equal(state);
      };
      await until('ready');
      part(el, 'start').click();
      await until('choosing');
      expect(el.shadowRoot!.querySelector(`[data-job="${job.id}"]`)).to.not.equal(null);
      expect(textOf(part(el, 'count'))).to.equal('1 XOi job to link');
      expect(win.__errors).to.deep.equal([]);
      expect(win.__defines.sort()).to.deep.equal(['xoi-job-link', 'xoi-share-button']);
    } finally {
      frame.remove();
      document.cookie = 'xoi-test-tech=; path=/; max-age=0';
    }
  });
});
