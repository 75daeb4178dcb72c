import { XoiShareButton } from './share-button/element.js';
import type { XoiShareEventMap } from './share-button/events.js';

export const TAG_NAME = 'xoi-share-button';

/**
 * The name the element is registered under: `xoi-share-button`, unless the class was already
 * registered under another name (`XoiShareButton.define('acme-xoi')` before this module ran).
 * Guarded: a script tag loaded twice, or the module and classic bundles together, never throw.
 */
export const tagName = XoiShareButton.define(TAG_NAME);

export { XoiShareButton };

declare global {
  interface HTMLElementTagNameMap {
    'xoi-share-button': XoiShareButton;
  }
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges the map into the DOM's
  interface GlobalEventHandlersEventMap extends XoiShareEventMap {}
}
