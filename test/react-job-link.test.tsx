// `xoi-share-button/react-job-link` rendered by React as a host renders it (createRoot + JSX),
// against the real routes on the test server: the props reach the element, the `on…` props are
// called with its events, and the plain tag works with React 19's `on<event>` props.
import { expect } from '@open-wc/testing';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import {
  createXoiJobLink,
  XoiJobLink,
  XoiJobLinkElement,
  type XoiJobLinkDetail,
  type XoiJobLinkErrorDetail,
} from '../src/react-job-link.js';
import { part, uid } from './helpers.js';

let root: Root | undefined;
let container: HTMLElement | undefined;

afterEach(() => {
  root?.unmount();
  container?.remove();
  document.cookie = 'xoi-test-tech=; path=/; max-age=0';
});

async function until(el: Element, state: string): Promise<void> {
  const end = Date.now() + 10_000;
  while (el.getAttribute('state') != state && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  expect(el.getAttribute('state')).to.equal(state);
}

function render(node: React.ReactNode): void {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  flushSync(() => root!.render(node));
}

describe('<XoiJobLink> (React)', () => {
  it('passes props and calls onXoiJobLinkLinked with the link', async () => {
    const tech = `${uid('tech')}@example.com`;
    document.cookie = `xoi-test-tech=${encodeURIComponent(tech)}; path=/`;
    const response = await fetch('/__job-link/jobs', {
      method: 'POST',
      body: JSON.stringify({ technician: tech, jobs: [{ label: '95001 - React', completed: true }] }),
    });
    const [job] = (await response.json()) as Array<{ id: string }>;
    const linked: XoiJobLinkDetail[] = [];
    const workOrder = uid('WO');
    render(
      <XoiJobLink
        endpoint="/xoi-test"
        workOrder={workOrder}
        filter="95001"
        onXoiJobLinkLinked={(e) => linked.push(e.detail)}
      />,
    );
    const el = container!.querySelector('xoi-job-link')!;
    expect(el).to.be.instanceOf(XoiJobLinkElement);
    expect([el.endpoint, el.workOrder, el.filter]).to.deep.equal(['/xoi-test', workOrder, '95001']);
    await until(el, 'ready');
    el.choose();
    await until(el, 'choosing');
    el.shadowRoot!.querySelector<HTMLButtonElement>(`[data-job="${job.id}"]`)!.click();
    await el.updateComplete;
    part(el, 'yes').click();
    await el.updateComplete;
    part(el, 'confirm').click();
    await until(el, 'linked');
    expect(linked.map((d) => [d.workOrderId, d.jobId, d.existing])).to.deep.equal([[workOrder, job.id, false]]);
  });

  it('the plain tag in React 19: attributes and onxoi-job-link-error', async () => {
    const errors: XoiJobLinkErrorDetail[] = [];
    render(
      <xoi-job-link
        endpoint="/xoi-test"
        work-order="missing-react"
        onxoi-job-link-error={(e) => errors.push(e.detail)}
      />,
    );
    const el = container!.querySelector('xoi-job-link')!;
    await until(el, 'error');
    // No session cookie: the routes answer 401 before looking at the work order.
    expect(errors.map((d) => [d.code, d.status])).to.deep.equal([['unauthenticated', 401]]);
  });

  it('createXoiJobLink(tag) renders its own tag, upgraded, with the props and on… props', async () => {
    const tag = uid('acme-job-link');
    const AcmeJobLink = createXoiJobLink(tag);
    const errors: XoiJobLinkErrorDetail[] = [];
    render(
      <AcmeJobLink endpoint="/xoi-test" workOrder="missing-own-tag" onXoiJobLinkError={(e) => errors.push(e.detail)} />,
    );
    const el = container!.querySelector<XoiJobLinkElement>(tag)!;
    // Booleans, not the element: a failure message would serialise React's fiber on it.
    expect([el instanceof XoiJobLinkElement, customElements.get(tag) !== undefined]).to.deep.equal([true, true]);
    expect([el.endpoint, el.workOrder]).to.deep.equal(['/xoi-test', 'missing-own-tag']);
    await until(el, 'error');
    expect(errors.map((d) => [d.code, d.status])).to.deep.equal([['unauthenticated', 401]]);
    expect(() => createXoiJobLink('XoiJobLink')).to.throw(
      TypeError,
      /createXoiJobLink: "XoiJobLink" is not a custom element name/,
    );
  });
});
