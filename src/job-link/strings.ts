/**
 * `<xoi-job-link>`'s built-in strings. Adding a language is one object in `jobLinkTranslations`;
 * a missing language falls back to English.
 *
 * Plain text only: each `{}` takes the next value given to `fill` (lang.ts: a job label, a date, an
 * email). The error keys are the `xoi-job-link-error` codes, so the element looks them up
 * without a table of its own.
 */
import type { XoiJobLinkErrorCode } from './events.js';
import { pickStrings } from '../shared/lang.js';

export interface XoiJobLinkStrings extends Record<XoiJobLinkErrorCode, string> {
  /** BCP 47 tag for dates and plurals. */
  locale: string;
  start: string;
  loadingLink: string;
  loadingJobs: string;
  filterLabel: string;
  search: string;
  /** The list's heading: one job, several jobs. */
  countOne: string;
  countOther: string;
  noLabel: string;
  created: string;
  completed: string;
  notCompleted: string;
  empty: string;
  emptyFiltered: string;
  showAll: string;
  /** The list's heading while more jobs follow; the button that shows them; while it reads; when it failed. */
  countMore: string;
  showMore: string;
  loadingMore: string;
  moreFailed: string;
  truncated: string;
  cancel: string;
  completeQuestion: string;
  completeHint: string;
  yes: string;
  no: string;
  notComplete: string;
  linkQuestion: string;
  linkWarning: string;
  linkConfirm: string;
  linking: string;
  linkedTitle: string;
  linkedMeta: string;
  shareLink: string;
  open: string;
  copy: string;
  copied: string;
  copyFailed: string;
  raced: string;
  retry: string;
  back: string;
  /** 409 when the chosen job went to another work order; 409 while a link is in progress. */
  jobTaken: string;
  inProgress: string;
}

const en: XoiJobLinkStrings = {
  locale: 'en',
  start: 'Link XOi job',
  loadingLink: 'Checking the XOi link…',
  loadingJobs: 'Loading your XOi jobs…',
  filterLabel: 'Job label',
  search: 'Search',
  countOne: '1 XOi job to link',
  countOther: '{} XOi jobs to link',
  noLabel: '(no label)',
  created: 'created {}',
  completed: 'completed {}',
  notCompleted: 'not completed in XOi',
  empty: 'You have no XOi job to link. Create the job in XOi Vision, complete it, then come back.',
  emptyFiltered: 'No XOi job matches “{}”.',
  showAll: 'Show all my jobs',
  countMore: 'Your {} most recent XOi jobs to link',
  showMore: 'Show more',
  loadingMore: 'Loading more…',
  moreFailed: 'More of your XOi jobs could not be loaded. Try again.',
  truncated: 'Only your most recent XOi jobs are listed.',
  cancel: 'Cancel',
  completeQuestion: 'Is the work on “{}” complete in XOi?',
  completeHint: 'XOi does not show this job as completed yet.',
  yes: 'Yes, it is complete',
  no: 'No',
  notComplete: 'Finish the workflows and complete the job in XOi Vision first, then link it.',
  linkQuestion: 'Link “{}” to this work order?',
  linkWarning: 'Once linked, it cannot be unlinked.',
  linkConfirm: 'Link job',
  linking: 'Linking the XOi job…',
  linkedTitle: 'Linked to XOi job “{}”',
  linkedMeta: 'Linked {} by {}',
  shareLink: 'Public share link',
  open: 'Open in XOi',
  copy: 'Copy link',
  copied: 'Link copied',
  copyFailed: 'Could not copy: select the link and copy it',
  raced: 'This work order was linked in another session just before. This is its link.',
  retry: 'Try again',
  back: 'Back to the list',
  jobTaken: 'This XOi job has just been linked to another work order. Choose another job.',
  inProgress: 'This work order is being linked right now. Try again in a moment.',
  unauthenticated: 'Your session has ended. Sign in again, then try again.',
  forbidden: 'You cannot link this job: it is not assigned to you, or your account has no valid email address.',
  'not-found': 'This work order or XOi job no longer exists.',
  'already-linked': 'This work order or XOi job is already linked.',
  'xoi-unavailable': 'XOi is not answering right now. Nothing was changed; try again in a minute.',
  internal: 'The server had a problem. Try again, or tell your administrator.',
  'invalid-request': 'The server refused the request. Tell your administrator.',
  'method-not-allowed': 'The server refused the request. Tell your administrator.',
  network: 'No connection to the server. Check the network and try again.',
  'bad-response': 'The server’s answer was not understood. Tell your administrator.',
  'invalid-endpoint': 'XOi job linking is not set up: the endpoint is not a valid address.',
  'invalid-work-order': 'XOi job linking is not set up: the work order id is not valid.',
};

