/**
 * Replaces lone surrogates with U+FFFD, as the browser's form encoding does. A host that cuts a
 * string in the middle of an emoji produces them, and `encodeURIComponent` throws on them.
 * Pairs are matched first and kept; no lookbehind, which engines before Safari 16.4 cannot parse.
 */
export const toWellFormed = (value: string): string =>
  value.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]|[\uD800-\uDFFF]/g, (c) => (c.length > 1 ? c : '\uFFFD'));
