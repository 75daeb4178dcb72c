// The Lit floor: the smallest bundle any LitElement-based <xoi-share-button> could be.
// One empty LitElement, registered. Built by bench/vite-bundle.mjs with scripts/build.mjs's settings.
import { LitElement } from 'lit';

customElements.define('lit-floor', class extends LitElement {});