const es: XoiJobLinkStrings = {
  locale: 'es',
  start: 'Vincular trabajo de XOi',
  loadingLink: 'Comprobando el vínculo con XOi…',
  loadingJobs: 'Cargando sus trabajos de XOi…',
  filterLabel: 'Etiqueta del trabajo',
  search: 'Buscar',
  countOne: '1 trabajo de XOi por vincular',
  countOther: '{} trabajos de XOi por vincular',
  noLabel: '(sin etiqueta)',
  created: 'creado el {}',
  completed: 'completado el {}',
  notCompleted: 'sin completar en XOi',
  empty: 'No tiene trabajos de XOi por vincular. Cree el trabajo en XOi Vision, complételo y vuelva.',
  emptyFiltered: 'Ningún trabajo de XOi coincide con «{}».',
  showAll: 'Ver todos mis trabajos',
  countMore: 'Sus {} trabajos de XOi más recientes por vincular',
  showMore: 'Mostrar más',
  loadingMore: 'Cargando más…',
  moreFailed: 'No se pudieron cargar más trabajos de XOi. Vuelva a intentarlo.',
  truncated: 'Solo se muestran sus trabajos de XOi más recientes.',
  cancel: 'Cancelar',
  completeQuestion: '¿Está completo en XOi el trabajo «{}»?',
  completeHint: 'XOi aún no muestra este trabajo como completado.',
  yes: 'Sí, está completo',
  no: 'No',
  notComplete: 'Termine los flujos de trabajo y complete el trabajo en XOi Vision antes de vincularlo.',
  linkQuestion: '¿Vincular «{}» a esta orden de trabajo?',
  linkWarning: 'Una vez vinculado, no se puede desvincular.',
  linkConfirm: 'Vincular trabajo',
  linking: 'Vinculando el trabajo de XOi…',
  linkedTitle: 'Vinculada al trabajo de XOi «{}»',
  linkedMeta: 'Vinculada el {} por {}',
  shareLink: 'Enlace público',
  open: 'Abrir en XOi',
  copy: 'Copiar enlace',
  copied: 'Enlace copiado',
  copyFailed: 'No se pudo copiar: seleccione el enlace y cópielo',
  raced: 'Esta orden de trabajo se acaba de vincular en otra sesión. Este es su enlace.',
  retry: 'Reintentar',
  back: 'Volver a la lista',
  jobTaken: 'Este trabajo de XOi se acaba de vincular a otra orden de trabajo. Elija otro trabajo.',
  inProgress: 'Esta orden de trabajo se está vinculando ahora mismo. Reintente en un momento.',
  unauthenticated: 'Su sesión terminó. Inicie sesión de nuevo y reintente.',
  forbidden:
    'No puede vincular este trabajo: no está asignado a usted, o su cuenta no tiene un correo electrónico válido.',
  'not-found': 'Esta orden de trabajo o este trabajo de XOi ya no existe.',
  'already-linked': 'Esta orden de trabajo o este trabajo de XOi ya está vinculado.',
  'xoi-unavailable': 'XOi no responde en este momento. No se cambió nada; reintente en un minuto.',
  internal: 'El servidor tuvo un problema. Reintente o avise a su administrador.',
  'invalid-request': 'El servidor rechazó la solicitud. Avise a su administrador.',
  'method-not-allowed': 'El servidor rechazó la solicitud. Avise a su administrador.',
  network: 'Sin conexión con el servidor. Compruebe la red y reintente.',
  'bad-response': 'No se entendió la respuesta del servidor. Avise a su administrador.',
  'invalid-endpoint': 'La vinculación con XOi no está configurada: el endpoint no es una dirección válida.',
  'invalid-work-order':
    'La vinculación con XOi no está configurada: el identificador de la orden de trabajo no es válido.',
};

