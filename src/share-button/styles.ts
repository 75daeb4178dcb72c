import { css } from 'lit';
import { baseStyles } from '../shared/base-styles.js';

/**
 * `<xoi-share-button>`'s styles: base-styles.ts (the palette's defaults, buttons, focus, the
 * link; shared with `<xoi-job-link>`), then its own rules. Constructed sheets shared by every
 * instance. Colours and sizes come from
 * `--xoi-share-*` custom properties, so hosts theme without `::part()` when they can.
 *
 * Light or dark follows the inherited CSS `color-scheme` through `light-dark()` (base-styles.ts):
 * a light-only FSM page stays light even on a dark OS, a page that declares `color-scheme: light
 * dark` follows `prefers-color-scheme`, and a host forces either with `color-scheme: dark` on the
 * element or a container. Text outside buttons inherits the page's colour; buttons pair their
 * own text and background so they stay readable on any page.
 *
 * Printed (an invoice, a PDF) the element is its link with the full URL written out: no
 * buttons, no question, no errors.
 *
 * (No comments inside the literal: Lit ships its text as is.)
 */
export const styles = [
  baseStyles,
  css`
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
  .base,
  [part~='prompt'],
  .answers {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_gap);
  }
  [part~='button'] {
    border-color: var(--_accent);
    background: var(--_accent);
    color: var(--_accent-text);
    font-weight: 600;
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
`,
];
