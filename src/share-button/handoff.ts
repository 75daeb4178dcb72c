/**
 * The hand-off to XOi: a real HTML form, submitted synchronously inside the click (popup
 * blockers and Safari's user-activation rules allow nothing else), and a check that the
 * browser really let it go.
 */
import type { ShareRequest } from './share.js';

/** What stopped the hand-off: a sandbox permission or browser setting that is missing. */
export type Blocked = 'allow-forms' | 'allow-popups';

let windows = 0;

/**
 * Posts `request` from inside `root` to `target`; returns every permission missing for it (in
 * that order), or nothing when it went out.
 *
 * Seen: a frame sandboxed without `allow-forms`, by its `sandbox` attribute where the frame's
 * element is reachable (same-origin ancestors) and, in Chromium and Firefox, by the form's
 * `submit` event never firing; for `_blank`, a tab that cannot open (a frame sandboxed without
 * `allow-popups`, a popup blocker, a call outside a user gesture), because the tab is opened
 * first, empty, and the form posted into it. When the tab cannot open, the form is still
 * submitted, cancelled, to learn whether forms are refused too. Not seen: `allow-forms` missing
 * from a sandbox set by a cross-origin parent in WebKit, and a target frame that refuses the
 * navigation.
 */
export function submitShare(
  root: HTMLElement | DocumentFragment,
  request: ShareRequest,
  target: string,
): Blocked[] | undefined {
  const doc = root.ownerDocument;
  const blank = target == '_blank';
  // Where the frames' elements are reachable, their sandboxes: a frame inherits its parent's.
  let forms = true;
  let popups = true;
  for (let view: Window | null = doc.defaultView; view?.frameElement; view = view.parent) {
    const sandbox = view.frameElement.getAttribute('sandbox');
    if (sandbox == null) continue;
    forms &&= /\ballow-forms\b/.test(sandbox);
    popups &&= /\ballow-popups\b/.test(sandbox);
  }
  // No tab is opened for a form the sandbox refuses.
  if (!forms) return blank && !popups ? ['allow-forms', 'allow-popups'] : ['allow-forms'];
  let popup: Window | null | undefined;
  if (blank) {
    target = `xoi-share-${Date.now().toString(36)}-${windows++}`;
    try {
      // Without `noopener`, or `open` answers null even when the tab opened.
      popup = doc.defaultView!.open('', target);
    } catch {
      // Firefox throws where a sandbox forbids popups.
    }
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
  // Without a tab to post into, the submission is cancelled: it only tells whether forms are refused too.
  form.onsubmit = () => ((submitted = true), !blank || !!popup);
  for (const [name, value] of request.fields) {
    const input = doc.createElement('input');
    input.type = 'hidden';
    input.name = name;
    input.value = value;
    form.append(input);
  }
  root.append(form);
  // requestSubmit() fires `submit` (submit() does not), unless sandboxing forbids forms.
  // Without it (Safari before 16) forms are taken as allowed.
  if (form.requestSubmit) form.requestSubmit();
  else if (((submitted = true), !blank || popup)) form.submit();
  form.remove();
  if (!submitted || (blank && !popup)) {
    // Still its opener: a sandboxed frame may only close a tab it is the opener of.
    popup?.close();
    const missing: Blocked[] = submitted ? [] : ['allow-forms'];
    if (blank && !popup) missing.push('allow-popups');
    return missing;
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
