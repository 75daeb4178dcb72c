/**
 * `xoi-share-button/job-link`: registers `<xoi-job-link>` (the XOi Cloud tier's element) and
 * exports its class and types. Kept apart from the root entry, so `<xoi-share-button>`'s
 * script-tag bundle does not carry it; `dist/cdn/xoi-job-link.js` is this entry bundled.
 */
import type { XoiJobLinkEventMap } from './job-link/events.js';
import { XoiJobLink } from './job-link/element.js';

/** The default tag. The entries of both elements export the same names for the same things. */
export const TAG_NAME = 'xoi-job-link';

/**
 * The name the element is registered under: `xoi-job-link`, unless the class was already
 * registered under another name (`XoiJobLink.define('acme-job-link')` before this module ran).
 * Guarded: loading the module twice, or with the script-tag bundle, never throws.
 */
export const tagName = XoiJobLink.define(TAG_NAME);

export { XoiJobLink };
export type { XoiJobLinkState } from './job-link/element.js';
export type {
  XoiJobLinkDetail,
  XoiJobLinkErrorCode,
  XoiJobLinkErrorDetail,
  XoiJobLinkEventDetails,
  XoiJobLinkEventMap,
  XoiJobLinkEventName,
} from './job-link/events.js';
export { jobLinkTranslations as translations, type XoiJobLinkStrings } from './job-link/strings.js';
export type {
  AlreadyLinkedReason,
  LinkableJob,
  WorkOrderLink,
  WorkOrderLinkDeepLinks,
  XoiRouteErrorCode,
} from './contract/routes.js';

declare global {
  interface HTMLElementTagNameMap {
    'xoi-job-link': XoiJobLink;
  }
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges the map into the DOM's
  interface GlobalEventHandlersEventMap extends XoiJobLinkEventMap {}
}
