import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../src/define.js';
import type { XoiShareDetail } from '../src/share-button/element.js';
import { activityKey, MAX_AGE_MS, MAX_ENTRIES, type Activity } from '../src/share-button/activity-store.js';
import type { XoiShareErrorDetail } from '../src/share-button/share.js';
import {
  captureFrame,
  hasPart,
  mountElement,
  part,
  pressAndWait,
  settledPostsFor,
  textOf,
  uid,
  waitUntil,
} from './helpers.js';
import { hostPage } from './host-page.js';

const ticketAttrs = (over: Record<string, string> = {}) => ({
  'partner-id': uid('partner'),
  'service-ticket': 'WO-2002',
  customer: 'Müller Kälte GmbH',
  location: 'Hauptstraße 5, Köln',
  'base-url': location.origin,
  ...over,
});

describe('activity lifecycle', () => {
  afterEach(() => {
    document.querySelectorAll('iframe').forEach((f) => f.remove());
  });

  it('a same-tab round trip to XOi (target=_self) comes back pending with the same shareId, then survives a reload linked', async () => {
    const page = await hostPage(ticketAttrs({ target: '_self' }));
    const shareId = page.el.shareId;
    let loaded = page.nextLoad();
    part(page.el, 'button').click();
    await loaded;
    // We are on the mock XOi's page now, in the same frame.
    expect(page.frame.contentDocument!.body.textContent).to.contain('WO-2002');
    // Coming back from XOi: the FSM page loads again. (Not history.back(): in an iframe that
    // walks the test runner's joint session history and navigates the runner page itself.)
    loaded = page.nextLoad();
    page.frame.contentWindow!.location.assign(page.frame.src);
    await loaded;
    let el = await page.ready();
    expect(el.shareId).to.equal(shareId);
    expect(el.state).to.equal('pending');
    expect(textOf(part(el, 'prompt'))).to.contain('Have you completed the workflow?');
    part(el, 'yes').click();
    await el.updateComplete;
    const link = el.value;
    expect(link).to.equal(`${location.origin}/partners/${encodeURIComponent(el.partnerId)}/share/${shareId}`);

    loaded = page.nextLoad();
    page.frame.contentWindow!.location.reload();
    await loaded;
    el = await page.ready();
    expect(el.state).to.equal('linked');
    expect(el.shareId).to.equal(shareId);
    expect(el.value).to.equal(link);
    expect(part<HTMLAnchorElement>(el, 'link').href).to.equal(link);
    expect(await settledPostsFor(shareId)).to.have.length(1);
  });

  it('a reload while pending shows the question again, same shareId, no new POST', async () => {
    const capture = captureFrame();
    const page = await hostPage(ticketAttrs({ target: capture.name }));
    const shareId = page.el.shareId;
    await pressAndWait(page.el, capture);
    const loaded = page.nextLoad();
    page.frame.contentWindow!.location.reload();
    await loaded;
    const el = await page.ready();
    expect(el.shareId).to.equal(shareId);
    expect(el.getAttribute('state')).to.equal('pending');
    expect(hasPart(el, 'prompt')).to.equal(true);
    expect(await settledPostsFor(shareId)).to.have.length(1);
  });

  it('two pages on the same work order share one activity; Yes in one links the other, one event each', async () => {
    const capture = captureFrame();
    const attrs = ticketAttrs({ target: capture.name });
    const a = await hostPage(attrs);
    const b = await hostPage(attrs);
    await pressAndWait(a.el, capture);
    const shareId = a.el.shareId;
    // Tab B learns of the opening from the storage event.
    await waitUntil(() => b.el.shareId === shareId && b.el.state === 'pending');
    const linksA: CustomEvent<XoiShareDetail>[] = [];
    const linksB: CustomEvent<XoiShareDetail>[] = [];
    a.el.addEventListener('xoi-share-link', (e) => linksA.push(e));
    b.el.addEventListener('xoi-share-link', (e) => linksB.push(e));
    part(a.el, 'yes').click();
    await waitUntil(() => b.el.state === 'linked');
    await b.el.updateComplete;
    expect(b.el.value).to.equal(a.el.value);
    expect(part<HTMLAnchorElement>(b.el, 'link').href).to.equal(a.el.value);
    expect(linksA).to.have.length(1);
    expect(linksB).to.have.length(1);
    expect(linksB[0].detail.shareId).to.equal(shareId);
    expect(await settledPostsFor(shareId)).to.have.length(1);
  });

  it('two elements for one work order on one page stay in step', async () => {
    const capture = captureFrame();
    const attrs = ticketAttrs({ target: capture.name });
    const { el: first } = await mountElement(attrs);
    const { el: second } = await mountElement(attrs);
    await pressAndWait(first, capture);
    await second.updateComplete;
    expect(second.shareId).to.equal(first.shareId);
    expect(second.state).to.equal('pending');
    part(second, 'yes').click();
    await first.updateComplete;
    expect(first.value).to.not.equal('');
    expect(first.value).to.equal(second.value);
  });

  it('a page restored from the back/forward cache catches up with what another tab answered', async () => {
    const capture = captureFrame();
    const attrs = ticketAttrs({ target: capture.name });
    const { el } = await mountElement(attrs);
    await pressAndWait(el, capture);
    // Another tab answered Yes while this page sat frozen in the bfcache: the storage event was
    // missed (a document never hears its own writes, which is how this is staged).
    const key = activityKey(attrs['partner-id'], attrs['service-ticket']);
    const link = `${location.origin}/partners/${encodeURIComponent(attrs['partner-id'])}/share/${el.shareId}`;
    localStorage.setItem(
      key,
      JSON.stringify({ shareId: el.shareId, state: 'linked', shareLink: link, updatedAt: Date.now() }),
    );
    expect(el.state).to.equal('pending');
    const linked = oneEvent<CustomEvent<XoiShareDetail>>(el, 'xoi-share-link');
    // Headless browsers do not reliably bfcache a frame, so only the restore event is synthetic.
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    expect((await linked).detail.shareLink).to.equal(link);
    await el.updateComplete;
    expect(el.state).to.equal('linked');
    expect(part<HTMLAnchorElement>(el, 'link').href).to.equal(link);
  });

  it('a host share-id always wins over a remembered one', async () => {
    const capture = captureFrame();
    const attrs = ticketAttrs({ target: capture.name });
    const page = await hostPage(attrs);
    await pressAndWait(page.el, capture);
    const hostId = 'HOST_chosen_id_0001';
    const other = await hostPage({ ...attrs, 'share-id': hostId });
    expect(other.el.shareId).to.equal(hostId);
    expect(other.el.state).to.equal('idle');
  });

  it('switches activity when service-ticket or partner-id change on a live element', async () => {
    const capture = captureFrame();
    const { el } = await mountElement(ticketAttrs({ target: capture.name }));
    await pressAndWait(el, capture);
    el.confirm(true);
    const firstId = el.shareId;
    const firstLink = el.value;
    el.serviceTicket = 'WO-9999';
    await el.updateComplete;
    expect(el.state).to.equal('idle');
    expect(el.shareId).to.not.equal(firstId);
    expect(el.value).to.equal('');
    el.serviceTicket = 'WO-2002';
    await el.updateComplete;
    expect(el.state).to.equal('linked');
    expect(el.shareId).to.equal(firstId);
    expect(el.value).to.equal(firstLink);
    el.partnerId = uid('other-partner');
    await el.updateComplete;
    expect(el.state).to.equal('idle');
  });

  it('reset() starts a new activity: new shareId, idle, the old one gone from storage', async () => {
    const capture = captureFrame();
    const attrs = ticketAttrs({ target: capture.name });
    const page = await hostPage(attrs);
    const el = page.el;
    await pressAndWait(el, capture);
    el.confirm(true);
    const oldId = el.shareId;
    const key = activityKey(attrs['partner-id'], attrs['service-ticket']);
    expect((JSON.parse(localStorage.getItem(key)!) as Activity).shareId).to.equal(oldId);
    el.reset();
    await el.updateComplete;
    expect(el.state).to.equal('idle');
    expect(el.shareId).to.not.equal(oldId);
    expect(el.shareId).to.match(/^[A-Za-z0-9_-]{21}$/);
    expect(el.value).to.equal('');
    expect(hasPart(el, 'link')).to.equal(false);
    expect(localStorage.getItem(key)).to.equal(null);
  });

  it('storage="session" remembers within the tab; storage="none" forgets on reload', async () => {
    const capture = captureFrame();
    for (const [storage, survives] of [
      ['session', true],
      ['none', false],
    ] as const) {
      const page = await hostPage(ticketAttrs({ target: capture.name, storage }));
      await pressAndWait(page.el, capture);
      const shareId = page.el.shareId;
      const loaded = page.nextLoad();
      page.frame.contentWindow!.location.reload();
      await loaded;
      const el = await page.ready();
      expect(el.shareId === shareId, storage).to.equal(survives);
      expect(el.state, storage).to.equal(survives ? 'pending' : 'idle');
    }
  });

  it('prunes entries older than 90 days, unreadable ones, and keeps at most MAX_ENTRIES', async () => {
    const prefix = uid('prune');
    const now = Date.now();
    const entry = (age: number) =>
      JSON.stringify({ shareId: 'x'.repeat(21), state: 'pending', shareLink: '', updatedAt: now - age });
    localStorage.setItem(activityKey(prefix, 'old'), entry(MAX_AGE_MS + 60_000));
    localStorage.setItem(activityKey(prefix, 'fresh'), entry(60_000));
    localStorage.setItem(activityKey(prefix, 'garbage'), '{not json');
    for (let i = 0; i < MAX_ENTRIES + 5; i++)
      localStorage.setItem(activityKey(prefix, `bulk-${i}`), entry(120_000 + i));
    await hostPage(ticketAttrs());
    expect(localStorage.getItem(activityKey(prefix, 'old'))).to.equal(null);
    expect(localStorage.getItem(activityKey(prefix, 'garbage'))).to.equal(null);
    expect(localStorage.getItem(activityKey(prefix, 'fresh'))).to.not.equal(null);
    const left = Object.keys(localStorage).filter((k) => k.startsWith('xoi-share-button:'));
    expect(left.length).to.be.at.most(MAX_ENTRIES);
    // The oldest bulk entries went first.
    expect(localStorage.getItem(activityKey(prefix, `bulk-${MAX_ENTRIES + 4}`))).to.equal(null);
    expect(localStorage.getItem(activityKey(prefix, 'bulk-0'))).to.not.equal(null);
    localStorage.clear();
  });
});

