/**
 * The element mistreated by its host: removed and re-added mid-flow, moved into another
 * document, upgraded after its attributes and properties were set, and left with storage that
 * throws or lies. State (shareId, pending/linked) must survive, and XOi gets one POST per press.
 */
import { expect } from '@open-wc/testing';
import '../../src/define.js';
import { XoiShareButton } from '../../src/share-button/element.js';
import { activityKey } from '../../src/share-button/activity-store.js';
import type { XoiShareErrorDetail } from '../../src/share-button/share.js';
import {
  captureFrame,
  hasPart,
  mountElement,
  part,
  pressAndWait,
  settledPostsFor,
  textOf,
  uid,
  waitForPosts,
} from '../helpers.js';
import { hostPage, workOrder } from '../host-page.js';

async function element(over: Record<string, string> = {}) {
  const capture = captureFrame();
  const errors: XoiShareErrorDetail[] = [];
  const { el, wrapper } = await mountElement({ ...workOrder({ target: capture.name }), ...over }, (el) =>
    el.addEventListener('xoi-share-error', (e) => errors.push(e.detail)),
  );
  return { el, capture, wrapper, errors };
}

async function press(el: XoiShareButton, capture: ReturnType<typeof captureFrame>) {
  await pressAndWait(el, capture);
  await el.updateComplete;
}

