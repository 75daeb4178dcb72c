'use client';
/**
 * `xoi-share-button/react`: `<XoiShareButton>` for React, with the element's events as typed
 * `on…` props, and `createXoiShareButton(tag)` for a wrapper of your own tag. A wrapper renders
 * its tag on the server and in the browser alike, and registers it in the browser when it first
 * renders (src/shared/react-wrapper.ts). Importing this entry loads the JSX typings of the plain
 * tag. A client module (`'use client'`): a Next.js Server Component may render it.
 *
 *     <XoiShareButton partnerId="ACME" serviceTicket="WO-1" customer="…" location="…"
 *       onXoiShareLink={(e) => save(e.detail.shareLink)} />
 */
import { XoiShareButton as XoiShareButtonElement } from './share-button/element.js';
import { XOI_SHARE_EVENTS, type XoiShareEventMap, type XoiShareEventName } from './share-button/events.js';
import { eventPropName, type EventPropName } from './shared/emitter.js';
import { reactWrapper, type EventName, type ReactWrapper } from './shared/react-wrapper.js';

/** `onXoiShareLink` → `xoi-share-link`, typed with its event, for every event of the element. */
export type XoiShareButtonEvents = { [K in XoiShareEventName as EventPropName<K>]: EventName<XoiShareEventMap[K]> };

/** A React component rendering `<xoi-share-button>`, or the tag given to `createXoiShareButton`. */
export type XoiShareButtonComponent = ReactWrapper<XoiShareButtonElement, XoiShareButtonEvents>;

const events = Object.fromEntries(XOI_SHARE_EVENTS.map((name) => [eventPropName(name), name])) as XoiShareButtonEvents;

/**
 * A wrapper that renders `tag` (e.g. `acme-xoi-button`) on the server and in the browser, and
 * registers the element as `tag` in the browser on its first render (a subclass when the class
 * already has another name). Call it once, at module level. Throws a TypeError for a name that
 * is not a custom element name.
 */
export function createXoiShareButton(tag: string): XoiShareButtonComponent {
  return reactWrapper({
    tag,
    elementClass: XoiShareButtonElement,
    displayName: 'XoiShareButton',
    events,
    caller: 'createXoiShareButton',
  });
}

/** Renders `<xoi-share-button>`, always: also when the page registered the class under its own tag. */
export const XoiShareButton: XoiShareButtonComponent = /* @__PURE__ */ createXoiShareButton('xoi-share-button');

export { XoiShareButtonElement };
export type { EventName, ReactWrapperProps } from './shared/react-wrapper.js';
export type { XoiShareDetail, XoiShareErrorDetail } from './share-button/element.js';
// Re-exported so that importing this entry also brings the `React.JSX` typings of the tag.
export type { XoiShareButtonAttributes, XoiShareButtonEventProps, XoiShareButtonJSXProps } from './jsx.js';
