// `xoi-share-button/react` rendered by React the way a host renders it: react-dom/client's
// createRoot and JSX. What is checked is what such a host sees: the element React put in the
// page, its properties, its button, and the `on…` props called with the element's events.
// (React and react-dom are CommonJS; scripts/wtr-react.mjs serves them to the browser.)
import { expect } from '@open-wc/testing';
import { StrictMode, type ComponentProps } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import {
  createXoiShareButton,
  XoiShareButton,
  XoiShareButtonElement,
  type XoiShareDetail,
  type XoiShareErrorDetail,
} from '../src/react.js';
import {
  captureFrame,
  errorsReported,
  part,
  pressAndWait,
  settledPostsFor,
  textOf,
  uid,
  waitForPosts,
} from './helpers.js';

type Props = ComponentProps<typeof XoiShareButton>;

let roots: Root[] = [];
let cleanup: Element[] = [];
let logged: unknown[][] = [];
const consoleError = console.error;

beforeEach(() => {
  // React reports misuse (unknown DOM props, bad hooks) with console.error in development.
  logged = [];
  console.error = (...args: unknown[]) => {
    logged.push(args);
    consoleError.apply(console, args);
  };
});

afterEach(() => {
  console.error = consoleError;
  for (const root of roots) root.unmount();
  for (const node of cleanup) node.remove();
  roots = [];
  cleanup = [];
});

/** Every call of an `on…` prop, in order. */
function calls<T>() {
  const events: CustomEvent<T>[] = [];
  return { events, handler: (e: CustomEvent<T>) => void events.push(e) };
}

/**
 * Renders `<XoiShareButton>` with valid props posting to the mock XOi into a named iframe.
 * `rerender` renders again in the same root with the changes, as a host's state change would.
 * `strict`: inside <StrictMode>, which in development runs every effect twice on mount.
 */
async function renderButton(overrides: Partial<Props> = {}, { strict = false } = {}) {
  const frame = captureFrame();
  const container = document.createElement('div');
  document.body.append(container);
  cleanup.push(frame.frame, container);
  const root = createRoot(container);
  roots.push(root);
  let props: Props = {
    partnerId: uid('partner'),
    serviceTicket: 'WO-1001',
    customer: 'Zoë Ångström',
    location: '12 Rue de la Paix',
    baseUrl: location.origin,
    target: frame.name,
    storage: 'none',
    ...overrides,
  };
  const rerender = async (changes: Partial<Props> = {}) => {
    props = { ...props, ...changes };
    // flushSync: the commit (the element, its properties, its listeners) is done on return.
    const button = <XoiShareButton {...props} />;
    flushSync(() => root.render(strict ? <StrictMode>{button}</StrictMode> : button));
    const el = container.querySelector('xoi-share-button');
    if (!el) throw new Error(`React rendered ${container.innerHTML || 'nothing'}`);
    await errorsReported(el);
    return el;
  };
  const el = await rerender();
  return { el, frame, rerender, container };
}

/** Presses the element's button, as the technician does, and waits for XOi's page in the frame. */
async function press(el: XoiShareButtonElement, frame: ReturnType<typeof captureFrame>) {
  await pressAndWait(el, frame);
  await el.updateComplete;
}

const detailOf = (el: XoiShareButtonElement): XoiShareDetail => ({
  partnerId: el.partnerId,
  shareId: el.shareId,
  serviceTicket: el.serviceTicket,
  customer: el.customer,
  location: el.location,
  tags: [],
  shareLink: `${location.origin}/partners/${encodeURIComponent(el.partnerId)}/share/${el.shareId}`,
});

