import { fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { XoiShareButton } from '../src/share-button/element.js';

/** What the mock XOi (mock/xoi-mock.ts, mounted on the test server) recorded for one POST. */
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

/** What the mock has recorded for `shareId` so far. */
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

/**
 * Sends a sentinel POST to the mock and waits until the mock has it: every POST issued before
 * it (by the element, in any frame) has then reached the mock too. Read the record after this,
 * not at once, for every "exactly N POSTs" and "nothing posted" check: a late second POST is
 * counted, and "nothing" means nothing came, not "nothing yet".
 */
export async function settle(): Promise<void> {
  const sentinel = uid('sentinel').replace(/[^A-Za-z0-9_-]/g, '_');
  const capture = captureFrame();
  capture.frame.hidden = true;
  try {
    const fields: Array<[string, string]> = [
      ['shareId', sentinel],
      ['serviceTicket', 'sentinel'],
      ['customer', 'sentinel'],
      ['location', 'sentinel'],
    ];
    await submitForm(`${location.origin}/partners/sentinel/share`, fields, capture);
    // The frame loaded the mock's answer, so the mock had the request; its record, to be sure.
    if ((await waitForPosts(sentinel)).length !== 1)
      throw new Error(`sentinel POST ${sentinel} never reached the mock`);
  } finally {
    capture.frame.remove();
  }
}

/** Every POST for `shareId` the mock has once a sentinel sent after now has reached it (settle()). */
export async function settledPostsFor(shareId: string): Promise<PostedShare[]> {
  await settle();
  return postsFor(shareId);
}

/**
 * Posts a hand-built form (not the element's) into `capture`'s frame and waits for the answer:
 * the element-independent way to reach the mock.
 */
export async function submitForm(
  action: string,
  fields: Array<[string, string]>,
  capture: ReturnType<typeof captureFrame>,
): Promise<void> {
  const doc = capture.frame.ownerDocument;
  const form = doc.createElement('form');
  form.method = 'post';
  form.action = action;
  form.target = capture.name;
  form.acceptCharset = 'UTF-8';
  for (const [name, value] of fields) {
    const input = doc.createElement('input');
    input.type = 'hidden';
    input.name = name;
    input.value = value;
    form.append(input);
  }
  doc.body.append(form);
  const loaded = capture.nextLoad();
  form.submit();
  form.remove();
  await loaded;
}

/**
 * A named iframe for the element's `target`, so XOi's page loads inside a page of the test
 * (this one, or `doc`, another document such as a host page's).
 */
export function captureFrame(doc: Document = document): {
  name: string;
  frame: HTMLIFrameElement;
  nextLoad: () => Promise<void>;
} {
  const frame = doc.createElement('iframe');
  frame.name = uid('frame');
  doc.body.append(frame);
  return {
    name: frame.name,
    frame,
    // Call before the action that navigates the frame.
    nextLoad: () => new Promise((resolve) => frame.addEventListener('load', () => resolve(), { once: true })),
  };
}

/** Where the test puts the element: the wrapper's `lang`, inline `style` and `class`. */
export interface MountContainer {
  lang?: string;
  style?: string;
  className?: string;
}

/**
 * A new <xoi-share-button> with `attrs`, in a fresh fixture <div>, after its first render and
 * after it reported its errors (see `errorsReported`). `setUp` runs before it is connected:
 * listeners and properties set there see the first render and every event.
 */
export async function mountElement(
  attrs: Record<string, string>,
  setUp?: (el: XoiShareButton) => void,
  container: MountContainer = {},
): Promise<{ el: XoiShareButton; wrapper: HTMLDivElement }> {
  const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
  if (container.lang) wrapper.lang = container.lang;
  if (container.style) wrapper.setAttribute('style', container.style);
  if (container.className) wrapper.className = container.className;
  const el = document.createElement('xoi-share-button');
  setUp?.(el);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  wrapper.append(el);
  await errorsReported(el);
  return { el, wrapper };
}

/** Presses the element's button and waits until XOi's page has loaded in `capture`'s frame. */
export async function pressAndWait(el: HTMLElement, capture: { nextLoad: () => Promise<void> }): Promise<void> {
  const loaded = capture.nextLoad();
  part(el, 'button').click();
  await loaded;
}

/**
 * Every form submission the browser builds from the element's form, in order: each one's
 * `formdata` event carries the exact fields XOi is sent. The event fires synchronously inside
 * submit(), so a count read in a listener says whether the POST has happened yet.
 */
export function watchSubmissions(el: XoiShareButton): { fields: Array<Array<[string, string]>>; stop: () => void } {
  const fields: Array<Array<[string, string]>> = [];
  const onFormData = (e: Event) => {
    const { formData } = e as FormDataEvent;
    // settle()'s own POST is not the element's.
    const shareId = formData.get('shareId');
    if (typeof shareId === 'string' && shareId.startsWith('sentinel')) return;
    // The element's fields are all strings (no files).
    fields.push([...formData].map(([name, value]): [string, string] => [name, value as string]));
  };
  // `formdata` bubbles but is not composed: heard in the element's shadow root, or in the
  // document if the element submits a form of the light DOM.
  const targets: EventTarget[] = [el.shadowRoot!, el.ownerDocument];
  for (const target of targets) target.addEventListener('formdata', onFormData, { capture: true });
  return {
    fields,
    stop: () => {
      for (const target of targets) target.removeEventListener('formdata', onFormData, { capture: true });
    },
  };
}

/** Polls until `predicate` holds; fails after `timeoutMs`, naming the predicate. */
export async function waitUntil(predicate: () => boolean, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${predicate.toString()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const isWebKit = /AppleWebKit\/605/.test(navigator.userAgent) && !/Chrome|Firefox/.test(navigator.userAgent);

/**
 * What the clipboard holds, pasted with the keyboard into a new text field, as a user would: the
 * engines here refuse `navigator.clipboard.readText()` to a page, not a paste.
 */
export async function pasteFromClipboard(): Promise<string> {
  const field = document.createElement('textarea');
  document.body.append(field);
  try {
    field.focus();
    // WebDriver (WebKit) takes a chord as one press; puppeteer (Chromium, Firefox) as down, press, up.
    if (isWebKit) await sendKeys({ press: '\uE009v' });
    else {
      await sendKeys({ down: 'Control' });
      await sendKeys({ press: 'v' });
      await sendKeys({ up: 'Control' });
    }
    return field.value;
  } finally {
    field.remove();
  }
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
 * Connects a misconfigured <xoi-share-button> after the elements under test and waits for its
 * `xoi-share-error`: each element reports a task after it connected, in the order they
 * connected, so every element connected before has reported by then. An error list read after
 * this is complete: "no error" means none came, not "none yet".
 */
export async function errorSentinel(): Promise<void> {
  const sentinel = document.createElement('xoi-share-button');
  for (const [name, value] of Object.entries({ 'partner-id': 'sentinel', storage: 'none' }))
    sentinel.setAttribute(name, value);
  const reported = oneEvent(sentinel, 'xoi-share-error');
  document.body.append(sentinel);
  try {
    await reported;
  } finally {
    sentinel.remove();
  }
}

/**
 * Waits until `el` has reported its errors: error events wait for the document to have parsed
 * and for a task after the element connected (the host's chance to configure it), then come
 * with the next update.
 */
export async function errorsReported(el: { updateComplete: Promise<unknown> }): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  await el.updateComplete;
}
