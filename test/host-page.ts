/**
 * The host page (test/fixtures/host-page.html) in an iframe: a whole document around one
 * <xoi-share-button>, for what needs one: a reload, a same-tab round trip to XOi, two tabs on
 * one work order, a strict CSP or windows-1252 page, an upgrade after the host set properties.
 */
import type { XoiShareButton } from '../src/share-button/element.js';
import { uid } from './helpers.js';

type HostWindow = Window & {
  violations: Array<{ directive: string; blocked: string; sample: string }>;
  defineNow: () => Promise<unknown>;
  /** Uncaught errors of the page. */
  pageErrors: string[];
  /** With `defineAs`: the class's name, whether that tag is the class itself, the tags React rendered, upgraded or not. */
  registered?: { tag: string; ownTagIsTheClass: boolean; rendered: string[]; upgraded: boolean[] };
};

export interface HostPage {
  frame: HTMLIFrameElement;
  /** The page's window; the same object across reloads and navigations of the frame. */
  win: HostWindow;
  /** The frame's current document. */
  readonly doc: Document;
  /** The current document's element. */
  readonly el: XoiShareButton;
  /** Resolves at the frame's next load; call before what navigates it. */
  nextLoad: () => Promise<void>;
  /** After a load: the element, defined and rendered. */
  ready: () => Promise<XoiShareButton>;
}

export interface HostPageOptions {
  /** Served with a strict CSP header, or as windows-1252 (test/fixtures/hardening-server.mjs). */
  serve?: 'csp' | 'windows-1252';
  /** The element stays un-upgraded until `win.defineNow()`. */
  late?: boolean;
  /** The page's `localStorage` throws from the start. */
  storageThrows?: boolean;
  /** Inline style of the <iframe> element (its `color-scheme` is the page's preferred scheme in Gecko). */
  frameStyle?: string;
  /** The <iframe>'s `sandbox` attribute. */
  sandbox?: string;
  /** An engine without ElementInternals, without its form methods (jsdom-like), or without `customElements.getName`. */
  without?: 'attachInternals' | 'setFormValue' | 'getName';
  /** The class registered as this tag first, then the React wrappers rendered (no plain element). */
  defineAs?: string;
}

export async function hostPage(attrs: Record<string, string>, options: HostPageOptions = {}): Promise<HostPage> {
  const { serve, late = false, storageThrows = false, frameStyle, sandbox, without, defineAs } = options;
  const frame = document.createElement('iframe');
  frame.name = uid('host');
  if (frameStyle) frame.setAttribute('style', frameStyle);
  if (sandbox !== undefined) frame.setAttribute('sandbox', sandbox);
  const query = new URLSearchParams(attrs);
  if (serve) query.set('serve', serve);
  if (without) query.set('without', without);
  if (defineAs) query.set('define-as', defineAs);
  if (late) query.set('late', '1');
  if (storageThrows) query.set('storage-throws', '1');
  const nextLoad = () =>
    new Promise<void>((resolve) => frame.addEventListener('load', () => resolve(), { once: true }));
  const loaded = nextLoad();
  frame.src = `/test/fixtures/host-page.html?${query}`;
  document.body.append(frame);
  await loaded;

  /** The module script runs after `load` when it has top-level await: wait for the element. */
  const connected = async (): Promise<XoiShareButton> => {
    for (let i = 0; i < 200; i++) {
      const el = frame.contentDocument?.querySelector('xoi-share-button');
      if (el?.isConnected) return el;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('host page: no <xoi-share-button> (did its module script load?)');
  };
  const page: HostPage = {
    frame,
    win: frame.contentWindow as HostWindow,
    get doc() {
      return frame.contentDocument!;
    },
    get el() {
      const el = frame.contentDocument?.querySelector('xoi-share-button');
      if (!el) throw new Error(`no <xoi-share-button> in ${frame.contentWindow?.location.href}`);
      return el;
    },
    nextLoad,
    ready: async () => {
      const el = await connected();
      await page.win.customElements.whenDefined('xoi-share-button');
      await el.updateComplete;
      return el;
    },
  };
  if (defineAs) {
    for (let i = 0; i < 200 && !(page.win as Partial<HostWindow>).registered; i++)
      await new Promise((r) => setTimeout(r, 25));
  } else await (late ? connected() : page.ready());
  return page;
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