describe('xoi-share-button/react: <XoiShareButton> rendered by React', () => {
  it('puts a xoi-share-button in the page with the props as its properties', async () => {
    const partnerId = uid('acme');
    const { el, frame, container } = await renderButton({ partnerId });
    expect(container.children).to.have.length(1);
    expect(el.localName).to.equal('xoi-share-button');
    expect(el).to.be.instanceOf(XoiShareButtonElement);
    expect(el.partnerId).to.equal(partnerId);
    expect(el.serviceTicket).to.equal('WO-1001');
    expect(el.customer).to.equal('Zoë Ångström');
    expect(el.location).to.equal('12 Rue de la Paix');
    expect(el.baseUrl).to.equal(location.origin);
    expect(el.target).to.equal(frame.name);
    expect(el.storage).to.equal('none');
    expect(el.shareId).to.match(/^[A-Za-z0-9_-]{21}$/);
    expect(el.state).to.equal('idle');
    expect(el.getAttribute('state')).to.equal('idle');
    expect(textOf(part(el, 'button'))).to.equal('Document in XOi');
    expect(part<HTMLButtonElement>(el, 'button').disabled).to.equal(false);
    expect(logged, 'React logged an error').to.deep.equal([]);
  });

  it('calls onXoiShareOpen, onXoiShareIncomplete and onXoiShareLink with the element events', async () => {
    const open = calls<XoiShareDetail>();
    const incomplete = calls<XoiShareDetail>();
    const link = calls<XoiShareDetail>();
    const error = calls<XoiShareErrorDetail>();
    const { el, frame } = await renderButton({
      onXoiShareOpen: open.handler,
      onXoiShareIncomplete: incomplete.handler,
      onXoiShareLink: link.handler,
      onXoiShareError: error.handler,
    });
    const detail = detailOf(el);

    await press(el, frame);
    expect(open.events).to.have.length(1);
    expect(open.events[0]).to.be.instanceOf(CustomEvent);
    expect(open.events[0].type).to.equal('xoi-share-open');
    expect(open.events[0].target).to.equal(el);
    expect(open.events[0].detail.shareId).to.equal(el.shareId);
    expect(open.events[0].detail).to.deep.equal(detail);
    const [post] = await waitForPosts(el.shareId);
    expect(post.fields.slice(0, 2)).to.deep.equal([
      ['shareId', el.shareId],
      ['serviceTicket', 'WO-1001'],
    ]);
    expect(el.state).to.equal('pending');
    expect(incomplete.events).to.have.length(0);
    expect(link.events).to.have.length(0);

    el.confirm(false);
    expect(incomplete.events).to.have.length(1);
    expect(incomplete.events[0].type).to.equal('xoi-share-incomplete');
    expect(incomplete.events[0].detail).to.deep.equal(detail);
    expect(link.events).to.have.length(0);

    await press(el, frame);
    expect(open.events).to.have.length(2);
    await waitForPosts(el.shareId, 2);
    expect(await settledPostsFor(el.shareId)).to.have.length(2);
    el.confirm(true);
    expect(link.events).to.have.length(1);
    expect(link.events[0].type).to.equal('xoi-share-link');
    expect(link.events[0].detail).to.deep.equal(detail);
    expect(link.events[0].detail.shareLink).to.equal(detail.shareLink);
    await el.updateComplete;
    expect(el.state).to.equal('linked');
    expect(el.value).to.equal(detail.shareLink);

    expect(incomplete.events).to.have.length(1);
    expect(error.events).to.have.length(0);
    expect(logged, 'React logged an error').to.deep.equal([]);
  });

  it('calls onXoiShareError for an empty customer, and not again once it is fixed', async () => {
    const error = calls<XoiShareErrorDetail>();
    const { el, rerender } = await renderButton({ customer: '', onXoiShareError: error.handler });
    expect(error.events).to.have.length(1);
    expect(error.events[0].type).to.equal('xoi-share-error');
    expect(error.events[0].target).to.equal(el);
    expect(error.events[0].detail).to.include({ code: 'missing-field', field: 'customer' });
    expect(error.events[0].detail.message).to.be.a('string').and.not.empty;
    expect(el.state).to.equal('invalid');
    expect(part<HTMLButtonElement>(el, 'button').disabled).to.equal(true);

    expect(await rerender({ customer: 'Zoë Ångström' })).to.equal(el);
    expect(el.customer).to.equal('Zoë Ångström');
    expect(el.state).to.equal('idle');
    expect(error.events).to.have.length(1);
  });

  it('a re-render with a changed prop reaches the same element and what it posts', async () => {
    const open = calls<XoiShareDetail>();
    const { el, frame, rerender } = await renderButton({ onXoiShareOpen: open.handler });
    expect(await rerender({ serviceTicket: 'WO-2002', location: '1 Main St' })).to.equal(el);
    expect(el.serviceTicket).to.equal('WO-2002');
    expect(el.location).to.equal('1 Main St');
    await press(el, frame);
    expect(open.events).to.have.length(1);
    expect(open.events[0].detail).to.include({ serviceTicket: 'WO-2002', location: '1 Main St', shareId: el.shareId });
    const [post] = await waitForPosts(el.shareId);
    expect(post.fields).to.deep.include(['serviceTicket', 'WO-2002']);
    expect(post.fields).to.deep.include(['location', '1 Main St']);
    expect(logged, 'React logged an error').to.deep.equal([]);
  });

  it('a re-render with a new handler calls the new one only; removing it calls none', async () => {
    const first = calls<XoiShareDetail>();
    const second = calls<XoiShareDetail>();
    const { el, frame, rerender } = await renderButton({ onXoiShareIncomplete: first.handler });
    await rerender({ onXoiShareIncomplete: second.handler });
    await press(el, frame);
    el.confirm(false);
    expect(first.events).to.have.length(0);
    expect(second.events).to.have.length(1);
    await rerender({ onXoiShareIncomplete: undefined });
    await press(el, frame);
    el.confirm(false);
    expect(second.events).to.have.length(1);
  });

  it('inside <StrictMode> (effects run twice on mount) each handler is still called once per event', async () => {
    const open = calls<XoiShareDetail>();
    const incomplete = calls<XoiShareDetail>();
    const partnerId = uid('strict');
    const { el, frame, rerender } = await renderButton(
      { partnerId, onXoiShareOpen: open.handler, onXoiShareIncomplete: incomplete.handler },
      { strict: true },
    );
    // The props reached the element (StrictMode mounts twice) and what XOi receives.
    expect(el.partnerId).to.equal(partnerId);
    await press(el, frame);
    expect((await settledPostsFor(el.shareId)).map((post) => post.partnerId)).to.deep.equal([partnerId]);
    el.confirm(false);
    expect(open.events).to.have.length(1);
    expect(incomplete.events).to.have.length(1);
    expect(await rerender({ serviceTicket: 'WO-3003' })).to.equal(el);
    expect(el.serviceTicket).to.equal('WO-3003');
    expect(logged, 'React logged an error').to.deep.equal([]);
  });
});

