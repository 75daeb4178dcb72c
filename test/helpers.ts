import { fixture, html } from '@open-wc/testing';
import type { XoiShareButton } from '../src/xoi-share-button.js';

/** What the mock XOi (mock/xoi-mock.js, mounted on the test server) recorded for one POST. */
export interface PostedShare {
  partnerId: string;
  path: string;
  contentType: string;
  rawBody: string;
  fields: Array<[string, string]>;
  shareId: string;
  /** The HTTP status the mock answered with (400 for a POST missing a required field). */
  status: number;
}

let counter = 0;
/** A value unique to this test run, so parallel engines never read each other's records. */
export const uid = (prefix = 'p'): string =>
  `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

export async function postsFor(shareId: string): Promise<PostedShare[]> {
  const response = await fetch(`/__xoi-mock/requests?shareId=${encodeURIComponent(shareId)}`);
  return (await response.json()) as PostedShare[];
}

/** Polls the mock until `count` POSTs for `shareId` arrived. */
export async function waitForPosts(shareId: string, count = 1, timeoutMs = 10_000): Promise<PostedShare[]> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const posts = await postsFor(shareId);
    if (posts.length >= count || Date.now() > end) return posts;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A named iframe for the element's `target`, so XOi's page loads inside the test page. */
export function captureFrame(): { name: string; frame: HTMLIFrameElement; nextLoad: () => Promise<void> } {
  const frame = document.createElement('iframe');
  frame.name = uid('frame');
  document.body.append(frame);
  return {
    name: frame.name,
    frame,
    // Call before the action that navigates the frame.
    nextLoad: () => new Promise((resolve) => frame.addEventListener('load', () => resolve(), { once: true })),
  };
}

/**
 * A new <xoi-share-button> with `attrs`, in a fresh fixture <div>, after its first render and
 * after it reported its errors (see `settled`). `setUp` runs before it is connected: listeners
 * added there hear every event.
 */
export async function mountElement(
  attrs: Record<string, string>,
  setUp?: (el: XoiShareButton) => void,
): Promise<{ el: XoiShareButton; wrapper: HTMLDivElement }> {
  const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
  const el = document.createElement('xoi-share-button');
  setUp?.(el);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  wrapper.append(el);
  await settled(el);
  return { el, wrapper };
}

/** Presses the element's button and waits until XOi's page has loaded in `capture`'s frame. */
export async function pressAndWait(el: HTMLElement, capture: { nextLoad: () => Promise<void> }): Promise<void> {
  const loaded = capture.nextLoad();
  part(el, 'button').click();
  await loaded;
}

/** The element's shadow part, or throws with the part's name (a clearer failure than null). */
export function part<T extends HTMLElement = HTMLElement>(el: HTMLElement, name: string): T {
  const found = el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
  if (!found) throw new Error(`no part "${name}" in state ${el.getAttribute('state')}`);
  return found;
}

export const hasPart = (el: HTMLElement, name: string): boolean => !!el.shadowRoot!.querySelector(`[part~="${name}"]`);

/** Visible text of the shadow root with slots resolved to their fallback, whitespace folded. */
export const textOf = (node: Element): string => (node as HTMLElement).innerText.replace(/\s+/g, ' ').trim();

/**
 * Waits until `el` reports errors: error events wait for the document to have parsed and for a
 * task after the element connected (the host's chance to configure it), then for the update.
 */
export async function settled(el: { updateComplete: Promise<unknown> }): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  await el.updateComplete;
}

/**
 * A POST of its own through the mock XOi, made after the action under test: once the mock has
 * it, a POST the action made would have arrived too. Checks of "nothing posted" and "exactly
 * one POST" read the mock after this, not at once.
 */
export async function sentinelPosted(): Promise<void> {
  const capture = captureFrame();
  const form = document.createElement('form');
  const shareId = uid('sentinel');
  form.method = 'post';
  form.action = '/partners/sentinel/share';
  form.target = capture.name;
  for (const [name, value] of [
    ['shareId', shareId],
    ['serviceTicket', 'S'],
    ['customer', 'S'],
    ['location', 'S'],
  ]) {
    const input = document.createElement('input');
    input.name = name;
    input.value = value;
    form.append(input);
  }
  document.body.append(form);
  const loaded = capture.nextLoad();
  form.submit();
  await loaded;
  form.remove();
  capture.frame.remove();
  if ((await waitForPosts(shareId)).length !== 1) throw new Error('the sentinel POST never reached the mock');
}
