/** Loads one of the hardening host pages (test/fixtures/hardening-*.html) in an iframe. */
import type { XoiShareButton } from '../../src/xoi-share-button.js';
import { uid } from '../helpers.js';

export interface HostPage {
  frame: HTMLIFrameElement;
  win: Window & {
    violations: Array<{ directive: string; blocked: string; sample: string }>;
    defineNow: () => Promise<unknown>;
  };
  doc: Document;
  el: XoiShareButton;
}

export async function hostPage(
  file: 'hardening-page.html' | 'hardening-csp.html' | 'hardening-1252.html',
  attrs: Record<string, string>,
  { late = false, storageThrows = false } = {},
): Promise<HostPage> {
  const frame = document.createElement('iframe');
  frame.name = uid('host');
  const loaded = new Promise<void>((resolve) => frame.addEventListener('load', () => resolve(), { once: true }));
  const query = new URLSearchParams(attrs);
  if (late) query.set('late', '1');
  if (storageThrows) query.set('storage-throws', '1');
  frame.src = `/test/fixtures/${file}?${query}`;
  document.body.append(frame);
  await loaded;
  const win = frame.contentWindow as HostPage['win'];
  // The module script runs after load for a module with top-level await; wait for the element.
  for (let i = 0; i < 200 && !win.document.querySelector('xoi-share-button')?.isConnected; i++) {
    await new Promise((r) => setTimeout(r, 25));
  }
  const el = win.document.querySelector('xoi-share-button');
  if (!el) throw new Error(`${file}: no <xoi-share-button> (did the module script load?)`);
  if (!late) {
    await win.customElements.whenDefined('xoi-share-button');
    await el.updateComplete;
  }
  return { frame, win, doc: win.document, el };
}

/** Shared field values: something in every script, and the characters encoders get wrong. */
export const workOrder = (over: Record<string, string> = {}): Record<string, string> => ({
  'partner-id': uid('partner'),
  'service-ticket': 'WO-1252 é',
  customer: 'Zoë Ångström & Søn, "Ltd" <b>',
  location: 'Straße 5 — 東京 🛠️ € ‚ƒ„…†‡ˆ‰Š',
  tags: JSON.stringify(['café', 'naïve, fine', '€uro', '😀']),
  'base-url': location.origin,
  storage: 'none',
  ...over,
});
