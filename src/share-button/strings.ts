/**
 * Built-in strings. Adding a language is one object in `translations`; a missing language
 * falls back to English, and slots override any of the visible labels.
 *
 * Plain text only: `{}` is where the work order number (or, in the problems, the attribute at
 * fault) goes. The keys of the notices are the element's notices, and those of the problems
 * are the `xoi-share-error` codes, so the element looks them up without a table of its own.
 */
import { pickStrings } from '../shared/lang.js';
import type { XoiShareErrorCode } from './share.js';
import type { Blocked } from './handoff.js';

/** Shown on screen: a configuration problem, or a blocked hand-off (a storage fault is only an event). */
type ShownCode = Exclude<XoiShareErrorCode, 'storage-unavailable'>;

/**
 * `blocked`'s `{}` is what to allow: each missing permission's name (`allow-forms`,
 * `allow-popups`), joined by `and`.
 */
export interface XoiShareStrings extends Record<ShownCode | Blocked, string> {
  open: string;
  continue: string;
  reopen: string;
  question: string;
  yes: string;
  no: string;
  copy: string;
  copied: string;
  copyFailed: string;
  /** Accessible name of the link and of the copy button. */
  linkLabel: string;
  copyLabel: string;
  /** Why a `required` element keeps its form from submitting. */
  requiredMessage: string;
  /** Announced when the question appears, when linked, when the answer is No. */
  asked: string;
  linked: string;
  incomplete: string;
  and: string;
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
  linkLabel: 'XOi share link for work order {}',
  copyLabel: 'Copy link for work order {}',
  requiredMessage: 'Document the work in XOi and answer Yes to add the share link.',
  asked: 'XOi Vision opened. When you return: have you completed the workflow?',
  linked: 'Share link saved for work order {}.',
  incomplete: 'Not finished yet. Use Continue in XOi to go back to it.',
  'missing-field': 'XOi is not set up: {} is missing.',
  'invalid-field': 'XOi is not set up: {} is not valid.',
  blocked: 'The browser blocked XOi from opening here. Allow {} for this page, or ask your administrator.',
  'allow-forms': 'forms',
  'allow-popups': 'pop-ups',
  and: ' and ',
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
  linkLabel: 'Enlace de XOi para la orden de trabajo {}',
  copyLabel: 'Copiar enlace de la orden de trabajo {}',
  requiredMessage: 'Documente el trabajo en XOi y responda Sí para añadir el enlace.',
  asked: 'XOi Vision se abrió. Al volver: ¿ha completado el flujo de trabajo?',
  linked: 'Enlace guardado para la orden de trabajo {}.',
  incomplete: 'Aún sin terminar. Use Continuar en XOi para retomarlo.',
  'missing-field': 'XOi no está configurado: falta {}.',
  'invalid-field': 'XOi no está configurado: {} no es válido.',
  blocked: 'El navegador impidió abrir XOi aquí. Permita {} en esta página o consulte a su administrador.',
  'allow-forms': 'formularios',
  'allow-popups': 'ventanas emergentes',
  and: ' y ',
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
  linkLabel: 'Lien XOi du bon de travail {}',
  copyLabel: 'Copier le lien du bon de travail {}',
  requiredMessage: 'Documentez le travail dans XOi et répondez Oui pour ajouter le lien.',
  asked: 'XOi Vision est ouvert. À votre retour : avez-vous terminé le flux de travail ?',
  linked: 'Lien enregistré pour le bon de travail {}.',
  incomplete: 'Pas encore terminé. Utilisez Continuer dans XOi pour le reprendre.',
  'missing-field': 'XOi n’est pas configuré : {} manque.',
  'invalid-field': 'XOi n’est pas configuré : {} n’est pas valide.',
  blocked:
    'Le navigateur a empêché l’ouverture de XOi ici. Autorisez {} sur cette page, ou contactez votre administrateur.',
  'allow-forms': 'les formulaires',
  'allow-popups': 'les fenêtres contextuelles',
  and: ' et ',
};

export const translations: Record<string, XoiShareStrings> = { en, es, fr };

/** The strings for a BCP 47 tag: exact match, then its primary language, then English. */
export const stringsFor = (lang: string): XoiShareStrings => pickStrings(translations, lang);
