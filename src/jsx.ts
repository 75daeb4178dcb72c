/**
 * JSX typings for the plain `<xoi-share-button>` element in React (19's `React.JSX`, also
 * React 18's types). Loaded by `xoi-share-button/react`; without the wrapper, add
 * `import type {} from 'xoi-share-button/jsx'` once. Kept out of the root entry so hosts that
 * do not use React never need `@types/react`.
 *
 * React 19 sets a prop as a property when the element has one (`tags={['a', 'b']}`), else as an
 * attribute (`true` → `""`, `false` → removed), and `onxoi-share-link` listens to
 * `xoi-share-link`.
 */
import type * as React from 'react';
import type { XoiShareEventMap, XoiShareEventName } from './share-button/events.js';
import type { XoiShareButton } from './share-button/element.js';

/** The element's attributes, kebab-case as in HTML. */
export interface XoiShareButtonAttributes {
  'partner-id'?: string;
  'service-ticket'?: string;
  customer?: string;
  location?: string;
  /** A JSON array or comma-separated list; in React 19 also an array (set as the property). */
  tags?: string | string[];
  'share-id'?: string;
  'base-url'?: string;
  'share-link-template'?: string;
  target?: string;
  'no-confirm'?: boolean;
  storage?: 'local' | 'session' | 'none';
  name?: string;
  required?: boolean;
  disabled?: boolean;
}

/** React 19 adds `on<event-name>` props on custom elements as listeners for `<event-name>`. */
export type XoiShareButtonEventProps = { [K in XoiShareEventName as `on${K}`]?: (event: XoiShareEventMap[K]) => void };

export type XoiShareButtonJSXProps = Omit<React.HTMLAttributes<XoiShareButton>, keyof XoiShareButtonAttributes> &
  XoiShareButtonAttributes &
  XoiShareButtonEventProps & {
    class?: string;
    children?: React.ReactNode;
    ref?: React.Ref<XoiShareButton>;
    key?: React.Key | null;
  };

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'xoi-share-button': XoiShareButtonJSXProps;
    }
  }
}
