// The data floor: the Lit floor plus the content every <xoi-share-button> must carry whatever
// its code looks like: the built-in strings (en, es, fr) and the style sheet, no logic.
// Built like bench/lit-floor.js; `npm run bench` reports it so "our code" splits into data and logic.
import { LitElement } from 'lit';
import { translations } from '../src/share-button/strings.ts';
import { styles } from '../src/share-button/styles.ts';

customElements.define(
  'data-floor',
  class extends LitElement {
    static styles = styles;
    static strings = translations;
  },
);
