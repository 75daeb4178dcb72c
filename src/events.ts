/**
 * The element's events, in one map: the element's `emit`, `GlobalEventHandlersEventMap`, the
 * React wrapper's `on…` props, the JSX typings and the custom elements manifest all read it.
 */
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

type Pascal<S extends string> = S extends `${infer A}-${infer B}` ? `${Capitalize<A>}${Pascal<B>}` : Capitalize<S>;

/** `xoi-share-link` → `onXoiShareLink`: the React wrapper's prop for each event. */
export type EventPropName<K extends string> = `on${Pascal<K>}`;

export const XOI_SHARE_EVENTS: readonly XoiShareEventName[] = [
  'xoi-share-open',
  'xoi-share-link',
  'xoi-share-incomplete',
  'xoi-share-error',
];

export const eventPropName = <K extends string>(name: K): EventPropName<K> =>
  ('on' + name.replace(/(?:^|-)(\w)/g, (_, c: string) => c.toUpperCase())) as EventPropName<K>;

/**
 * A typed `emit` for an element's event map `M` (event name → detail): dispatches from `target`,
 * bubbling and composed. One implementation for every element of the package.
 */
export const emitter =
  <M>() =>
  <K extends keyof M & string>(target: EventTarget, type: K, detail: M[K], cancelable = false): boolean =>
    target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable }));

/** Dispatches one of `<xoi-share-button>`'s events. */
export const emit = emitter<XoiShareEventDetails>();