describe('hostile hosts: lifecycle', () => {
  afterEach(() => document.querySelectorAll('iframe').forEach((f) => f.remove()));

  it('removed and re-added while pending: same shareId, the question back, Yes links, one POST', async () => {
    const { el, capture, wrapper } = await element();
    await press(el, capture);
    const shareId = el.shareId;
    el.remove();
    const elsewhere = document.createElement('section');
    document.body.append(elsewhere);
    elsewhere.append(el);
    await el.updateComplete;
    expect(el.state).to.equal('pending');
    expect(el.shareId).to.equal(shareId);
    expect(textOf(part(el, 'prompt'))).to.contain('Have you completed the workflow?');
    part(el, 'yes').click();
    await el.updateComplete;
    expect(el.state).to.equal('linked');
    expect(el.value).to.contain(shareId);
    expect(await settledPostsFor(shareId)).to.have.length(1);
    elsewhere.remove();
    wrapper.remove();
  });

  it('moved (re-parented) by the host inside its xoi-share-open listener: still posts once', async () => {
    const { el, capture } = await element();
    const other = document.createElement('div');
    document.body.append(other);
    el.addEventListener('xoi-share-open', () => other.append(el), { once: true });
    await press(el, capture);
    expect(el.parentElement).to.equal(other);
    expect(await settledPostsFor(el.shareId)).to.have.length(1);
    expect(el.state).to.equal('pending');
    other.remove();
  });

  it('moved before it was ever opened: the same shareId (nothing is stored yet, memory keeps it)', async () => {
    const { el, capture, wrapper } = await element();
    const shareId = el.shareId;
    const other = document.createElement('div');
    document.body.append(other);
    other.append(el);
    await el.updateComplete;
    expect(el.shareId).to.equal(shareId);
    await press(el, capture);
    expect(await settledPostsFor(shareId)).to.have.length(1);
    other.remove();
    wrapper.remove();
  });

  it('detached while the work order was linked elsewhere: re-added, it shows the link', async () => {
    const { el, capture, wrapper } = await element({ storage: 'local' });
    await press(el, capture);
    el.remove();
    // Same-document writes fire no storage event: only reading on re-attach can see this.
    const link = `${location.origin}/partners/${encodeURIComponent(el.partnerId)}/share/${el.shareId}`;
    const key = activityKey(el.partnerId, el.serviceTicket);
    localStorage.setItem(
      key,
      JSON.stringify({ shareId: el.shareId, state: 'linked', shareLink: link, updatedAt: Date.now() }),
    );
    wrapper.append(el);
    await el.updateComplete;
    expect(el.state).to.equal('linked');
    expect(part<HTMLAnchorElement>(el, 'link').href).to.equal(link);
    localStorage.removeItem(key);
    wrapper.remove();
  });

  /** Each switches the element to the next work order inside the listener; one also reads the share id then. */
  const switches: Array<[string, (el: XoiShareButton, next: string) => string | undefined]> = [
    [
      'only switched',
      (el, next) => {
        el.serviceTicket = next;
        return undefined;
      },
    ],
    [
      'switched, then shareId read',
      (el, next) => {
        el.serviceTicket = next;
        // Read before the element updated: the next work order's id, the one it will use.
        return el.shareId;
      },
    ],
    [
      'switched, then moved',
      (el, next) => {
        el.serviceTicket = next;
        // Moving reconnects, which resolves it too.
        document.body.append(el);
        return undefined;
      },
    ],
  ];
  for (const [how, listener] of switches) {
    it(`work order ${how} inside the xoi-share-open listener: the posted shareId stays with the posted ticket`, async () => {
      const { el, capture, wrapper } = await element({ storage: 'local' });
      const first = { ticket: el.serviceTicket, shareId: el.shareId };
      const next = `${first.ticket}-next`;
      let readInListener: string | undefined;
      el.addEventListener('xoi-share-open', () => (readInListener = listener(el, next)), { once: true });
      await press(el, capture);
      const [post] = await waitForPosts(first.shareId);
      expect(post.fields).to.deep.include(['serviceTicket', first.ticket]);
      const stored = JSON.parse(localStorage.getItem(activityKey(el.partnerId, first.ticket))!) as unknown;
      expect(stored).to.include({ shareId: first.shareId, state: 'pending' });
      // The element now shows the next work order: a new activity, not the one just posted.
      expect(el.serviceTicket).to.equal(next);
      expect(el.state).to.equal('idle');
      expect(el.shareId).to.not.equal(first.shareId);
      if (how === 'switched, then shareId read') expect(readInListener).to.equal(el.shareId);
      expect(localStorage.getItem(activityKey(el.partnerId, next))).to.equal(null);
      el.remove();
      wrapper.remove();
    });
  }

  it('a tab that reset the work order while this element was detached: re-added, it starts a new activity', async () => {
    const { el, capture, wrapper } = await element({ storage: 'local' });
    await press(el, capture);
    const posted = el.shareId;
    el.remove();
    const key = activityKey(el.partnerId, el.serviceTicket);
    localStorage.removeItem(key);
    // What the other tab's removal looks like here.
    window.dispatchEvent(
      new StorageEvent('storage', { key, oldValue: '{}', newValue: null, storageArea: localStorage }),
    );
    wrapper.append(el);
    await el.updateComplete;
    expect(el.state).to.equal('idle');
    expect(el.shareId).to.not.equal(posted);
    expect(hasPart(el, 'prompt')).to.equal(false);
    wrapper.remove();
  });

  it('a stored activity whose shareId the element would refuse is ignored, not shown as invalid', async () => {
    const { el, wrapper, errors } = await element({ storage: 'local' });
    const shareId = el.shareId;
    const key = activityKey(el.partnerId, el.serviceTicket);
    const forged = JSON.stringify({ shareId: 'short', state: 'pending', shareLink: '', updatedAt: Date.now() });
    window.dispatchEvent(
      new StorageEvent('storage', { key, oldValue: null, newValue: forged, storageArea: localStorage }),
    );
    await el.updateComplete;
    expect(el.state).to.equal('idle');
    expect(el.shareId).to.equal(shareId);
    expect(part<HTMLButtonElement>(el, 'button').disabled).to.equal(false);
    expect(errors).to.deep.equal([]);
    wrapper.remove();
  });

  it('open() on an element that was never in a document does nothing: no event, no POST, no throw', async () => {
    const el = document.createElement('xoi-share-button');
    const capture = captureFrame();
    for (const [k, v] of Object.entries(workOrder({ target: capture.name }))) el.setAttribute(k, v);
    const opened: Event[] = [];
    el.addEventListener('xoi-share-open', (e) => opened.push(e));
    expect(() => el.open()).not.to.throw();
    expect(opened).to.have.length(0);
    expect(el.state).to.equal('idle');
    expect(await settledPostsFor(el.shareId)).to.have.length(0);
  });

  it('moved into another document (an iframe): state intact, it posts from there and links', async () => {
    const { el, capture } = await element({ storage: 'session' });
    await press(el, capture);
    const shareId = el.shareId;
    const page = await hostPage(workOrder());
    page.doc.body.append(el); // adopts it into the iframe's document
    await el.updateComplete;
    expect(el.ownerDocument).to.equal(page.doc);
    expect(el).to.be.instanceOf(XoiShareButton);
    expect(el.state).to.equal('pending');
    expect(el.shareId).to.equal(shareId);
    // No, then "Continue in XOi" from the new document: same activity, a second POST.
    part(el, 'no').click();
    await el.updateComplete;
    expect(textOf(part(el, 'button'))).to.equal('Continue in XOi');
    await press(el, capture);
    await waitForPosts(shareId, 2);
    const posts = await settledPostsFor(shareId);
    expect(posts.map((p) => p.shareId)).to.deep.equal([shareId, shareId]);
    part(el, 'yes').click();
    await el.updateComplete;
    expect(el.state).to.equal('linked');
    expect(part<HTMLAnchorElement>(el, 'link').href).to.equal(el.value);
  });

  it('upgraded after its attributes and properties were set: properties win, state intact', async () => {
    const hostId = `late_${uid('id').replace(/[^A-Za-z0-9_-]/g, '_')}`.slice(0, 40).padEnd(16, '_');
    const attrs = workOrder();
    const page = await hostPage(attrs, { late: true });
    const el = page.el;
    expect(page.win.customElements.get('xoi-share-button')).to.equal(undefined);
    // A host framework that sets properties before the element's script has loaded.
    Object.assign(el, { shareId: hostId, tags: ['set before upgrade', 'b, c'], customer: 'Property Customer' });
    await page.win.defineNow();
    await page.win.customElements.whenDefined('xoi-share-button');
    await el.updateComplete;
    expect(el.state).to.equal('idle');
    expect(el.shareId).to.equal(hostId);
    expect(el.serviceTicket).to.equal(attrs['service-ticket']);
    const target = captureFrame(page.doc);
    el.target = target.name;
    await el.updateComplete;
    await pressAndWait(el, target);
    const [post] = await waitForPosts(hostId);
    expect(post.fields).to.deep.equal([
      ['shareId', hostId],
      ['serviceTicket', attrs['service-ticket']],
      ['customer', 'Property Customer'],
      ['location', attrs.location],
      ['tags', 'set before upgrade'],
      ['tags', 'b, c'],
    ]);
  });
});

