export { XoiShareButton, TAG_NAME, tagName } from './define.js';
export type { XoiShareState } from './share-button/element.js';
export type {
  XoiShareDetail,
  XoiShareEventDetails,
  XoiShareEventMap,
  XoiShareEventName,
} from './share-button/events.js';
export {
  buildShareLink,
  buildShareRequest,
  createShareId,
  validateShareConfig,
  XoiShareConfigError,
  DEFAULT_BASE_URL,
  DEFAULT_SHARE_LINK_TEMPLATE,
} from './share-button/share.js';
export type {
  ShareConfig,
  ShareLinkConfig,
  ShareRequest,
  XoiShareErrorCode,
  XoiShareErrorDetail,
} from './share-button/share.js';
export type { StorageKind } from './share-button/activity-store.js';
export { translations, type XoiShareStrings } from './share-button/strings.js';
