import { css } from 'lit';

/**
 * What `<xoi-share-button>` and `<xoi-job-link>` style alike, first in both elements' `styles`:
 * the default palette, the buttons, focus, the share link, the screen-reader-only text.
 *
 * Each element maps its `--xoi-*` custom properties onto the private `--_accent`, `--_text`,
 * `--_bg`, `--_border`, `--_error`, `--_focus`, `--_radius` in its own sheet, falling back to
 * the defaults here (`--_d-*`). Light or dark follows the inherited CSS `color-scheme` through
 * `light-dark()`; engines without it (before Chrome 123, Firefox 120, Safari 17.5) get the light
 * palette from the `@supports not` block: every default has a value there.
 *
 * (No comments inside the literal: Lit ships its text as is.)
 */
export const baseStyles = css`
  :host {
    max-width: 100%;
  }
  :host([hidden]) {
    display: none;
  }
  button {
    box-sizing: border-box;
    min-width: 44px;
    min-height: 44px;
    padding: 0.5em 1em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_text);
    font: inherit;
    cursor: pointer;
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.55;
  }
  :focus-visible {
    outline: var(--_focus);
    outline-offset: 2px;
  }
  .question {
    font-weight: 600;
  }
  [part~='link'] {
    display: inline-flex;
    align-items: center;
    min-height: 44px;
    color: var(--_accent);
    overflow-wrap: anywhere;
  }
  [part~='error'] {
    margin: 0;
    color: var(--_error);
  }
  .sr {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  @media (forced-colors: active) {
    button:disabled {
      opacity: 1;
      color: GrayText;
      border-color: GrayText;
    }
    :focus-visible {
      outline-color: Highlight;
    }
  }
  @media (prefers-reduced-motion: no-preference) {
    button {
      transition: background-color 0.15s, box-shadow 0.15s;
    }
  }
`;
