/**
 * XSS payloads in every attribute. Nothing may execute (each payload would set `top.__xoiXss`),
 * data values are posted verbatim, and the share link stays an https: (or loopback http:) URL:
 * a `javascript:`/`data:` base-url or share-link-template makes the element invalid and nothing
 * is posted.
 */
import { expect, nextFrame } from '@open-wc/testing';
import '../../src/define.js';
import type { XoiShareButton } from '../../src/share-button/element.js';
import type { XoiShareErrorDetail } from '../../src/share-button/share.js';
import {
  captureFrame,
  mountElement,
  part,
  pressAndWait,
  settledPostsFor,
  textOf,
  uid,
  waitForPosts,
} from '../helpers.js';

const FLAG = '__xoiXss';
const fired = () => (top as unknown as Record<string, unknown>)[FLAG];
const PAYLOADS = [
  `"><img src=x onerror="top.${FLAG}=1">`,
  `<script>top.${FLAG}=1</script>`,
  `<svg onload="top.${FLAG}=2"></svg>`,
  `javascript:top.${FLAG}=3`,
  `'-top.${FLAG}=4-'`,
  `{{constructor.constructor('top.${FLAG}=5')()}}`,
  '${top.' + FLAG + '=6}',
  '{shareId}{partnerId}{baseUrl}',
  `<iframe srcdoc="<script>top.${FLAG}=7</script>">`,
];

async function element(attrs: Record<string, string>) {
  const errors: XoiShareErrorDetail[] = [];
  const opens: Event[] = [];
  const { el } = await mountElement(attrs, (el) => {
    el.addEventListener('xoi-share-error', (e) => errors.push(e.detail));
    el.addEventListener('xoi-share-open', (e) => opens.push(e));
  });
  return { el, errors, opens };
}

/** No element a payload could have produced, anywhere in the element's shadow tree. */
function noInjectedMarkup(el: XoiShareButton) {
  expect(el.shadowRoot!.querySelectorAll('img, script, svg, iframe')).to.have.length(0);
}

describe('XSS payloads in attributes', () => {
  beforeEach(() => Reflect.deleteProperty(top!, FLAG));
  afterEach(() => document.querySelectorAll('iframe').forEach((f) => f.remove()));

  PAYLOADS.forEach((payload, i) => {
    it(`payload ${i + 1} in every data attribute: shown as text, posted verbatim, never run — ${payload}`, async () => {
      const capture = captureFrame();
      const { el } = await element({
        'partner-id': `${uid('p')}${payload.replace(/\s/g, '')}`,
        'service-ticket': payload,
        customer: payload,
        location: payload,
        tags: JSON.stringify([payload, `${payload}, 2`]),
        name: payload,
        lang: payload,
        'base-url': location.origin,
        target: capture.name,
        storage: 'none',
      });
      expect(el.state).to.equal('idle');
      await pressAndWait(el, capture);
      await el.updateComplete;
      part(el, 'yes').click();
      await el.updateComplete;
      await nextFrame();

      const [post] = await waitForPosts(el.shareId);
      expect(post.partnerId).to.equal(el.partnerId);
      expect(post.fields).to.deep.equal([
        ['shareId', el.shareId],
        ['serviceTicket', payload],
        ['customer', payload],
        ['location', payload],
        ['tags', payload],
        ['tags', `${payload}, 2`],
      ]);
      // The link: on the XOi origin, the partner id percent-encoded inside one path segment.
      expect(el.state).to.equal('linked');
      const link = part<HTMLAnchorElement>(el, 'link');
      expect(link.href).to.equal(el.value);
      expect(el.value).to.equal(`${location.origin}/partners/${encodeURIComponent(el.partnerId)}/share/${el.shareId}`);
      expect(new URL(el.value).origin).to.equal(location.origin);
      // The ticket number is shown as text, exactly.
      expect(link.textContent).to.contain(payload);
      noInjectedMarkup(el);
      expect(fired()).to.equal(undefined);
    });
  });

  const badLinks: Array<[string, Record<string, string>]> = [
    ['javascript: base-url', { 'base-url': `javascript:top.${FLAG}=1//` }],
    ['javascript: base-url with a host', { 'base-url': `javascript://localhost/%0atop.${FLAG}=1` }],
    ['data: base-url', { 'base-url': `data:text/html,<script>top.${FLAG}=1</script>` }],
    ['http: base-url off loopback', { 'base-url': 'http://vision.xoeye.io' }],
    ['credentials in base-url', { 'base-url': 'https://user:pass@vision.xoeye.io' }],
    ['javascript: template', { 'share-link-template': `javascript:top.${FLAG}=1//{shareId}` }],
    ['data: template', { 'share-link-template': `data:text/html,<script>top.${FLAG}=1</script>{shareId}` }],
    ['protocol-relative template', { 'share-link-template': '//evil.example/{shareId}' }],
    [
      'template that is only a placeholder',
      { 'share-link-template': '{partnerId}', 'partner-id': `javascript:top.${FLAG}=1` },
    ],
    [
      'partner id trying to leave the host',
      { 'share-link-template': 'https://{partnerId}.example.com/{shareId}', 'partner-id': 'evil.example/x?' },
    ],
    ['unknown placeholder', { 'share-link-template': '{baseUrl}/{constructor}/{shareId}' }],
  ];
  for (const [what, over] of badLinks) {
    it(`${what}: invalid, nothing posted, no link`, async () => {
      const { el, errors, opens } = await element({
        'partner-id': uid('partner'),
        'service-ticket': 'WO-1',
        customer: 'C',
        location: 'L',
        'base-url': location.origin,
        storage: 'none',
        ...over,
      });
      expect(el.state).to.equal('invalid');
      expect(errors.map((e) => e.code)).to.include('invalid-field');
      expect(errors.map((e) => e.field)).to.satisfy(
        (f: string[]) => f.includes('baseUrl') || f.includes('shareLinkTemplate') || f.includes('partnerId'),
      );
      expect(part<HTMLButtonElement>(el, 'button').disabled).to.equal(true);
      el.open();
      el.confirm(true);
      await el.updateComplete;
      expect(opens).to.have.length(0);
      expect(el.shadowRoot!.querySelector('form, a')).to.equal(null);
      expect(el.shareLink).to.equal('');
      expect(el.value).to.equal('');
      expect(await settledPostsFor(el.shareId)).to.deep.equal([]);
      expect(textOf(part(el, 'error'))).to.match(/^XOi is not set up: /);
      noInjectedMarkup(el);
      expect(fired()).to.equal(undefined);
    });
  }

  it('a value containing "{shareId}" is never expanded into the link', async () => {
    const { el } = await element({
      'partner-id': `{shareId}${uid('p')}`,
      'service-ticket': 'WO-1',
      customer: 'C',
      location: 'L',
      'base-url': location.origin,
      'share-link-template': '{baseUrl}/p/{partnerId}/s/{shareId}',
      storage: 'none',
    });
    expect(el.shareLink).to.equal(`${location.origin}/p/${encodeURIComponent(el.partnerId)}/s/${el.shareId}`);
    expect(el.shareLink).to.contain('%7BshareId%7D');
  });
});
