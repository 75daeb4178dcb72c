import { css } from 'lit';
import { baseStyles } from '../shared/base-styles.js';

/**
 * `<xoi-job-link>`'s styles: base-styles.ts (buttons, focus, the share link, the
 * screen-reader-only text; shared with `<xoi-share-button>`), then its own rules. Each colour
 * and size reads `--xoi-job-link-*`, then the `--xoi-share-*` property of the same meaning, then
 * the default: a host that themed `<xoi-share-button>` themes both tiers with the same rule, and
 * can still set this one apart.
 *
 * Light or dark follows the inherited CSS `color-scheme` through `light-dark()`, as in
 * `<xoi-share-button>`; engines without it get the light palette from the `@supports not` block.
 * (The palette stays in each element's own sheet: read through one more custom property from
 * base-styles.ts, it made the share button's bundle 53 B brotli larger.) Every control is at
 * least 44×44 CSS px. Printed, only the linked job and its share link (written out) remain.
 *
 * (No comments inside the literal: Lit ships its text as is.)
 */
export const jobLinkStyles = [
  baseStyles,
  css`
    :host {
      --_accent: var(--xoi-job-link-accent, var(--xoi-share-accent, light-dark(#0b5cad, #7cb4f5)));
      --_accent-text: var(--xoi-job-link-accent-text, var(--xoi-share-accent-text, light-dark(#fff, #0d1117)));
      --_text: var(--xoi-job-link-text, var(--xoi-share-text, light-dark(#1b1f24, #e6edf3)));
      --_muted: var(--xoi-job-link-muted, light-dark(#4d5660, #a8b3bf));
      --_bg: var(--xoi-job-link-background, var(--xoi-share-background, light-dark(#fff, #161b22)));
      --_border: var(--xoi-job-link-border, var(--xoi-share-border, light-dark(#6b7580, #8b949e)));
      --_error: var(--xoi-job-link-error, var(--xoi-share-error, light-dark(#b3261e, #ff9a8f)));
      --_warning: var(--xoi-job-link-warning, light-dark(#8a4b00, #f2b866));
      --_radius: var(--xoi-job-link-radius, var(--xoi-share-radius, 6px));
      --_gap: var(--xoi-job-link-spacing, var(--xoi-share-spacing, 0.5rem));
      --_focus: var(--xoi-job-link-focus-ring, var(--xoi-share-focus-ring, 3px solid light-dark(#1a73e8, #9ecbff)));
      display: block;
      font: var(--xoi-job-link-font, var(--xoi-share-font, inherit));
      color: var(--xoi-job-link-text, var(--xoi-share-text, inherit));
    }
    @supports not (color: light-dark(#000, #fff)) {
      :host {
        --_accent: var(--xoi-job-link-accent, var(--xoi-share-accent, #0b5cad));
        --_accent-text: var(--xoi-job-link-accent-text, var(--xoi-share-accent-text, #fff));
        --_text: var(--xoi-job-link-text, var(--xoi-share-text, #1b1f24));
        --_muted: var(--xoi-job-link-muted, #4d5660);
        --_bg: var(--xoi-job-link-background, var(--xoi-share-background, #fff));
        --_border: var(--xoi-job-link-border, var(--xoi-share-border, #6b7580));
        --_error: var(--xoi-job-link-error, var(--xoi-share-error, #b3261e));
        --_warning: var(--xoi-job-link-warning, #8a4b00);
        --_focus: var(--xoi-job-link-focus-ring, var(--xoi-share-focus-ring, 3px solid #1a73e8));
      }
    }
    .base,
    [part~='filter'],
    [part~='question'],
    [part~='linked'],
    .actions {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_gap);
    }
    .base,
    [part~='question'],
    [part~='linked'] {
      flex-direction: column;
      align-items: stretch;
    }
    p {
      margin: 0;
    }
    .base > button,
    .actions > * {
      align-self: flex-start;
    }
    input {
      box-sizing: border-box;
      flex: 1 1 10em;
      min-width: 0;
      min-height: 44px;
      padding: 0.5em 0.75em;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_bg);
      color: var(--_text);
      font: inherit;
    }
    [part~='start'],
    [part~='yes'],
    [part~='confirm'],
    [part~='retry'] {
      border-color: var(--_accent);
      background: var(--_accent);
      color: var(--_accent-text);
      font-weight: 600;
    }
    [part~='label'],
    [part~='count'],
    .title {
      font-weight: 600;
    }
    [part~='list'] {
      display: flex;
      flex-direction: column;
      gap: var(--_gap);
      margin: 0;
      padding: 0;
      list-style: none;
    }
    [part~='job'] {
      display: flex;
      flex-direction: column;
      align-items: flex-start;
      width: 100%;
      text-align: start;
    }
    [part~='job-label'] {
      font-weight: 600;
    }
    [part~='job-meta'],
    [part~='linked-meta'],
    [part~='status'],
    [part~='notice'] {
      color: var(--_muted);
    }
    [part~='job-meta'] {
      font-size: 0.875em;
    }
    [part~='job'][data-complete='false'] [part~='job-meta'],
    [part~='hint'],
    [part~='warning'] {
      color: var(--_warning);
    }
    [part~='open'] {
      display: inline-flex;
      align-items: center;
      min-height: 44px;
      color: var(--_accent);
      overflow-wrap: anywhere;
    }
    @media print {
      button,
      [part~='filter'],
      [part~='question'],
      [part~='error'],
      [part~='open'] {
        display: none;
      }
      [part~='link'] {
        color: inherit;
      }
    }
  `,
];
