/**
 * What XOi receives from hostile or legacy host pages: a windows-1252 back office still sends
 * UTF-8; lone surrogates (not valid text) become U+FFFD, the one replacement besides CRLF line
 * breaks (see test/fuzz.test.ts) that the browser's form encoding makes.
 */
import { expect } from '@open-wc/testing';
import '../../src/define.js';
import type { XoiShareErrorDetail } from '../../src/share-button/share.js';
import { captureFrame, mountElement, part, pressAndWait, settledPostsFor, uid, waitForPosts } from '../helpers.js';
import { hostPage, workOrder } from '../host-page.js';

describe('encoding: what XOi receives', () => {
  afterEach(() => document.querySelectorAll('iframe').forEach((f) => f.remove()));

  it('a windows-1252 host page still posts UTF-8 that decodes exactly', async () => {
    const attrs = workOrder();
    const page = await hostPage(attrs, { serve: 'windows-1252' });
    // The page really is windows-1252: its own text was decoded with that charset.
    expect(page.doc.characterSet).to.equal('windows-1252');
    expect(page.doc.querySelector('h1')!.textContent).to.equal('Ordre de travail été');

    const target = captureFrame(page.doc);
    page.el.setAttribute('target', target.name);
    await page.el.updateComplete;
    const loaded = target.nextLoad();
    part(page.el, 'button').click();
    await loaded;
    const [post, ...more] = await settledPostsFor(page.el.shareId);
    expect(more).to.have.length(0);
    const expected: Array<[string, string]> = [
      ['shareId', page.el.shareId],
      ['serviceTicket', attrs['service-ticket']],
      ['customer', attrs.customer],
      ['location', attrs.location],
      ...(JSON.parse(attrs.tags) as string[]).map((t): [string, string] => ['tags', t]),
    ];
    expect(post.fields).to.deep.equal(expected);
    // Byte-exact: UTF-8 percent-encoding (é = %C3%A9, € = %E2%82%AC), not Latin-1 (%E9, %80)
    // and not the "&#8364;" entities a windows-1252 form without accept-charset sends.
    expect(post.rawBody).to.equal(new URLSearchParams(expected).toString());
    expect(post.rawBody).to.contain('serviceTicket=WO-1252+%C3%A9&');
    expect(post.rawBody).to.contain('tags=caf%C3%A9&');
    expect(post.rawBody).to.contain('tags=%E2%82%ACuro&');
    expect(post.rawBody).not.to.contain('%26%23');
  });

  it('lone surrogates in a value are posted as U+FFFD (EF BF BD), the rest verbatim', async () => {
    const capture = captureFrame();
    // Properties: an attribute value cannot hold a lone surrogate.
    const { el } = await mountElement({}, (el) =>
      Object.assign(el, {
        partnerId: uid('partner'),
        serviceTicket: 'WO-\uD800',
        customer: 'a\uDC00b',
        location: '\uDBFF\uDFFF ok \uD83D',
        tags: ['\uDE00x', '😀'],
        baseUrl: location.origin,
        target: capture.name,
        storage: 'none',
      }),
    );
    await pressAndWait(el, capture);
    const [post] = await waitForPosts(el.shareId);
    expect(post.fields).to.deep.equal([
      ['shareId', el.shareId],
      ['serviceTicket', 'WO-\uFFFD'],
      ['customer', 'a\uFFFDb'],
      ['location', '\u{10FFFF} ok \uFFFD'],
      ['tags', '\uFFFDx'],
      ['tags', '😀'],
    ]);
    expect(post.rawBody).to.contain('customer=a%EF%BF%BDb&');
  });

  it('a partner-id with a lone surrogate is invalid: reported, nothing posted, no exception', async () => {
    const errors: XoiShareErrorDetail[] = [];
    const failures: unknown[] = [];
    const onError = (e: ErrorEvent) => failures.push(e.error);
    window.addEventListener('error', onError);
    try {
      const { el } = await mountElement({}, (el) => {
        el.addEventListener('xoi-share-error', (e) => errors.push(e.detail));
        Object.assign(el, {
          partnerId: 'acme\uD800',
          serviceTicket: 'WO-1',
          customer: 'C',
          location: 'L',
          baseUrl: location.origin,
          storage: 'none',
        });
      });
      expect(failures).to.deep.equal([]);
      expect(el.state).to.equal('invalid');
      expect(errors.map((e) => [e.code, e.field])).to.deep.equal([['invalid-field', 'partnerId']]);
      expect(el.shareLink).to.equal('');
      expect(() => el.open()).not.to.throw();
      expect(await settledPostsFor(el.shareId)).to.deep.equal([]);
    } finally {
      window.removeEventListener('error', onError);
    }
  });
});
