import { XoiShareButton, type XoiShareDetail } from './xoi-share-button.js';
import type { XoiShareErrorDetail } from './share.js';

export const TAG_NAME = 'xoi-share-button';

// Guarded: a script tag loaded twice, or the module and classic bundles together, must not throw.
if (!customElements.get(TAG_NAME)) customElements.define(TAG_NAME, XoiShareButton);

export { XoiShareButton };

declare global {
  interface HTMLElementTagNameMap {
    'xoi-share-button': XoiShareButton;
  }
  interface GlobalEventHandlersEventMap {
    'xoi-share-open': CustomEvent<XoiShareDetail>;
    'xoi-share-link': CustomEvent<XoiShareDetail>;
    'xoi-share-incomplete': CustomEvent<XoiShareDetail>;
    'xoi-share-error': CustomEvent<XoiShareErrorDetail>;
  }
}
