/**
 * Built-in strings. Adding a language is one object in `translations`; a missing language
 * falls back to English, and slots override any of the visible labels.
 */
import type { XoiShareErrorCode } from './share.js';

export interface XoiShareStrings {
  open: string;
  continue: string;
  reopen: string;
  question: string;
  yes: string;
  no: string;
  copy: string;
  copied: string;
  copyFailed: string;
  /** Accessible name of the link and the copy button; `ticket` is the work order. */
  linkLabel: (ticket: string) => string;
  copyLabel: (ticket: string) => string;
  /** Why a `required` element keeps its form from submitting. */
  requiredMessage: string;
  /** Announced when the question appears, when linked, when the answer is No. */
  askedNotice: string;
  linkedNotice: (ticket: string) => string;
  incompleteNotice: string;
  problem: (code: XoiShareErrorCode, attribute: string) => string;
}

const en: XoiShareStrings = {
  open: 'Document in XOi',
  continue: 'Continue in XOi',
  reopen: 'Open in XOi',
  question: 'Have you completed the workflow?',
  yes: 'Yes',
  no: 'No',
  copy: 'Copy link',
  copied: 'Link copied',
  copyFailed: 'Could not copy: select the link and copy it',
  linkLabel: (t) => `XOi share link for work order ${t}`,
  copyLabel: (t) => `Copy link for work order ${t}`,
  requiredMessage: 'Document the work in XOi and answer Yes to add the share link.',
  askedNotice: 'XOi Vision opened. When you return: have you completed the workflow?',
  linkedNotice: (t) => `Share link saved for work order ${t}.`,
  incompleteNotice: 'Not finished yet. Use Continue in XOi to go back to it.',
  problem: (code, attr) =>
    code === 'missing-field'
      ? `XOi is not set up: ${attr} is missing.`
      : code === 'invalid-field'
        ? `XOi is not set up: ${attr} is not valid.`
        : 'This browser cannot remember the XOi activity; it is kept until the page closes.',
};

const es: XoiShareStrings = {
  open: 'Documentar en XOi',
  continue: 'Continuar en XOi',
  reopen: 'Abrir en XOi',
  question: '¿Ha completado el flujo de trabajo?',
  yes: 'Sí',
  no: 'No',
  copy: 'Copiar enlace',
  copied: 'Enlace copiado',
  copyFailed: 'No se pudo copiar: seleccione el enlace y cópielo',
  linkLabel: (t) => `Enlace de XOi para la orden de trabajo ${t}`,
  copyLabel: (t) => `Copiar enlace de la orden de trabajo ${t}`,
  requiredMessage: 'Documente el trabajo en XOi y responda Sí para añadir el enlace.',
  askedNotice: 'XOi Vision se abrió. Al volver: ¿ha completado el flujo de trabajo?',
  linkedNotice: (t) => `Enlace guardado para la orden de trabajo ${t}.`,
  incompleteNotice: 'Aún sin terminar. Use Continuar en XOi para retomarlo.',
  problem: (code, attr) =>
    code === 'missing-field'
      ? `XOi no está configurado: falta ${attr}.`
      : code === 'invalid-field'
        ? `XOi no está configurado: ${attr} no es válido.`
        : 'Este navegador no puede recordar la actividad de XOi; se conserva hasta cerrar la página.',
};

const fr: XoiShareStrings = {
  open: 'Documenter dans XOi',
  continue: 'Continuer dans XOi',
  reopen: 'Ouvrir dans XOi',
  question: 'Avez-vous terminé le flux de travail ?',
  yes: 'Oui',
  no: 'Non',
  copy: 'Copier le lien',
  copied: 'Lien copié',
  copyFailed: 'Copie impossible : sélectionnez le lien et copiez-le',
  linkLabel: (t) => `Lien XOi du bon de travail ${t}`,
  copyLabel: (t) => `Copier le lien du bon de travail ${t}`,
  requiredMessage: 'Documentez le travail dans XOi et répondez Oui pour ajouter le lien.',
  askedNotice: 'XOi Vision est ouvert. À votre retour : avez-vous terminé le flux de travail ?',
  linkedNotice: (t) => `Lien enregistré pour le bon de travail ${t}.`,
  incompleteNotice: 'Pas encore terminé. Utilisez Continuer dans XOi pour le reprendre.',
  problem: (code, attr) =>
    code === 'missing-field'
      ? `XOi n’est pas configuré : ${attr} manque.`
      : code === 'invalid-field'
        ? `XOi n’est pas configuré : ${attr} n’est pas valide.`
        : 'Ce navigateur ne peut pas mémoriser l’activité XOi ; elle est conservée jusqu’à la fermeture de la page.',
};

export const translations: Record<string, XoiShareStrings> = { en, es, fr };

/** The strings for a BCP 47 tag: exact match, then its primary language, then English. */
export function stringsFor(lang: string): XoiShareStrings {
  const tag = lang.toLowerCase();
  return translations[tag] ?? translations[tag.split('-')[0]] ?? en;
}

/** The nearest `lang` up the composed tree (through shadow roots), else the document's. */
export function langOf(node: Element): string {
  for (let el: Element | null = node; el;) {
    if (el.hasAttribute('lang')) return el.getAttribute('lang')!;
    el = el.parentElement ?? ((el.getRootNode() as ShadowRoot).host || null);
  }
  return node.ownerDocument.documentElement.lang;
}