describe('storage faults', () => {
  const original = { setItem: Storage.prototype.setItem, getItem: Storage.prototype.getItem };
  afterEach(() => {
    Storage.prototype.setItem = original.setItem;
    Storage.prototype.getItem = original.getItem;
  });

  it('setItem throwing and getItem returning garbage: the flow completes, one storage-unavailable error', async () => {
    // Stubbed because quota and private-mode failures cannot be provoked on demand in a test browser.
    Storage.prototype.setItem = () => {
      throw new DOMException('quota', 'QuotaExceededError');
    };
    Storage.prototype.getItem = () => '{"shareId": garbage';
    const errors: CustomEvent<XoiShareErrorDetail>[] = [];
    const onError = (e: Event) => errors.push(e as CustomEvent<XoiShareErrorDetail>);
    document.addEventListener('xoi-share-error', onError);
    const capture = captureFrame();
    const { el } = await mountElement(ticketAttrs({ target: capture.name }));
    await pressAndWait(el, capture);
    await el.updateComplete;
    const link = oneEvent(el, 'xoi-share-link');
    part(el, 'yes').click();
    await link;
    await el.updateComplete;
    document.removeEventListener('xoi-share-error', onError);
    expect(el.state).to.equal('linked');
    expect(await settledPostsFor(el.shareId)).to.have.length(1);
    expect(errors).to.have.length(1);
    expect(errors[0].detail.code).to.equal('storage-unavailable');
    expect(errors[0].detail.message).to.contain('memory');
  });

  it('storage that refuses every call (SecurityError, as in a sandboxed frame) still works', async () => {
    // Stubbed on Storage.prototype: redefining window.localStorage itself is not seen by
    // WebKit's compiled code once the store has run, so it cannot stand in for the real fault.
    const refuse = () => {
      throw new DOMException('denied', 'SecurityError');
    };
    const saved = { removeItem: Storage.prototype.removeItem, key: Storage.prototype.key };
    Storage.prototype.getItem = refuse;
    Storage.prototype.setItem = refuse;
    Storage.prototype.removeItem = refuse;
    Storage.prototype.key = refuse;
    try {
      const capture = captureFrame();
      const errors: CustomEvent<XoiShareErrorDetail>[] = [];
      const { el } = await mountElement(ticketAttrs({ target: capture.name }), (el) =>
        el.addEventListener('xoi-share-error', (e) => errors.push(e)),
      );
      await pressAndWait(el, capture);
      el.confirm(true);
      await el.updateComplete;
      expect(el.state).to.equal('linked');
      const linkedId = el.shareId;
      expect(await settledPostsFor(linkedId)).to.have.length(1);
      el.reset();
      await el.updateComplete;
      expect(el.state).to.equal('idle');
      expect(el.shareId).to.not.equal(linkedId);
      expect(errors.map((e) => e.detail.code)).to.deep.equal(['storage-unavailable']);
    } finally {
      Object.assign(Storage.prototype, saved);
    }
  });
});

