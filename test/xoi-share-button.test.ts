import { expect, fixture, html, oneEvent, nextFrame, elementUpdated } from '@open-wc/testing';
import '../src/define.js';
import { XoiShareButton, type XoiShareDetail } from '../src/share-button/element.js';
import type { XoiShareErrorDetail } from '../src/share-button/share.js';
import {
  captureFrame,
  errorsReported,
  hasPart,
  mountElement,
  part,
  pressAndWait,
  settledPostsFor,
  textOf,
  uid,
  waitForPosts,
  watchSubmissions,
} from './helpers.js';

/** A valid element posting to the mock XOi on the test server, into a named iframe. */
async function shareButton(attrs: Record<string, string | boolean> = {}, setUp?: (el: XoiShareButton) => void) {
  const frame = captureFrame();
  const all: Record<string, string | boolean> = {
    'partner-id': uid('partner'),
    'service-ticket': 'WO-1001',
    customer: 'Zoë Ångström',
    location: '12 Rue de la Paix',
    'base-url': location.origin,
    target: frame.name,
    storage: 'none',
    ...attrs,
  };
  // true: a boolean attribute present; false: absent.
  const strings: Record<string, string> = {};
  for (const [name, value] of Object.entries(all)) if (value !== false) strings[name] = value === true ? '' : value;
  const { el } = await mountElement(strings, setUp);
  return { el, frame };
}

/** Presses the button and waits for XOi's page to load in the frame. */
async function openAndWait(el: XoiShareButton, frame: ReturnType<typeof captureFrame>) {
  await pressAndWait(el, frame);
  await el.updateComplete;
}

function record<T>(el: EventTarget, type: string): CustomEvent<T>[] {
  const events: CustomEvent<T>[] = [];
  el.addEventListener(type, (e) => events.push(e as CustomEvent<T>));
  return events;
}

