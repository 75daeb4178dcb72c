/**
 * A host page behind a strict Content-Security-Policy, sent as a real response header
 * (test/fixtures/hardening-server.mjs):
 *
 *   default-src 'self'; script-src 'self'; style-src 'self'; form-action 'self' <XOi origin>;
 *   require-trusted-types-for 'script'
 *
 * The element must render, post and link with zero `securitypolicyviolation` events: its styles
 * are constructable stylesheets (adoptedStyleSheets, not subject to style-src), it never uses
 * inline scripts, eval or string-to-HTML sinks, and its POST goes only to `base-url`.
 * Trusted Types: enforced where the engine implements them (`window.trustedTypes`); engines
 * without them ignore the directive. Seen enforcing both CSP and Trusted Types: Chromium 156,
 * Firefox ESR 153 and WebKitGTK 2.50; the control test logs what each engine did.
 */
import { expect } from '@open-wc/testing';
import type { XoiShareDetail } from '../../src/share-button/element.js';
import { captureFrame, part, textOf, waitForPosts } from '../helpers.js';
import { hostPage, workOrder } from '../host-page.js';

describe('strict CSP host page', () => {
  afterEach(() => document.querySelectorAll('iframe').forEach((f) => f.remove()));

  it('renders, posts and links with zero CSP violations', async () => {
    const attrs = workOrder();
    const page = await hostPage(attrs, { serve: 'csp' });
    const { doc, win, el } = page;
    // The element styled itself without a <style> element or attribute.
    const button = part(el, 'button');
    expect(win.getComputedStyle(button).cursor).to.equal('pointer');
    expect(el.shadowRoot!.querySelector('style')).to.equal(null);
    expect(textOf(button)).to.equal('Document in XOi');

    const target = captureFrame(doc);
    el.setAttribute('target', target.name);
    await el.updateComplete;
    const loaded = target.nextLoad();
    button.click();
    await loaded;
    const [post] = await waitForPosts(el.shareId);
    expect(post.fields.slice(1, 3)).to.deep.equal([
      ['serviceTicket', attrs['service-ticket']],
      ['customer', attrs.customer],
    ]);
    await el.updateComplete;
    const linked = new Promise<CustomEvent<XoiShareDetail>>((r) =>
      el.addEventListener('xoi-share-link', (e) => r(e), { once: true }),
    );
    part(el, 'yes').click();
    expect((await linked).detail.shareLink).to.equal(el.value);
    await el.updateComplete;
    expect(part<HTMLAnchorElement>(el, 'link').href).to.equal(el.value);

    expect(win.violations).to.deep.equal([]);
  });

  it('the policy is really enforced on that page (controls: an inline <style>, and Trusted Types where implemented)', async () => {
    const page = await hostPage(workOrder(), { serve: 'csp' });
    const { doc, win } = page;
    const violation = new Promise<SecurityPolicyViolationEvent>((r) =>
      doc.addEventListener('securitypolicyviolation', (e) => r(e), { once: true }),
    );
    // An inline <style>: blocked by style-src without 'unsafe-inline' (what the element never needs).
    const style = doc.createElement('style');
    style.textContent = 'h1 { color: rgb(255, 0, 0); }';
    doc.head.append(style);
    const first = await violation;
    expect(first.effectiveDirective).to.match(/^style-src/);
    expect(win.getComputedStyle(doc.querySelector('h1')!).color).not.to.equal('rgb(255, 0, 0)');

    const hasTrustedTypes = 'trustedTypes' in win;
    let blocked = false;
    try {
      // A string-to-HTML sink: require-trusted-types-for 'script' refuses plain strings.
      doc.createElement('div').innerHTML = '<b>x</b>';
    } catch (e) {
      blocked = e instanceof (win as unknown as { TypeError: typeof TypeError }).TypeError;
    }
    console.log(
      `CSP page: style-src enforced; Trusted Types ${hasTrustedTypes ? (blocked ? 'enforced' : 'present, NOT enforced') : 'not implemented (directive ignored)'} — ${navigator.userAgent}`,
    );
    expect(blocked).to.equal(hasTrustedTypes);
  });
});
