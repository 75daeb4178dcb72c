/** `xoi-share-button/xoi-share-button`: the class alone, not registered (see `define.ts`). */
export { XoiShareButton } from './share-button/element.js';
export type { XoiShareDetail, XoiShareErrorDetail, XoiShareState } from './share-button/element.js';
