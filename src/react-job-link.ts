'use client';
/**
 * `xoi-share-button/react-job-link`: `<XoiJobLink>` for React, with the element's events as
 * typed `on…` props, and `createXoiJobLink(tag)` for a wrapper of your own tag. Like
 * `xoi-share-button/react`: a wrapper renders its tag on the server and in the browser alike and
 * registers it in the browser when it first renders. Importing this entry loads the JSX typings
 * of the plain tag. A client module (`'use client'`): a Next.js Server Component may render it.
 *
 *     <XoiJobLink endpoint="/xoi" workOrder={order.id} filter={order.number}
 *       onXoiJobLinkLinked={(e) => save(e.detail.shareLink)} />
 */
import { XoiJobLink as XoiJobLinkElement } from './job-link/element.js';
import { XOI_JOB_LINK_EVENTS, type XoiJobLinkEventMap, type XoiJobLinkEventName } from './job-link/events.js';
import { eventPropName, type EventPropName } from './shared/emitter.js';
import { reactWrapper, type EventName, type ReactWrapper } from './shared/react-wrapper.js';

/** `onXoiJobLinkLinked` → `xoi-job-link-linked`, typed with its event, for every event of the element. */
export type XoiJobLinkEvents = { [K in XoiJobLinkEventName as EventPropName<K>]: EventName<XoiJobLinkEventMap[K]> };

/** A React component rendering `<xoi-job-link>`, or the tag given to `createXoiJobLink`. */
export type XoiJobLinkComponent = ReactWrapper<XoiJobLinkElement, XoiJobLinkEvents>;

const events = Object.fromEntries(XOI_JOB_LINK_EVENTS.map((name) => [eventPropName(name), name])) as XoiJobLinkEvents;

/**
 * A wrapper that renders `tag` (e.g. `acme-job-link`) on the server and in the browser, and
 * registers the element as `tag` in the browser on its first render (a subclass when the class
 * already has another name). Call it once, at module level. Throws a TypeError for a name that
 * is not a custom element name.
 */
export function createXoiJobLink(tag: string): XoiJobLinkComponent {
  return reactWrapper({
    tag,
    elementClass: XoiJobLinkElement,
    displayName: 'XoiJobLink',
    events,
    caller: 'createXoiJobLink',
  });
}

/** Renders `<xoi-job-link>`, always: also when the page registered the class under its own tag. */
export const XoiJobLink: XoiJobLinkComponent = /* @__PURE__ */ createXoiJobLink('xoi-job-link');

export { XoiJobLinkElement };
export type { EventName, ReactWrapperProps } from './shared/react-wrapper.js';
export type { XoiJobLinkDetail, XoiJobLinkErrorDetail, XoiJobLinkState } from './job-link/element.js';
// Re-exported so that importing this entry also brings the `React.JSX` typings of the tag.
export type { XoiJobLinkAttributes, XoiJobLinkEventProps, XoiJobLinkJSXProps } from './jsx-job-link.js';