describe('hostile hosts: storage faults', () => {
  afterEach(() => document.querySelectorAll('iframe').forEach((f) => f.remove()));

  it('localStorage itself throws (blocked cookies, sandbox): one storage-unavailable, it posts and links from memory', async () => {
    // A page whose localStorage throws from the start (hardening-host.ts, ?storage-throws=1).
    const capture = captureFrame();
    const page = await hostPage(workOrder({ storage: 'local', target: capture.name }), {
      late: true,
      storageThrows: true,
    });
    expect(() => page.win.localStorage).to.throw();
    const errors: XoiShareErrorDetail[] = [];
    page.el.addEventListener('xoi-share-error', (e) => errors.push(e.detail));
    await page.win.defineNow();
    const el = page.el;
    await el.updateComplete;
    await press(el, capture);
    part(el, 'yes').click();
    await el.updateComplete;
    expect(el.state).to.equal('linked');
    expect(await settledPostsFor(el.shareId)).to.have.length(1);
    expect(errors.map((e) => [e.code, e.field])).to.deep.equal([['storage-unavailable', 'storage']]);
    page.frame.remove();
  });

  it('a full storage (QuotaExceededError on write only): one storage-unavailable, state kept in memory', async () => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function () {
      throw new DOMException('quota', 'QuotaExceededError');
    };
    try {
      const { el, capture, errors } = await element({ storage: 'session' });
      const key = activityKey(el.partnerId, el.serviceTicket);
      await press(el, capture);
      expect(el.state).to.equal('pending');
      expect(sessionStorage.getItem(key)).to.equal(null);
      const shareId = el.shareId;
      // Re-rendering reads storage again: it has nothing, memory still knows the activity.
      el.customer = 'Changed';
      await el.updateComplete;
      expect(el.shareId).to.equal(shareId);
      expect(el.state).to.equal('pending');
      expect(errors.filter((e) => e.code === 'storage-unavailable')).to.have.length(1);
    } finally {
      Storage.prototype.setItem = setItem;
    }
  });

  it('garbage under its key (another script, an old version): reported once, a fresh activity, posts', async () => {
    const partner = uid('partner');
    const key = activityKey(partner, 'WO-1252 é');
    localStorage.setItem(key, '{"shareId": 42, "state": "<img src=x onerror=top.__xoiXss=1>"');
    try {
      const { el, capture, errors } = await element({ 'partner-id': partner, storage: 'local' });
      expect(el.state).to.equal('idle');
      expect(el.shareId).to.match(/^[A-Za-z0-9_-]{21}$/);
      await press(el, capture);
      expect(await settledPostsFor(el.shareId)).to.have.length(1);
      expect(errors.map((e) => e.code)).to.deep.equal(['storage-unavailable']);
      expect(hasPart(el, 'prompt')).to.equal(true);
      expect((top as unknown as Record<string, unknown>).__xoiXss).to.equal(undefined);
    } finally {
      localStorage.removeItem(key);
    }
  });
});
