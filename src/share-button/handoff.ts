/**
 * The hand-off to XOi: a real HTML form, submitted synchronously inside the click (popup
 * blockers and Safari's user-activation rules allow nothing else), and a check that the
 * browser really let it go.
 */
import type { ShareRequest } from './share.js';

/** What stopped the hand-off: the sandbox permission or browser setting that is missing. */
export type Blocked = 'allow-forms' | 'allow-popups';

let windows = 0;

/**
 * Posts `request` from inside `root` to `target`; returns what blocked it, or nothing when it
 * went out.
 *
 * Seen: a frame sandboxed without `allow-forms`, by its `sandbox` attribute where the frame's
 * element is reachable (same-origin ancestors) and, in Chromium and Firefox, by the form's
 * `submit` event never firing; for `_blank`, a tab that cannot open (a frame sandboxed without
 * `allow-popups`, a popup blocker, a call outside a user gesture), because the tab is opened
 * first, empty, and the form posted into it. Not seen: `allow-forms` missing from a sandbox set
 * by a cross-origin parent in WebKit, and a target frame that refuses the navigation.
 */
export function submitShare(
  root: HTMLElement | DocumentFragment,
  request: ShareRequest,
  target: string,
): Blocked | undefined {
  const doc = root.ownerDocument;
  for (let view: Window | null = doc.defaultView; view?.frameElement; view = view.parent) {
    const sandbox = view.frameElement.getAttribute('sandbox');
    if (sandbox != null && !/\ballow-forms\b/.test(sandbox)) return 'allow-forms';
  }
  let popup: Window | null | undefined;
  if (target == '_blank') {
    target = `xoi-share-${Date.now().toString(36)}-${windows++}`;
    try {
      // Without `noopener`, or `open` answers null even when the tab opened.
      popup = doc.defaultView!.open('', target);
    } catch {
      // Firefox throws where a sandbox forbids popups.
    }
    if (!popup) return 'allow-popups';
  }
  const form = doc.createElement('form');
  let submitted = false;
  form.method = 'post';
  form.action = request.action;
  form.enctype = request.enctype;
  // The host page may be windows-1252; XOi must receive UTF-8.
  form.acceptCharset = 'UTF-8';
  form.target = target;
  form.hidden = true;
  form.onsubmit = () => (submitted = true);
  for (const [name, value] of request.fields) {
    const input = doc.createElement('input');
    input.type = 'hidden';
    input.name = name;
    input.value = value;
    form.append(input);
  }
  root.append(form);
  // requestSubmit() fires `submit` (submit() does not), unless sandboxing forbids forms.
  if (form.requestSubmit) form.requestSubmit();
  else {
    form.submit();
    submitted = true;
  }
  form.remove();
  if (!submitted) {
    // Still its opener: a sandboxed frame may only close a tab it is the opener of.
    popup?.close();
    return 'allow-forms';
  }
  try {
    // XOi's page gets no handle on this one, as with rel=noopener. Done before XOi's page
    // arrives: the navigation has only been queued.
    if (popup) popup.opener = null;
  } catch {
    // A frame without allow-same-origin may not touch the tab it opened: XOi's page can then
    // reach (navigate) that sandboxed frame, nothing more.
  }
}
