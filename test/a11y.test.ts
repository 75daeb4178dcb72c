import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import '../src/define.js';
import type { XoiShareButton } from '../src/share-button/element.js';
import { captureFrame, hasPart, mountElement, part, pressAndWait, textOf, uid, waitUntil } from './helpers.js';
import { hostPage, type HostPage } from './host-page.js';

type State = 'idle' | 'pending' | 'linked' | 'invalid';

/** An element in the given state, inside a container with `lang` and `style`. */
async function inState(state: State, lang = 'en', style = '', className = '') {
  const capture = captureFrame();
  const { el, wrapper: container } = await mountElement(
    {
      'partner-id': uid('partner'),
      'service-ticket': 'WO-3003',
      customer: 'Café Nuñez',
      location: 'Calle Mayor 1',
      'base-url': location.origin,
      target: capture.name,
      storage: 'none',
    },
    undefined,
    { lang, style, className },
  );
  if (state === 'invalid') el.removeAttribute('location');
  if (state === 'pending' || state === 'linked') {
    await pressAndWait(el, capture);
  }
  if (state === 'linked') el.confirm(true);
  await el.updateComplete;
  expect(el.state).to.equal(state);
  return { el, container };
}

/**
 * A dark OS where the browser can be told so per test: Chromium (puppeteer, CDP media
 * emulation). Firefox's driver (WebDriver BiDi) has no such command: there the page gets its dark
 * preferred scheme from its <iframe>'s color-scheme. WebKit's whole run has a dark GTK theme
 * (scripts/webkit-launcher.mjs). The test checks matchMedia, so it cannot pass on a light OS.
 */
async function preferDarkOs(): Promise<() => Promise<void>> {
  try {
    await emulateMedia({ colorScheme: 'dark' });
  } catch {
    return async () => {};
  }
  return async () => {
    await emulateMedia({ colorScheme: 'light' });
  };
}

const activeInShadow = (el: XoiShareButton) => el.shadowRoot!.activeElement as HTMLElement | null;

describe('accessibility', () => {
  for (const lang of ['en', 'es', 'fr']) {
    for (const state of ['idle', 'pending', 'linked', 'invalid'] as const) {
      it(`has no axe violations: ${state}, ${lang}`, async () => {
        const { el } = await inState(state, lang);
        await expect(el).to.be.accessible();
      });
    }
  }

  it('has no axe violations in the dark scheme', async () => {
    for (const state of ['pending', 'linked', 'invalid'] as const) {
      const { el } = await inState(
        state,
        'en',
        'color-scheme: dark; background: #0d1117; color: #e6edf3; padding: 8px',
      );
      await expect(el).to.be.accessible();
    }
  });

  it('a keyboard-only technician completes the flow: Tab, Enter, Tab, Space, Tab, Enter', async () => {
    const capture = captureFrame();
    const container = await fixture<HTMLDivElement>(html`<div>
      <button id="before">Work order notes</button>
      <xoi-share-button
        partner-id=${uid('partner')}
        service-ticket="WO-4004"
        customer="Müller Kälte GmbH"
        location="Hauptstraße 5"
        base-url=${location.origin}
        target=${capture.name}
        storage="none"
      ></xoi-share-button>
    </div>`);
    const el = container.querySelector('xoi-share-button')!;
    await el.updateComplete;
    container.querySelector<HTMLButtonElement>('#before')!.focus();

    await sendKeys({ press: 'Tab' });
    expect(document.activeElement).to.equal(el);
    expect(activeInShadow(el)).to.equal(part(el, 'button'));

    const posted = capture.nextLoad();
    await sendKeys({ press: 'Enter' });
    await posted;
    await el.updateComplete;
    expect(el.state).to.equal('pending');
    // Focus moves to the question as it appears, so it is read out on return from XOi.
    expect(textOf(activeInShadow(el)!)).to.equal('Have you completed the workflow?');

    await sendKeys({ press: 'Tab' });
    expect(activeInShadow(el)).to.equal(part(el, 'yes'));
    await sendKeys({ press: ' ' });
    await el.updateComplete;
    expect(el.state).to.equal('linked');
    expect(activeInShadow(el)).to.equal(part(el, 'link'));

    await sendKeys({ press: 'Tab' });
    expect(activeInShadow(el)).to.equal(part(el, 'copy'));
    await sendKeys({ press: 'Enter' });
    const status = el.shadowRoot!.querySelector('[role="status"]')!;
    await waitUntil(() => textOf(status) !== 'Share link saved for work order WO-4004.');
    // Whether the headless browser grants clipboard access varies; either outcome is announced.
    expect(['Link copied', 'Could not copy: select the link and copy it']).to.include(textOf(status));
    expect(activeInShadow(el)).to.equal(part(el, 'copy'));
  });

  it('No returns focus to the button, which now reads "Continue in XOi"', async () => {
    const { el } = await inState('pending');
    part(el, 'no').click();
    await el.updateComplete;
    expect(activeInShadow(el)).to.equal(part(el, 'button'));
    expect(textOf(part(el, 'button'))).to.equal('Continue in XOi');
  });

  it('announces each state change in a polite live region', async () => {
    const { el } = await inState('pending');
    const status = el.shadowRoot!.querySelector('[role="status"]')!;
    expect(textOf(status)).to.equal('XOi Vision opened. When you return: have you completed the workflow?');
    part(el, 'no').click();
    await el.updateComplete;
    expect(textOf(status)).to.equal('Not finished yet. Use Continue in XOi to go back to it.');
    el.open();
    el.confirm(true);
    await el.updateComplete;
    expect(textOf(status)).to.equal('Share link saved for work order WO-3003.');
  });

  it('the link and copy button are named with the work order', async () => {
    const { el } = await inState('linked');
    const link = part<HTMLAnchorElement>(el, 'link');
    expect(textOf(link)).to.equal('XOi share link for work order WO-3003');
    expect(link.title).to.equal(el.value);
    expect(part(el, 'copy').getAttribute('aria-label')).to.equal('Copy link for work order WO-3003');
  });

  it('every control is at least 44×44 CSS px', async () => {
    const { el } = await inState('pending');
    for (const name of ['button', 'yes', 'no']) {
      const box = part(el, name).getBoundingClientRect();
      expect(box.width, name).to.be.at.least(44);
      expect(box.height, name).to.be.at.least(44);
    }
    el.confirm(true);
    await el.updateComplete;
    for (const name of ['button', 'link', 'copy']) {
      const box = part(el, name).getBoundingClientRect();
      expect(box.width, name).to.be.at.least(44);
      expect(box.height, name).to.be.at.least(44);
    }
  });

  it('shows a visible focus ring', async () => {
    const { el, container } = await inState('idle');
    const before = document.createElement('button');
    before.textContent = 'Before';
    container.prepend(before);
    const unfocused = getComputedStyle(part(el, 'button')).outlineStyle;
    before.focus();
    await sendKeys({ press: 'Tab' });
    expect(activeInShadow(el)).to.equal(part(el, 'button'));
    const focused = getComputedStyle(part(el, 'button'));
    expect(unfocused).to.equal('none');
    expect(focused.outlineStyle).to.equal('solid');
    expect(parseFloat(focused.outlineWidth)).to.be.at.least(2);
  });
});