describe('host form integration', () => {
  it('required: the form is invalid until linked, then submits the link under name', async () => {
    const capture = captureFrame();
    const attrs = ticketAttrs({ target: capture.name });
    const form = await fixture<HTMLFormElement>(html`<form>
      <input name="notes" value="n" />
      <xoi-share-button
        name="xoiLink"
        required
        partner-id=${attrs['partner-id']}
        service-ticket=${attrs['service-ticket']}
        customer=${attrs.customer}
        location=${attrs.location}
        base-url=${attrs['base-url']}
        target=${capture.name}
      ></xoi-share-button>
    </form>`);
    const el = form.querySelector('xoi-share-button')!;
    await el.updateComplete;
    expect(form.checkValidity()).to.equal(false);
    expect(el.validity.valueMissing).to.equal(true);
    expect(el.validationMessage).to.equal('Document the work in XOi and answer Yes to add the share link.');
    expect(new FormData(form).get('xoiLink')).to.equal('');
    await pressAndWait(el, capture);
    expect(form.checkValidity()).to.equal(false);
    el.confirm(true);
    await el.updateComplete;
    expect(form.checkValidity()).to.equal(true);
    expect(el.value).to.match(/^http:\/\/localhost/);
    expect(new FormData(form).get('xoiLink')).to.equal(el.value);
    // A form reset must not unlink.
    form.reset();
    await el.updateComplete;
    expect(el.value).to.not.equal('');
    expect(new FormData(form).get('xoiLink')).to.equal(el.value);
    expect(el.state).to.equal('linked');
  });

  it('name set as a property (as React and Vue do) is the field the form submits', async () => {
    const capture = captureFrame();
    const form = await fixture<HTMLFormElement>(html`<form></form>`);
    const { el } = await mountElement(ticketAttrs({ target: capture.name }));
    form.append(el);
    el.name = 'xoiLink';
    await el.updateComplete;
    await pressAndWait(el, capture);
    el.confirm(true);
    expect(el.value).to.match(/^http:\/\/localhost/);
    expect(new FormData(form).get('xoiLink')).to.equal(el.value);
  });

  it('a disabled fieldset disables the element and leaves it out of the form data', async () => {
    const form = await fixture<HTMLFormElement>(html`<form>
      <fieldset disabled>
        <xoi-share-button name="xoiLink" partner-id="p" service-ticket="t" customer="c" location="l" storage="none"></xoi-share-button>
      </fieldset>
    </form>`);
    const el = form.querySelector('xoi-share-button')!;
    await el.updateComplete;
    expect(part<HTMLButtonElement>(el, 'button').disabled).to.equal(true);
    expect(new FormData(form).has('xoiLink')).to.equal(false);
    form.querySelector('fieldset')!.disabled = false;
    await el.updateComplete;
    expect(part<HTMLButtonElement>(el, 'button').disabled).to.equal(false);
    expect(new FormData(form).has('xoiLink')).to.equal(true);
  });
});