const fr: XoiJobLinkStrings = {
  locale: 'fr',
  start: 'Lier une tâche XOi',
  loadingLink: 'Vérification du lien XOi…',
  loadingJobs: 'Chargement de vos tâches XOi…',
  filterLabel: 'Libellé de la tâche',
  search: 'Rechercher',
  countOne: '1 tâche XOi à lier',
  countOther: '{} tâches XOi à lier',
  noLabel: '(sans libellé)',
  created: 'créée le {}',
  completed: 'terminée le {}',
  notCompleted: 'non terminée dans XOi',
  empty: 'Vous n’avez aucune tâche XOi à lier. Créez la tâche dans XOi Vision, terminez-la, puis revenez.',
  emptyFiltered: 'Aucune tâche XOi ne correspond à « {} ».',
  showAll: 'Voir toutes mes tâches',
  countMore: 'Vos {} tâches XOi les plus récentes à lier',
  showMore: 'Afficher plus',
  loadingMore: 'Chargement de la suite…',
  moreFailed: 'Impossible de charger plus de tâches XOi. Réessayez.',
  truncated: 'Seules vos tâches XOi les plus récentes sont listées.',
  cancel: 'Annuler',
  completeQuestion: 'Le travail de « {} » est-il terminé dans XOi ?',
  completeHint: 'XOi n’indique pas encore cette tâche comme terminée.',
  yes: 'Oui, il est terminé',
  no: 'Non',
  notComplete: 'Terminez les flux de travail et la tâche dans XOi Vision avant de la lier.',
  linkQuestion: 'Lier « {} » à ce bon de travail ?',
  linkWarning: 'Une fois lié, le lien ne peut pas être défait.',
  linkConfirm: 'Lier la tâche',
  linking: 'Liaison de la tâche XOi…',
  linkedTitle: 'Lié à la tâche XOi « {} »',
  linkedMeta: 'Lié le {} par {}',
  shareLink: 'Lien public de partage',
  open: 'Ouvrir dans XOi',
  copy: 'Copier le lien',
  copied: 'Lien copié',
  copyFailed: 'Copie impossible : sélectionnez le lien et copiez-le',
  raced: 'Ce bon de travail vient d’être lié dans une autre session. Voici son lien.',
  retry: 'Réessayer',
  back: 'Retour à la liste',
  jobTaken: 'Cette tâche XOi vient d’être liée à un autre bon de travail. Choisissez-en une autre.',
  inProgress: 'Ce bon de travail est en cours de liaison. Réessayez dans un instant.',
  unauthenticated: 'Votre session a expiré. Reconnectez-vous, puis réessayez.',
  forbidden:
    'Vous ne pouvez pas lier cette tâche : elle ne vous est pas assignée, ou votre compte n’a pas d’adresse e-mail valide.',
  'not-found': 'Ce bon de travail ou cette tâche XOi n’existe plus.',
  'already-linked': 'Ce bon de travail ou cette tâche XOi est déjà lié.',
  'xoi-unavailable': 'XOi ne répond pas pour le moment. Rien n’a été modifié ; réessayez dans une minute.',
  internal: 'Le serveur a rencontré un problème. Réessayez, ou prévenez votre administrateur.',
  'invalid-request': 'Le serveur a refusé la requête. Prévenez votre administrateur.',
  'method-not-allowed': 'Le serveur a refusé la requête. Prévenez votre administrateur.',
  network: 'Pas de connexion au serveur. Vérifiez le réseau et réessayez.',
  'bad-response': 'La réponse du serveur n’a pas été comprise. Prévenez votre administrateur.',
  'invalid-endpoint': 'La liaison XOi n’est pas configurée : l’endpoint n’est pas une adresse valide.',
  'invalid-work-order': 'La liaison XOi n’est pas configurée : l’identifiant du bon de travail n’est pas valide.',
};

export const jobLinkTranslations: Record<string, XoiJobLinkStrings> = { en, es, fr };

/** The strings for a BCP 47 tag: exact match, then its primary language, then English. */
export const jobLinkStringsFor = (lang: string): XoiJobLinkStrings => pickStrings(jobLinkTranslations, lang);