describe('languages', () => {
  const expected = {
    en: {
      button: 'Document in XOi',
      question: 'Have you completed the workflow?',
      yes: 'Yes',
      no: 'No',
      copy: 'Copy link',
      error: 'XOi is not set up: location is missing.',
    },
    es: {
      button: 'Documentar en XOi',
      question: '¿Ha completado el flujo de trabajo?',
      yes: 'Sí',
      no: 'No',
      copy: 'Copiar enlace',
      error: 'XOi no está configurado: falta location.',
    },
    fr: {
      button: 'Documenter dans XOi',
      question: 'Avez-vous terminé le flux de travail ?',
      yes: 'Oui',
      no: 'Non',
      copy: 'Copier le lien',
      error: 'XOi n’est pas configuré : location manque.',
    },
  };
  for (const [lang, t] of Object.entries(expected)) {
    it(`speaks ${lang} in every state`, async () => {
      expect(textOf(part((await inState('idle', lang)).el, 'button'))).to.equal(t.button);
      const { el } = await inState('pending', lang);
      expect(textOf(el.shadowRoot!.querySelector('.question')!)).to.equal(t.question);
      expect(textOf(part(el, 'yes'))).to.equal(t.yes);
      expect(textOf(part(el, 'no'))).to.equal(t.no);
      el.confirm(true);
      await el.updateComplete;
      expect(textOf(part(el, 'copy'))).to.equal(t.copy);
      expect(textOf(part((await inState('invalid', lang)).el, 'error'))).to.equal(t.error);
    });
  }

  it('falls back from a regional tag to its language, then to English', async () => {
    expect(textOf(part((await inState('idle', 'es-MX')).el, 'button'))).to.equal('Documentar en XOi');
    expect(textOf(part((await inState('idle', 'de-DE')).el, 'button'))).to.equal('Document in XOi');
  });

  it('uses the document language when no ancestor has one', async () => {
    const saved = document.documentElement.lang;
    document.documentElement.lang = 'fr';
    try {
      const el = await fixture<XoiShareButton>(html`<xoi-share-button storage="none"></xoi-share-button>`);
      expect(textOf(part(el, 'button'))).to.equal('Documenter dans XOi');
    } finally {
      document.documentElement.lang = saved;
    }
  });

  it('slots override the built-in words', async () => {
    const capture = captureFrame();
    const el = await fixture<XoiShareButton>(html`<xoi-share-button
      lang="es"
      partner-id=${uid('partner')}
      service-ticket="WO-5"
      customer="c"
      location="l"
      base-url=${location.origin}
      target=${capture.name}
      storage="none"
      ><span slot="prompt">¿Terminó la inspección?</span><span slot="yes">Terminé</span></xoi-share-button
    >`);
    await pressAndWait(el, capture);
    await el.updateComplete;
    const assigned = (name: string) =>
      el
        .shadowRoot!.querySelector<HTMLSlotElement>(`slot[name="${name}"]`)!
        .assignedElements()
        .map((n) => n.textContent);
    expect(assigned('prompt')).to.deep.equal(['¿Terminó la inspección?']);
    expect(assigned('yes')).to.deep.equal(['Terminé']);
    expect(textOf(part(el, 'no'))).to.equal('No');
  });
});

