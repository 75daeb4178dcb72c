'use client';
/**
 * `xoi-share-button/react`: `<XoiShareButton>` for React, with the element's events as typed
 * `on…` props. Importing it registers the element and loads the JSX typings of the plain tag.
 * A client module (`'use client'`): a Next.js Server Component may render it.
 *
 *     <XoiShareButton partnerId="ACME" serviceTicket="WO-1" customer="…" location="…"
 *       onXoiShareLink={(e) => save(e.detail.shareLink)} />
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import { tagName, XoiShareButton as XoiShareButtonElement } from './define.js';
import { XOI_SHARE_EVENTS, type XoiShareEventMap, type XoiShareEventName } from './share-button/events.js';
import { eventPropName, type EventPropName } from './shared/emitter.js';

/** `onXoiShareLink` → `xoi-share-link`, typed with its event, for every event of the element. */
export type XoiShareButtonEvents = { [K in XoiShareEventName as EventPropName<K>]: EventName<XoiShareEventMap[K]> };

export const XoiShareButton = /* @__PURE__ */ createComponent({
  react: React,
  // The registered name: the host may have registered the class under its own tag first.
  tagName,
  elementClass: XoiShareButtonElement,
  displayName: 'XoiShareButton',
  events: Object.fromEntries(XOI_SHARE_EVENTS.map((name) => [eventPropName(name), name])) as XoiShareButtonEvents,
});

export { XoiShareButtonElement };
export type { XoiShareDetail, XoiShareErrorDetail } from './share-button/element.js';
// Re-exported so that importing this entry also brings the `React.JSX` typings of the tag.
export type { XoiShareButtonAttributes, XoiShareButtonEventProps, XoiShareButtonJSXProps } from './jsx.js';
