/**
 * Entry of `dist/cdn/xoi-share-button.classic.js`, the classic-script (IIFE) bundle for pages
 * that cannot load modules. Registers the element (guarded) and exposes the class as
 * `window.XoiShareButton`.
 */
import { TAG_NAME, XoiShareButton } from './define.js';

declare global {
  interface Window {
    XoiShareButton: typeof XoiShareButton;
  }
}

// With several bundles on one page only the first one's class is registered: expose that one,
// so `el instanceof window.XoiShareButton` holds for every <xoi-share-button>.
window.XoiShareButton ??= (customElements.get(TAG_NAME) as typeof XoiShareButton | undefined) ?? XoiShareButton;