describe('theming', () => {
  const rgb = (el: Element, prop: string) => getComputedStyle(el).getPropertyValue(prop);

  it('light by default, even when the OS prefers dark, unless the page opts in', async () => {
    const undoDark = await preferDarkOs();
    try {
      const attrs = () => ({
        'partner-id': uid('partner'),
        'service-ticket': 'WO-3003',
        customer: 'Café Nuñez',
        location: 'Calle Mayor 1',
        storage: 'none',
      });
      // A frame whose <iframe> is dark: how Firefox gives a page a dark preferred scheme.
      const frameStyle = 'color-scheme: dark';
      const lightOnly = await hostPage(attrs(), { frameStyle });
      const buttonOf = (page: HostPage) => page.win.getComputedStyle(part(page.el, 'button')).backgroundColor;
      expect(lightOnly.win.matchMedia('(prefers-color-scheme: dark)').matches, 'the page sees a dark OS').to.equal(
        true,
      );
      expect(buttonOf(lightOnly), 'on a page that declares no color-scheme').to.equal('rgb(11, 92, 173)');

      // The page opts in before the element renders (a later switch would start its transition).
      const optedIn = await hostPage(attrs(), { frameStyle, late: true });
      optedIn.doc.documentElement.style.colorScheme = 'light dark';
      await optedIn.win.defineNow();
      await optedIn.ready();
      expect(optedIn.win.matchMedia('(prefers-color-scheme: dark)').matches, 'the page sees a dark OS').to.equal(true);
      expect(buttonOf(optedIn), 'on a page that declares color-scheme: light dark').to.equal('rgb(124, 180, 245)');
    } finally {
      await undoDark();
      document.querySelectorAll('iframe').forEach((f) => f.remove());
    }
  });

  it('dark when the host says color-scheme: dark', async () => {
    const { el } = await inState('pending', 'en', 'color-scheme: dark');
    expect(rgb(part(el, 'button'), 'background-color')).to.equal('rgb(124, 180, 245)');
    expect(rgb(part(el, 'yes'), 'background-color')).to.equal('rgb(22, 27, 34)');
  });

  it('custom properties restyle every piece; ::part() reaches each one', async () => {
    const style = document.createElement('style');
    style.textContent = `
      .themed xoi-share-button { --xoi-share-accent: rgb(1, 2, 3); --xoi-share-radius: 0px; --xoi-share-background: rgb(4, 5, 6); --xoi-share-text: rgb(250, 250, 250); }
      .themed xoi-share-button::part(link) { text-decoration-line: none; }
      .themed xoi-share-button::part(copy) { letter-spacing: 2px; }
    `;
    document.head.append(style);
    try {
      // Themed from the first render: a later change would start the buttons' colour transition.
      const { el } = await inState('linked', 'en', '', 'themed');
      expect(rgb(part(el, 'button'), 'background-color')).to.equal('rgb(1, 2, 3)');
      expect(rgb(part(el, 'button'), 'border-top-left-radius')).to.equal('0px');
      expect(rgb(part(el, 'copy'), 'background-color')).to.equal('rgb(4, 5, 6)');
      expect(rgb(part(el, 'copy'), 'color')).to.equal('rgb(250, 250, 250)');
      expect(rgb(part(el, 'copy'), 'letter-spacing')).to.equal('2px');
      expect(rgb(part(el, 'link'), 'text-decoration-line')).to.equal('none');
    } finally {
      style.remove();
    }
  });

  it('inherits the host page font', async () => {
    const { el } = await inState('pending', 'en', 'font-family: Georgia, serif; font-size: 19px');
    expect(rgb(part(el, 'yes'), 'font-family')).to.contain('Georgia');
    expect(rgb(part(el, 'yes'), 'font-size')).to.equal('19px');
  });

  it('every visible piece is a part', async () => {
    const pending = (await inState('pending')).el;
    expect(['button', 'prompt', 'yes', 'no'].every((n) => hasPart(pending, n))).to.equal(true);
    const linked = (await inState('linked')).el;
    expect(['button', 'link', 'copy'].every((n) => hasPart(linked, n))).to.equal(true);
    expect(hasPart((await inState('invalid')).el, 'error')).to.equal(true);
  });
});
