import { css } from 'lit';

/**
 * One constructed sheet shared by every instance. Colours and sizes come from
 * `--xoi-share-*` custom properties so hosts theme without `::part()` when they can.
 */
export const styles = css`
  :host {
    --_accent: var(--xoi-share-accent, #0b5cad);
    --_accent-text: var(--xoi-share-accent-text, #fff);
    --_text: var(--xoi-share-text, #1b1f24);
    --_muted: var(--xoi-share-muted, #4a5560);
    --_bg: var(--xoi-share-background, #fff);
    --_border: var(--xoi-share-border, #8a949e);
    --_error: var(--xoi-share-error, #b3261e);
    --_radius: var(--xoi-share-radius, 6px);
    --_gap: var(--xoi-share-spacing, 0.5rem);
    --_focus: var(--xoi-share-focus-ring, 3px solid #1a73e8);
    display: inline-block;
    max-width: 100%;
    font: var(--xoi-share-font, inherit);
    color: var(--_text);
  }
  :host([hidden]) {
    display: none;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([color-scheme='light'])) {
      --_accent: var(--xoi-share-accent, #7cb4f5);
      --_accent-text: var(--xoi-share-accent-text, #0d1117);
      --_text: var(--xoi-share-text, #e6edf3);
      --_muted: var(--xoi-share-muted, #b1bac4);
      --_bg: var(--xoi-share-background, #161b22);
      --_border: var(--xoi-share-border, #6e7681);
      --_error: var(--xoi-share-error, #ff9a8f);
      --_focus: var(--xoi-share-focus-ring, 3px solid #9ecbff);
    }
  }
  :host([color-scheme='dark']) {
    --_accent: var(--xoi-share-accent, #7cb4f5);
    --_accent-text: var(--xoi-share-accent-text, #0d1117);
    --_text: var(--xoi-share-text, #e6edf3);
    --_muted: var(--xoi-share-muted, #b1bac4);
    --_bg: var(--xoi-share-background, #161b22);
    --_border: var(--xoi-share-border, #6e7681);
    --_error: var(--xoi-share-error, #ff9a8f);
    --_focus: var(--xoi-share-focus-ring, 3px solid #9ecbff);
  }
  .base {
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
  [tabindex='-1']:focus-visible {
    outline: var(--_focus);
    outline-offset: 2px;
  }
  [part~='prompt'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_gap);
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
  .status {
    color: var(--_muted);
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
    [part~='button'] {
      border-color: ButtonText;
    }
    button:focus-visible,
    a:focus-visible {
      outline-color: Highlight;
    }
  }
  @media (prefers-reduced-motion: no-preference) {
    button {
      transition: background-color 0.15s ease, box-shadow 0.15s ease;
    }
  }
`;
