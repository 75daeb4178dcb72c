/** What both elements' events share: the typed `emit` and the React wrappers' prop names. */

type Pascal<S extends string> = S extends `${infer A}-${infer B}` ? `${Capitalize<A>}${Pascal<B>}` : Capitalize<S>;

/** `xoi-share-link` → `onXoiShareLink`: the React wrapper's prop for each event. */
export type EventPropName<K extends string> = `on${Pascal<K>}`;

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
