// The per-item floor: the least a LitElement can do to show what an idle <xoi-share-button>
// shows. The same shadow tree (the element's own template function, with the idle view, so the
// DOM and Lit's parts match by construction; scripts/bench.mjs compares the two shadow roots)
// and the same style sheet, adopted once for all instances as Lit does. Nothing else: no
// properties, no storage read, no validation, no form association, no language observer, no
// share id, no `state` attribute on the host.
// Built with the shipped settings by bench/vite-bundle.mjs; `npm run bench` renders it beside
// the element and the plain form.
import { LitElement } from 'lit';
import { translations } from '../src/share-button/strings.ts';
import { styles } from '../src/share-button/styles.ts';
import { shareButtonTemplate } from '../src/share-button/template.ts';

const idle = {
  t: translations.en,
  activity: { shareId: '', state: 'idle', shareLink: '', updatedAt: 0 },
  ticket: '',
  question: false,
  inactive: false,
  unusable: false,
  errors: [],
  said: '',
  copied: false,
  onPress() {},
  onKeydown() {},
  onAnswer() {},
  async onCopy() {},
};

customElements.define(
  'xoi-share-floor',
  class extends LitElement {
    static styles = styles;
    render() {
      return shareButtonTemplate(idle);
    }
  },
);
