import { css } from 'lit';

/**
 * One constructed sheet shared by every instance. Colours and sizes come from
 * `--xoi-share-*` custom properties, so hosts theme without `::part()` when they can.
 *
 * Light or dark follows the inherited CSS `color-scheme` through `light-dark()`: a light-only
 * FSM page stays light even on a dark OS, a page that declares `color-scheme: light dark`
 * follows `prefers-color-scheme`, and a host forces either with `color-scheme: dark` on the
 * element or a container. Text outside buttons inherits the page's colour; buttons pair
 * their own text and background so they stay readable on any page.
 *
 * Engines without `light-dark()` (before Chrome 123, Firefox 120, Safari 17.5) get the light
 * palette from the `@supports not` block: every colour has a value there.
 *
 * Printed (an invoice, a PDF) the element is its link with the full URL written out: no
 * buttons, no question, no errors.
 *
 * (No comments inside the literal: Lit ships its text as is.)
 */
export const styles = css`
  :host {
    --_accent: var(--xoi-share-accent, light-dark(#0b5cad, #7cb4f5));
    --_accent-text: var(--xoi-share-accent-text, light-dark(#fff, #0d1117));
    --_text: var(--xoi-share-text, light-dark(#1b1f24, #e6edf3));
    --_bg: var(--xoi-share-background, light-dark(#fff, #161b22));
    --_border: var(--xoi-share-border, light-dark(#6b7580, #8b949e));
    --_error: var(--xoi-share-error, light-dark(#b3261e, #ff9a8f));
    --_radius: var(--xoi-share-radius, 6px);
    --_gap: var(--xoi-share-spacing, 0.5rem);
    --_focus: var(--xoi-share-focus-ring, 3px solid light-dark(#1a73e8, #9ecbff));
    display: inline-block;
    max-width: 100%;
    font: var(--xoi-share-font, inherit);
    color: var(--xoi-share-text, inherit);
  }
  @supports not (color: light-dark(#000, #fff)) {
    :host {
      --_accent: var(--xoi-share-accent, #0b5cad);
      --_accent-text: var(--xoi-share-accent-text, #fff);
      --_text: var(--xoi-share-text, #1b1f24);
      --_bg: var(--xoi-share-background, #fff);
      --_border: var(--xoi-share-border, #6b7580);
      --_error: var(--xoi-share-error, #b3261e);
      --_focus: var(--xoi-share-focus-ring, 3px solid #1a73e8);
    }
  }
  :host([hidden]) {
    display: none;
  }
  .base,
  [part~='prompt'],
  .answers {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_gap);
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
  [part~='button'] {
    border-color: var(--_accent);
    background: var(--_accent);
    color: var(--_accent-text);
    font-weight: 600;
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.55;
  }
  button:focus-visible,
  a:focus-visible,
  .question:focus-visible {
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
    button:focus-visible,
    a:focus-visible,
    .question:focus-visible {
      outline-color: Highlight;
    }
  }
  .url {
    display: none;
  }
  @media print {
    button,
    [part~='prompt'],
    [part~='error'] {
      display: none;
    }
    [part~='link'] {
      color: inherit;
    }
    .url {
      display: inline;
      margin-inline-start: 0.5em;
    }
  }
  @media (prefers-reduced-motion: no-preference) {
    button {
      transition: background-color 0.15s ease, box-shadow 0.15s ease;
    }
  }
`;
