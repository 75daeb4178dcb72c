/**
 * What `<xoi-share-button>` shows, as a function of what it knows: the button, the question,
 * the confirmed link with its copy button, what is wrong, and the live region's sentence.
 * No state and no decisions here; the element passes them in.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Activity } from './activity-store.js';
import type { XoiShareStrings } from './strings.js';
import { fill } from '../shared/lang.js';
import { kebab, type ConfigProblem } from './share.js';
import type { Blocked } from './handoff.js';

export interface ShareButtonView {
  t: XoiShareStrings;
  activity: Activity;
  /** The work order, for the link's and copy button's names and the notices. */
  ticket: string;
  /** "Have you completed the workflow?" is showing. */
  question: boolean;
  /** Disabled by the host (the element, or its fieldset). */
  inactive: boolean;
  /** Nothing can be opened: the configuration is invalid or missing. */
  unusable: boolean;
  /** What is wrong: the configuration's problems, or the permissions missing to open XOi. */
  errors: Array<ConfigProblem | Blocked[]>;
  /** What the live region says: a key of the strings. */
  said: '' | 'asked' | 'linked' | 'incomplete' | 'copied' | 'copyFailed';
  copied: boolean;
  onPress: (event: MouseEvent) => void;
  onKeydown: (event: KeyboardEvent) => void;
  onAnswer: (completed: boolean) => void;
  onCopy: () => Promise<void>;
}

export function shareButtonTemplate(view: ShareButtonView): TemplateResult {
  const { t, activity, ticket, inactive } = view;
  const label = activity.state == 'linked' ? t.reopen : activity.state == 'pending' ? t.continue : '';
  const errors = view.errors.map((e) =>
    Array.isArray(e) ? fill(t.blocked, e.map((p) => t[p]).join(t.and)) : fill(t[e.code], kebab(e.field)),
  );
  // No whitespace between tags: every run of it would be one more text node per element.
  return html`<div class="base"
    ><button
      part="button"
      type="button"
      ?disabled=${inactive || view.unusable}
      aria-describedby=${errors.length ? 'error' : nothing}
      @click=${view.onPress}
      @keydown=${view.onKeydown}
    >${label || html`<slot>${t.open}</slot>`}</button
    >${
      view.question
        ? html`<div part="prompt" role="group" aria-labelledby="question"
          ><span id="question" class="question" tabindex="-1"><slot name="prompt">${t.question}</slot></span
          ><span class="answers"
            ><button part="yes" type="button" ?disabled=${inactive} @click=${() => view.onAnswer(true)}
              ><slot name="yes">${t.yes}</slot></button
            ><button part="no" type="button" ?disabled=${inactive} @click=${() => view.onAnswer(false)}
              ><slot name="no">${t.no}</slot></button
          ></span
        ></div>`
        : nothing
    }${
      activity.state == 'linked'
        ? html`<a part="link" href=${activity.shareLink} target="_blank" rel="noopener" title=${activity.shareLink}
            >${fill(t.linkLabel, ticket)}<span class="url">${activity.shareLink}</span></a
          ><button part="copy" type="button" aria-label=${fill(t.copyLabel, ticket)} @click=${view.onCopy}
            >${view.copied ? t.copied : t.copy}</button
          >`
        : nothing
    }${
      errors.length
        ? html`<p part="error" id="error" role="alert">${errors.map((text) => html`<span>${text} </span>`)}</p>`
        : nothing
    }<span class="sr" role="status">${view.said && fill(t[view.said], ticket)}</span></div
  >`;
}
