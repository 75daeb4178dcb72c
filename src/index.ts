export { XoiShareButton, TAG_NAME, tagName } from './define.js';
export type { XoiShareState } from './xoi-share-button.js';
export type { XoiShareDetail, XoiShareEventDetails, XoiShareEventMap, XoiShareEventName } from './events.js';
export {
  buildShareLink,
  buildShareRequest,
  createShareId,
  validateShareConfig,
  XoiShareConfigError,
  DEFAULT_BASE_URL,
  DEFAULT_SHARE_LINK_TEMPLATE,
} from './share.js';
export type { ShareConfig, ShareLinkConfig, ShareRequest, XoiShareErrorCode, XoiShareErrorDetail } from './share.js';
export type { StorageKind } from './activity-store.js';
export { translations, type XoiShareStrings } from './i18n.js';
