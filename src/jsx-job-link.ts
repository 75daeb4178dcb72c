/**
 * JSX typings for the plain `<xoi-job-link>` element in React (19's `React.JSX`, also React
 * 18's types). Loaded by `xoi-share-button/react-job-link`; without the wrapper, add
 * `import type {} from 'xoi-share-button/jsx-job-link'` once.
 *
 * React 19 sets a prop as a property when the element has one, else as an attribute, and
 * `onxoi-job-link-linked` listens to `xoi-job-link-linked`.
 */
import type * as React from 'react';
import type { XoiJobLinkEventMap, XoiJobLinkEventName } from './job-link/events.js';
import type { XoiJobLink } from './job-link/element.js';

/** The element's attributes, kebab-case as in HTML. */
export interface XoiJobLinkAttributes {
  endpoint?: string;
  'work-order'?: string;
  filter?: string;
}

/** React 19 adds `on<event-name>` props on custom elements as listeners for `<event-name>`. */
export type XoiJobLinkEventProps = { [K in XoiJobLinkEventName as `on${K}`]?: (event: XoiJobLinkEventMap[K]) => void };

export type XoiJobLinkJSXProps = Omit<React.HTMLAttributes<XoiJobLink>, keyof XoiJobLinkAttributes> &
  XoiJobLinkAttributes &
  XoiJobLinkEventProps & {
    class?: string;
    ref?: React.Ref<XoiJobLink>;
    key?: React.Key | null;
  };

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'xoi-job-link': XoiJobLinkJSXProps;
    }
  }
}
