'use client';
/**
 * `xoi-share-button/react-job-link`: `<XoiJobLink>` for React, with the element's events as
 * typed `on…` props. Importing it registers the element and loads the JSX typings of the plain
 * tag. A client module (`'use client'`): a Next.js Server Component may render it.
 *
 *     <XoiJobLink endpoint="/xoi" workOrder={order.id} filter={order.number}
 *       onXoiJobLinkLinked={(e) => save(e.detail.shareLink)} />
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import { eventPropName, type EventPropName } from './shared/emitter.js';
import { XOI_JOB_LINK_EVENTS, type XoiJobLinkEventMap, type XoiJobLinkEventName } from './job-link/events.js';
import { jobLinkTagName, XoiJobLink as XoiJobLinkElement } from './job-link.js';

/** `onXoiJobLinkLinked` → `xoi-job-link-linked`, typed with its event, for every event of the element. */
export type XoiJobLinkEvents = { [K in XoiJobLinkEventName as EventPropName<K>]: EventName<XoiJobLinkEventMap[K]> };

export const XoiJobLink = /* @__PURE__ */ createComponent({
  react: React,
  // The registered name: the host may have registered the class under its own tag first.
  tagName: jobLinkTagName,
  elementClass: XoiJobLinkElement,
  displayName: 'XoiJobLink',
  events: Object.fromEntries(XOI_JOB_LINK_EVENTS.map((name) => [eventPropName(name), name])) as XoiJobLinkEvents,
});

export { XoiJobLinkElement };
export type { XoiJobLinkDetail, XoiJobLinkErrorDetail, XoiJobLinkState } from './job-link/element.js';
// Re-exported so that importing this entry also brings the `React.JSX` typings of the tag.
export type { XoiJobLinkAttributes, XoiJobLinkEventProps, XoiJobLinkJSXProps } from './jsx-job-link.js';
