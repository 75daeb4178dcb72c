/**
 * The React wrappers of both elements: `@lit/react`'s `createComponent` for one fixed tag. The
 * server and the browser render that same tag, whatever either registry holds (on a Node server
 * the registry is process-wide, so one page's `define()` would change another's HTML), so
 * hydration finds the element the server wrote.
 *
 * The tag is registered in the browser when a wrapper first renders, not when it is made:
 * importing `xoi-share-button/react` for `createXoiShareButton('acme-xoi-button')` alone never
 * takes `xoi-share-button` from another copy of the package on the page.
 *
 * The types are declared here on a namespace import of React, not taken from `@lit/react`,
 * whose declarations default-import React: hosts on `moduleResolution: node10` without
 * `esModuleInterop` would get TS1259 and `any` props.
 */
import { createComponent } from '@lit/react';
import * as React from 'react';
import { checkTagName, defineTag } from './define-element.js';

/** An event's name, typed with its event (structurally `@lit/react`'s `EventName`). */
export type EventName<T extends Event = Event> = string & { __eventType: T };

/** The element's own properties (not HTMLElement's), each optional. */
type ElementProps<I> = Partial<Omit<I, keyof HTMLElement>>;

/** `on…` props: each called with its event. */
type EventListeners<E> = {
  [K in keyof E]?: E[K] extends EventName<infer T> ? (event: T) => void : (event: Event) => void;
};

/** A wrapper's props: React's HTML attributes, the element's properties, its `on…` events, `ref` to the element. */
export type ReactWrapperProps<I extends HTMLElement, E> = Omit<
  React.HTMLAttributes<I>,
  keyof E | keyof ElementProps<I>
> &
  EventListeners<E> &
  ElementProps<I> &
  React.RefAttributes<I>;

/** A React component rendering one custom element tag (as `@lit/react`'s `ReactWebComponent`). */
export type ReactWrapper<I extends HTMLElement, E> = React.ForwardRefExoticComponent<ReactWrapperProps<I, E>>;

export interface ReactWrapperOptions<I extends HTMLElement, E> {
  tag: string;
  /** A Lit element: its `observedAttributes` getter finalizes it (creates the property accessors). */
  elementClass: (new () => I) & CustomElementConstructor & { readonly observedAttributes: string[] };
  displayName: string;
  events: E;
  /** Named in the error for an invalid tag. */
  caller: string;
}

export function reactWrapper<I extends HTMLElement, E extends Record<string, EventName>>({
  tag,
  elementClass,
  displayName,
  events,
  caller,
}: ReactWrapperOptions<I, E>): ReactWrapper<I, E> {
  const tagName = checkTagName(tag, caller);
  // @lit/react tells properties from attributes by `name in prototype`, and Lit adds its
  // accessors when the class is finalized, which registering does: on a server nothing
  // registers, so finalize here (Lit's `observedAttributes` does), or the HTML would carry
  // `partnerId="…"` attributes the browser never renders.
  // eslint-disable-next-line @typescript-eslint/no-unused-expressions -- the getter finalizes the class
  elementClass.observedAttributes;
  // Typed loosely inside: the public type is ReactWrapper, which host code is compiled against
  // (test/node/package.test.mjs); TypeScript cannot relate @lit/react's generic props to it.
  const Element: React.ElementType = createComponent({
    react: React,
    tagName,
    elementClass,
    events,
    displayName: `${displayName}(${tagName})`,
  });
  let defined = false;
  const Wrapper = React.forwardRef<I, Record<string, unknown>>((props, ref) => {
    // Only the browser's registry decides what hydrates; a server render has no document.
    if (!defined && typeof document != 'undefined') {
      defineTag(elementClass, tagName);
      defined = true;
    }
    return React.createElement(Element, { ...props, ref });
  });
  Wrapper.displayName = displayName;
  return Wrapper;
}