describe('<xoi-share-button>', () => {
  it('creates from document.createElement', () => {
    const el = document.createElement('xoi-share-button');
    expect(el).to.be.instanceOf(XoiShareButton);
    expect(el.localName).to.equal('xoi-share-button');
  });

  it('creates from new XoiShareButton()', () => {
    const el = new XoiShareButton();
    expect(el.localName).to.equal('xoi-share-button');
    expect(el.target).to.equal('_blank');
    expect(el.baseUrl).to.equal('https://vision.xoeye.io');
    expect(el.storage).to.equal('local');
    expect(el.tags).to.deep.equal([]);
  });

  it('define(): the registered name when already registered; a second copy of the same version is silent, another version warns', () => {
    const warned: unknown[][] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warned.push(args);
    try {
      expect(XoiShareButton.define()).to.equal('xoi-share-button');
      expect(XoiShareButton.define('acme-other-name')).to.equal('xoi-share-button');
      expect(customElements.get('acme-other-name')).to.equal(undefined);
      // Another copy of the same version (a second bundle on the page): the tag is taken, quietly.
      class SameVersion extends XoiShareButton {}
      expect(SameVersion.define()).to.equal('xoi-share-button');
      expect(warned).to.deep.equal([]);
      // Another version: left alone, said once.
      class OtherVersion extends XoiShareButton {
        static override readonly version = '9.9.9';
      }
      expect(OtherVersion.define()).to.equal('xoi-share-button');
      expect(customElements.get('xoi-share-button')).to.equal(XoiShareButton);
      expect(warned).to.have.length(1);
      expect(String(warned[0][0])).to.contain('9.9.9').and.contain('0.1.0');
    } finally {
      console.warn = warn;
    }
  });

  it('shows the button, idle, with a generated 21-character shareId', async () => {
    const { el } = await shareButton();
    expect(el.getAttribute('state')).to.equal('idle');
    expect(el.state).to.equal('idle');
    expect(textOf(part(el, 'button'))).to.equal('Document in XOi');
    expect(el.shareId).to.match(/^[A-Za-z0-9_-]{21}$/);
    expect(el.value).to.equal('');
    expect(el.shareLink).to.equal(
      `${location.origin}/partners/${encodeURIComponent(el.partnerId)}/share/${el.shareId}`,
    );
    expect(hasPart(el, 'prompt')).to.equal(false);
  });

  it('reading shareId before the first render, or with no work order yet, gives one id, the one it then posts', async () => {
    const unconfigured = document.createElement('xoi-share-button');
    expect(unconfigured.shareId).to.equal(unconfigured.shareId);
    const el = document.createElement('xoi-share-button');
    el.partnerId = uid('partner');
    el.serviceTicket = 'WO-peek';
    el.storage = 'none';
    const early = el.shareId;
    expect(el.shareId).to.equal(early);
    const frame = captureFrame();
    Object.assign(el, { customer: 'C', location: 'L', baseUrl: location.origin, target: frame.name });
    (await fixture(html`<div></div>`)).append(el);
    await el.updateComplete;
    expect(el.shareId).to.equal(early);
    await pressAndWait(el, frame);
    expect((await waitForPosts(early))[0].fields).to.deep.include(['shareId', early]);
  });

  it('a copy that ends after the link went away (a reset meanwhile) throws nothing and says nothing of the old link', async () => {
    const { el, frame } = await shareButton();
    await pressAndWait(el, frame);
    el.confirm(true);
    await el.updateComplete;
    let refuse!: () => void;
    // Stubbed: a permission prompt that is refused later cannot be driven from a test.
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: () => new Promise<void>((_, reject) => (refuse = () => reject(new Error('denied')))) },
    });
    const failures: unknown[] = [];
    const onRejection = (e: PromiseRejectionEvent) => failures.push(e.reason);
    addEventListener('unhandledrejection', onRejection);
    try {
      part(el, 'copy').click();
      el.reset();
      await el.updateComplete;
      refuse();
      await new Promise((r) => setTimeout(r, 50));
      await el.updateComplete;
      expect(failures).to.deep.equal([]);
      expect(el.state).to.equal('idle');
      expect(textOf(el.shadowRoot!.querySelector('[role=status]')!)).to.equal('');
    } finally {
      removeEventListener('unhandledrejection', onRejection);
      // The own property goes; the engine's own clipboard is back.
      delete (navigator as { clipboard?: unknown }).clipboard;
    }
  });

  it('takes the button label from the default slot', async () => {
    const el = await fixture<XoiShareButton>(html`<xoi-share-button>Send to Vision</xoi-share-button>`);
    const slot = part(el, 'button').querySelector('slot')!;
    expect(slot.assignedNodes().map((n) => n.textContent)).to.deep.equal(['Send to Vision']);
  });

  describe('the POST XOi receives', () => {
    it('is a urlencoded UTF-8 form with the fields in order, values exact', async () => {
      const tags = ['Kälte', 'a&b=c+d%e', '東京'];
      const { el, frame } = await shareButton({
        'partner-id': `${uid('acme')}/ä b`.replace(' ', '+'),
        'service-ticket': 'WO-7 & co=1+2%',
        customer: 'Zoë Ångström 😀',
        location: 'Łódź, ul. Piotrkowska 1 — "front" <door>',
        tags: JSON.stringify(tags),
      });
      await openAndWait(el, frame);
      const [post, ...more] = await settledPostsFor(el.shareId);
      expect(more).to.have.length(0);
      expect(post.contentType).to.match(/^application\/x-www-form-urlencoded/);
      expect(post.partnerId).to.equal(el.partnerId);
      expect(post.path).to.equal(`/partners/${encodeURIComponent(el.partnerId)}/share`);
      expect(post.fields).to.deep.equal([
        ['shareId', el.shareId],
        ['serviceTicket', 'WO-7 & co=1+2%'],
        ['customer', 'Zoë Ångström 😀'],
        ['location', 'Łódź, ul. Piotrkowska 1 — "front" <door>'],
        ['tags', 'Kälte'],
        ['tags', 'a&b=c+d%e'],
        ['tags', '東京'],
      ]);
      // The bytes are UTF-8 percent-encoded, not entities or Latin-1.
      expect(post.rawBody).to.contain('customer=Zo%C3%AB+%C3%85ngstr%C3%B6m+%F0%9F%98%80');
      expect(post.rawBody).to.contain('serviceTicket=WO-7+%26+co%3D1%2B2%25');
    });

    it('reads a comma-separated tags attribute, dropping blanks and repeats', async () => {
      const { el, frame } = await shareButton({ tags: 'roof, RTU-3,, roof , north wing' });
      await openAndWait(el, frame);
      const [post] = await waitForPosts(el.shareId);
      expect(post.fields.filter(([n]) => n === 'tags')).to.deep.equal([
        ['tags', 'roof'],
        ['tags', 'RTU-3'],
        ['tags', 'north wing'],
      ]);
    });

    it('posts no tags field when there are none', async () => {
      const { el, frame } = await shareButton();
      await openAndWait(el, frame);
      const [post] = await waitForPosts(el.shareId);
      expect(post.fields.map(([n]) => n)).to.deep.equal(['shareId', 'serviceTicket', 'customer', 'location']);
    });

    it('uses the host share-id when given', async () => {
      const shareId = `host_${uid('id')}`.replace(/[^A-Za-z0-9_-]/g, '_');
      const { el, frame } = await shareButton({ 'share-id': shareId });
      expect(el.shareId).to.equal(shareId);
      await openAndWait(el, frame);
      const [post] = await waitForPosts(shareId);
      expect(post.fields[0]).to.deep.equal(['shareId', shareId]);
    });

    it('posts once for a double click', async () => {
      const { el, frame } = await shareButton();
      const opens = record(el, 'xoi-share-open');
      const loaded = frame.nextLoad();
      const button = part(el, 'button');
      button.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, detail: 1 }));
      button.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, detail: 2 }));
      await loaded;
      expect(opens).to.have.length(1);
      expect(await settledPostsFor(el.shareId)).to.have.length(1);
    });
  });

  describe('events', () => {
    const expectDetail = (detail: XoiShareDetail, el: XoiShareButton) => {
      expect(detail).to.deep.equal({
        partnerId: el.partnerId,
        shareId: el.shareId,
        serviceTicket: 'WO-1001',
        customer: 'Zoë Ångström',
        location: '12 Rue de la Paix',
        tags: ['a', 'b'],
        shareLink: `${location.origin}/partners/${encodeURIComponent(el.partnerId)}/share/${el.shareId}`,
      });
    };

    it('xoi-share-open fires before the POST, bubbling, composed and cancelable, with the detail', async () => {
      const { el, frame } = await shareButton({ tags: 'a,b' });
      const submissions = watchSubmissions(el);
      const event = oneEvent<CustomEvent<XoiShareDetail>>(document, 'xoi-share-open');
      let builtAtOpen = -1;
      el.addEventListener('xoi-share-open', () => {
        // A synchronous listener: the browser has not built the POST's body yet.
        builtAtOpen = submissions.fields.length;
      });
      const loaded = frame.nextLoad();
      part(el, 'button').click();
      const e = await event;
      await loaded;
      submissions.stop();
      expect(builtAtOpen).to.equal(0);
      // …and then it did, once: this element's POST.
      expect(submissions.fields.map((fields) => fields[0])).to.deep.equal([['shareId', el.shareId]]);
      expect(await settledPostsFor(el.shareId)).to.have.length(1);
      expect(e.bubbles && e.composed && e.cancelable).to.equal(true);
      expectDetail(e.detail, el);
    });

    it('a cancelled xoi-share-open posts nothing and changes nothing', async () => {
      const { el, frame } = await shareButton();
      el.addEventListener('xoi-share-open', (e) => e.preventDefault());
      part(el, 'button').click();
      expect(await settledPostsFor(el.shareId)).to.have.length(0);
      expect(frame.frame.contentWindow!.location.href).to.equal('about:blank');
      expect(el.state).to.equal('idle');
      expect(hasPart(el, 'prompt')).to.equal(false);
    });

    it('Yes: xoi-share-link with the detail; the link and copy button appear; value set; linked', async () => {
      const { el, frame } = await shareButton({ tags: '["a","b"]' });
      await openAndWait(el, frame);
      expect(el.state).to.equal('pending');
      expect(textOf(part(el, 'prompt'))).to.contain('Have you completed the workflow?');
      const event = oneEvent<CustomEvent<XoiShareDetail>>(el, 'xoi-share-link');
      part(el, 'yes').click();
      const e = await event;
      expect(e.bubbles && e.composed).to.equal(true);
      expectDetail(e.detail, el);
      await el.updateComplete;
      expect(el.getAttribute('state')).to.equal('linked');
      expect(el.value).to.equal(e.detail.shareLink);
      const link = part<HTMLAnchorElement>(el, 'link');
      expect(link.href).to.equal(e.detail.shareLink);
      expect(textOf(link)).to.contain('WO-1001');
      expect(textOf(part(el, 'copy'))).to.equal('Copy link');
      expect(hasPart(el, 'prompt')).to.equal(false);
    });

    it('No: xoi-share-incomplete; the button reads "Continue in XOi" and re-posts the same shareId', async () => {
      const { el, frame } = await shareButton({ tags: 'a,b' });
      await openAndWait(el, frame);
      const event = oneEvent<CustomEvent<XoiShareDetail>>(el, 'xoi-share-incomplete');
      part(el, 'no').click();
      const e = await event;
      expect(e.bubbles && e.composed).to.equal(true);
      expectDetail(e.detail, el);
      await el.updateComplete;
      expect(textOf(part(el, 'button'))).to.equal('Continue in XOi');
      expect(hasPart(el, 'prompt')).to.equal(false);
      expect(el.value).to.equal('');
      const firstId = el.shareId;
      await openAndWait(el, frame);
      await waitForPosts(firstId, 2);
      const posts = await settledPostsFor(firstId);
      expect(posts.map((p) => p.fields[0][1])).to.deep.equal([firstId, firstId]);
      expect(textOf(part(el, 'prompt'))).to.contain('Have you completed the workflow?');
    });

    it('once linked, confirm() changes nothing and reopening keeps the link', async () => {
      const { el, frame } = await shareButton();
      await openAndWait(el, frame);
      el.confirm(true);
      await el.updateComplete;
      const link = el.value;
      const later = [...record(el, 'xoi-share-link'), ...record(el, 'xoi-share-incomplete')];
      el.confirm(false);
      el.confirm(true);
      await el.updateComplete;
      expect(later).to.have.length(0);
      expect(el.value).to.equal(link);
      expect(textOf(part(el, 'button'))).to.equal('Open in XOi');
      await openAndWait(el, frame);
      await waitForPosts(el.shareId, 2);
      expect(await settledPostsFor(el.shareId)).to.have.length(2);
      expect(el.state).to.equal('linked');
      expect(el.value).to.equal(link);
    });

    it('confirm() before anything was opened does nothing', async () => {
      const { el } = await shareButton();
      const events = record(el, 'xoi-share-link');
      el.confirm(true);
      await el.updateComplete;
      expect(events).to.have.length(0);
      expect(el.state).to.equal('idle');
    });

    it('no-confirm populates the link right after the POST', async () => {
      const { el, frame } = await shareButton({ 'no-confirm': true });
      const order: string[] = [];
      el.addEventListener('xoi-share-open', () => order.push('open'));
      el.addEventListener('xoi-share-link', () => order.push('link'));
      await openAndWait(el, frame);
      expect(order).to.deep.equal(['open', 'link']);
      expect(el.state).to.equal('linked');
      expect(hasPart(el, 'prompt')).to.equal(false);
      expect(await settledPostsFor(el.shareId)).to.have.length(1);
    });

    it('a custom share-link-template builds the link', async () => {
      const { el, frame } = await shareButton({
        'share-link-template': 'https://share.xoi.test/{partnerId}/{shareId}?v=1',
      });
      await openAndWait(el, frame);
      el.confirm(true);
      expect(el.value).to.equal(`https://share.xoi.test/${encodeURIComponent(el.partnerId)}/${el.shareId}?v=1`);
    });

    it('disabled: the button is disabled and open() posts nothing', async () => {
      const { el } = await shareButton({ disabled: true });
      const opens = record(el, 'xoi-share-open');
      expect(part<HTMLButtonElement>(el, 'button').disabled).to.equal(true);
      el.open();
      expect(opens).to.have.length(0);
      expect(el.state).to.equal('idle');
    });
  });

  describe('invalid configuration', () => {
    const cases: Array<[string, Record<string, string | boolean>, Partial<XoiShareErrorDetail>]> = [
      ['no partner-id', { 'partner-id': false }, { code: 'missing-field', field: 'partnerId' }],
      ['no service-ticket', { 'service-ticket': false }, { code: 'missing-field', field: 'serviceTicket' }],
      ['blank customer', { customer: '   ' }, { code: 'missing-field', field: 'customer' }],
      ['no location', { location: false }, { code: 'missing-field', field: 'location' }],
      ['partner-id with a space', { 'partner-id': 'acme fsm' }, { code: 'invalid-field', field: 'partnerId' }],
      ['partner-id ".."', { 'partner-id': '..' }, { code: 'invalid-field', field: 'partnerId' }],
      ['share-id too short', { 'share-id': 'abc123' }, { code: 'invalid-field', field: 'shareId' }],
      [
        'share-id with a bad character',
        { 'share-id': 'abcdefghijklmnop/q' },
        { code: 'invalid-field', field: 'shareId' },
      ],
      [
        'http base-url off loopback',
        { 'base-url': 'http://vision.xoeye.io' },
        { code: 'invalid-field', field: 'baseUrl' },
      ],
      ['javascript: base-url', { 'base-url': 'javascript:alert(1)' }, { code: 'invalid-field', field: 'baseUrl' }],
      [
        'http share link',
        { 'share-link-template': 'http://evil.test/{shareId}' },
        { code: 'invalid-field', field: 'shareLinkTemplate' },
      ],
      [
        'unknown placeholder',
        { 'share-link-template': '{baseUrl}/{ticket}' },
        { code: 'invalid-field', field: 'shareLinkTemplate' },
      ],
      ['malformed tags JSON', { tags: '["a",' }, { code: 'invalid-field', field: 'tags' }],
      ['unknown storage', { storage: 'cookies' }, { code: 'invalid-field', field: 'storage' }],
    ];

    for (const [name, attrs, expected] of cases) {
      it(`${name} → invalid, one error event, nothing posted`, async () => {
        // Every error event, from before the first render to the end of the test.
        const errors: CustomEvent<XoiShareErrorDetail>[] = [];
        const { el } = await shareButton(attrs, (el) => el.addEventListener('xoi-share-error', (e) => errors.push(e)));
        await nextFrame();
        expect(el.state).to.equal('invalid');
        expect(el.getAttribute('state')).to.equal('invalid');
        expect(errors).to.have.length(1);
        expect(errors[0].bubbles && errors[0].composed).to.equal(true);
        expect(errors[0].detail).to.include(expected);
        expect(errors[0].detail.message).to.be.a('string').and.not.empty;
        const button = part<HTMLButtonElement>(el, 'button');
        expect(button.disabled).to.equal(true);
        const error = part(el, 'error');
        expect(error.getAttribute('role')).to.equal('alert');
        expect(textOf(error)).to.match(/^XOi is not set up: /);
        expect(button.getAttribute('aria-describedby')).to.equal(error.id);
        const opens = record(el, 'xoi-share-open');
        const submissions = watchSubmissions(el);
        el.open();
        button.click();
        // Pressed again later, and re-rendered: the problem is still the one already reported.
        el.open();
        el.requestUpdate();
        await el.updateComplete;
        await nextFrame();
        const posts = await settledPostsFor(el.shareId);
        submissions.stop();
        expect(opens).to.have.length(0);
        expect(submissions.fields, 'form submissions the browser built').to.deep.equal([]);
        expect(posts).to.have.length(0);
        expect(errors.map((e) => e.detail)).to.have.length(1);
      });
    }

    it('names the attribute at fault on screen', async () => {
      const { el } = await shareButton({ 'service-ticket': false });
      expect(textOf(part(el, 'error'))).to.equal('XOi is not set up: service-ticket is missing.');
    });

    it('reports each distinct problem once, and again only after it was fixed and came back', async () => {
      const { el } = await shareButton({ 'partner-id': false, location: false });
      await errorsReported(el);
      const errors = record<XoiShareErrorDetail>(el, 'xoi-share-error');
      el.customer = 'Someone else';
      await el.updateComplete;
      el.setAttribute('customer', 'Another');
      await el.updateComplete;
      expect(errors).to.have.length(0);
      el.location = 'Here';
      await el.updateComplete;
      el.location = '';
      await elementUpdated(el);
      expect(errors.map((e) => e.detail.field)).to.deep.equal(['location']);
      el.location = 'Here';
      await errorsReported(el);
      el.location = '';
      await errorsReported(el);
      expect(errors.map((e) => e.detail.field)).to.deep.equal(['location', 'location']);
    });

    it('fixing the attribute returns the element to idle and it posts', async () => {
      const { el, frame } = await shareButton({ 'base-url': 'http://vision.xoeye.io' });
      expect(el.state).to.equal('invalid');
      el.setAttribute('base-url', location.origin);
      await el.updateComplete;
      expect(el.state).to.equal('idle');
      expect(hasPart(el, 'error')).to.equal(false);
      expect(part<HTMLButtonElement>(el, 'button').disabled).to.equal(false);
      await openAndWait(el, frame);
      expect(await settledPostsFor(el.shareId)).to.have.length(1);
    });

    it('never throws into the host page for bad property values', async () => {
      const { el } = await shareButton();
      el.tags = 'not-an-array' as unknown as string[];
      el.shareId = '!!';
      await el.updateComplete;
      expect(el.state).to.equal('invalid');
      expect(() => el.open()).not.to.throw();
      expect(() => el.confirm(true)).not.to.throw();
    });
  });

  describe('languages', () => {
    it('follows the nearest ancestor lang, then updates when it changes', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div lang="es">
        <xoi-share-button partner-id="p" service-ticket="1" customer="c" location="l" storage="none"></xoi-share-button>
      </div>`);
      const el = wrapper.querySelector('xoi-share-button')!;
      await el.updateComplete;
      expect(textOf(part(el, 'button'))).to.equal('Documentar en XOi');
      wrapper.lang = 'fr-CA';
      await nextFrame();
      await el.updateComplete;
      expect(textOf(part(el, 'button'))).to.equal('Documenter dans XOi');
      el.lang = 'de';
      await el.updateComplete;
      expect(textOf(part(el, 'button'))).to.equal('Document in XOi');
    });
  });
});
