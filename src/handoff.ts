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
 * Posts `request` from inside `root` to `target`. Returns what blocked it, or nothing when it
 * went out. Detected: a frame sandboxed without `allow-forms` (the form's `submit` event never
 * fires), and for `_blank` a new tab that cannot open (a frame sandboxed without `allow-popups`,
 * a popup blocker, a press outside a user gesture): the tab is opened first, empty, and the
 * form is posted into it, so a refused tab is seen. Not detectable: a frame that blocks the
 * navigation itself (`allow-top-navigation` for `_top`), or a named frame that refuses it.
 */
export function submitShare(root: HTMLElement | DocumentFragment, request: ShareRequest, target: string): Blocked | undefined {
  const doc = root.ownerDocument!;
  const form = doc.createElement('form');
  let popup: Window | null | undefined;
  if (target == '_blank') {
    target = `xoi-share-${Date.now().toString(36)}-${windows++}`;
    // Without `noopener`, or `open` answers null even when the tab opened.
    popup = doc.defaultView?.open('', target);
    if (!popup) return 'allow-popups';
    // XOi's page gets no handle on this one, as with rel=noopener.
    popup.opener = null;
  }
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
  if (submitted) return;
  popup?.close();
  return 'allow-forms';
}
