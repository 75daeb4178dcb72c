/**
 * `xoi-share-button/react`: `<XoiShareButton>` for React, with the element's events as typed
 * `on…` props. Importing it registers the element and loads the JSX typings of the plain tag.
 *
 *     <XoiShareButton partnerId="ACME" serviceTicket="WO-1" customer="…" location="…"
 *       onXoiShareLink={(e) => save(e.detail.shareLink)} />
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import { TAG_NAME, XoiShareButton as XoiShareButtonElement } from './define.js';
import type { XoiShareErrorDetail } from './share.js';
import type { XoiShareDetail } from './xoi-share-button.js';

export const XoiShareButton = /* @__PURE__ */ createComponent({
  react: React,
  tagName: TAG_NAME,
  elementClass: XoiShareButtonElement,
  displayName: 'XoiShareButton',
  events: {
    onXoiShareOpen: 'xoi-share-open' as EventName<CustomEvent<XoiShareDetail>>,
    onXoiShareLink: 'xoi-share-link' as EventName<CustomEvent<XoiShareDetail>>,
    onXoiShareIncomplete: 'xoi-share-incomplete' as EventName<CustomEvent<XoiShareDetail>>,
    onXoiShareError: 'xoi-share-error' as EventName<CustomEvent<XoiShareErrorDetail>>,
  },
});

export { XoiShareButtonElement };
export type { XoiShareDetail, XoiShareErrorDetail };
// Re-exported so that importing this entry also brings the `React.JSX` typings of the tag.
export type { XoiShareButtonAttributes, XoiShareButtonEventProps, XoiShareButtonJSXProps } from './jsx.js';