describe('createXoiShareButton(tag): a wrapper of your own tag', () => {
  it('renders its tag, upgraded, with the props and on… props; the default wrapper still renders xoi-share-button', async () => {
    const tag = uid('acme');
    const AcmeButton = createXoiShareButton(tag);
    const error = calls<XoiShareErrorDetail>();
    const container = document.createElement('div');
    document.body.append(container);
    cleanup.push(container);
    const root = createRoot(container);
    roots.push(root);
    const props = { partnerId: 'ACME', serviceTicket: 'WO-1', location: 'L', storage: 'none' as const };
    flushSync(() =>
      root.render(
        <>
          <AcmeButton {...props} customer="" onXoiShareError={error.handler} />
          <XoiShareButton {...props} customer="C" />
        </>,
      ),
    );
    const [own, plain] = container.children as unknown as [XoiShareButtonElement, XoiShareButtonElement];
    expect([own.localName, plain.localName]).to.deep.equal([tag, 'xoi-share-button']);
    // Whichever wrapper rendered first gave the class its name; the other tag is a subclass of it.
    // Booleans, not the elements: a failure message would serialise React's fiber on them.
    const upgraded = (el: Element) => [
      el instanceof XoiShareButtonElement,
      customElements.get(el.localName) !== undefined,
    ];
    expect([own, plain].map(upgraded)).to.deep.equal([
      [true, true],
      [true, true],
    ]);
    for (const el of [own, plain]) {
      await el.updateComplete;
      expect(el.partnerId).to.equal('ACME');
    }
    expect(textOf(part(plain, 'button'))).to.equal('Document in XOi');
    await errorsReported(own);
    expect(error.events.map((e) => [e.target === own, e.detail.code, e.detail.field])).to.deep.equal([
      [true, 'missing-field', 'customer'],
    ]);
    expect(logged, 'React logged an error').to.deep.equal([]);
  });

  it('a name that is not a custom element name is a TypeError when the wrapper is made', () => {
    for (const tag of ['AcmeButton', 'acme', 'acme xoi', '1-acme', 'font-face', '']) {
      expect(() => createXoiShareButton(tag), tag).to.throw(
        TypeError,
        /createXoiShareButton: .* is not a custom element name/,
      );
    }
  });
});
