/**
 * The element's events, in one map: the element's `emit`, `GlobalEventHandlersEventMap`, the
 * React wrapper's `on…` props, the JSX typings and the custom elements manifest all read it.
 */
import { emitter } from '../shared/emitter.js';
import type { XoiShareErrorDetail } from './share.js';

/** `detail` of `xoi-share-open`, `xoi-share-link` and `xoi-share-incomplete`. */
export interface XoiShareDetail {
  partnerId: string;
  shareId: string;
  serviceTicket: string;
  customer: string;
  location: string;
  tags: string[];
  shareLink: string;
}

/** Each event's `detail`. All bubble and are composed. */
export interface XoiShareEventDetails {
  /** Before the POST to XOi; `preventDefault()` cancels it. */
  'xoi-share-open': XoiShareDetail;
  /** The share link is populated (Yes, or at once with `no-confirm`). */
  'xoi-share-link': XoiShareDetail;
  /** The technician answered No. */
  'xoi-share-incomplete': XoiShareDetail;
  /** Configuration is invalid, storage failed, or the browser blocked opening XOi: `{ code, field?, message }`. */
  'xoi-share-error': XoiShareErrorDetail;
}

export type XoiShareEventName = keyof XoiShareEventDetails;

export type XoiShareEventMap = { [K in XoiShareEventName]: CustomEvent<XoiShareEventDetails[K]> };

export const XOI_SHARE_EVENTS: readonly XoiShareEventName[] = [
  'xoi-share-open',
  'xoi-share-link',
  'xoi-share-incomplete',
  'xoi-share-error',
];

/** Dispatches one of `<xoi-share-button>`'s events. */
export const emit = emitter<XoiShareEventDetails>();
