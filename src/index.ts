export { XoiShareButton, TAG_NAME } from './define.js';
export type { XoiShareDetail, XoiShareState } from './xoi-share-button.js';
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
